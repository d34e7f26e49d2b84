import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layerRule = (message, group) => ['error', { patterns: [{ group, message }] }];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/cdk.out/**',
      '**/dist/**',
      'web/build/**',
      'web/.svelte-kit/**',
      '.data/**',
      'bench/results.json',
      'bench/.out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name="only"]', message: 'Do not commit .only tests.' },
        { selector: 'CallExpression[callee.property.name="skip"]', message: 'Do not commit skipped tests.' },
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier",
          message:
            "Import zod as a namespace (import * as z from 'zod'): a named import makes esbuild keep all of zod, locales included (ADR 0016).",
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': layerRule(
        'shared/ is pure domain code: no AWS SDK, no services, infra or web.',
        [
          '@aws-sdk/*',
          '@kikan/services',
          '@kikan/services/*',
          '@kikan/infra',
          '@kikan/web',
          '@sveltejs/*',
          'aws-cdk-lib',
          'aws-cdk-lib/*',
        ],
      ),
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ reads no environment.' }],
    },
  },
  {
    files: ['web/**'],
    rules: {
      'no-restricted-imports': layerRule(
        'The portal talks to the API over HTTP; it imports only @kikan/shared.',
        [
          '@aws-sdk/*',
          '@kikan/services',
          '@kikan/services/*',
          '@kikan/infra',
          'aws-cdk-lib',
          'aws-cdk-lib/*',
          'aws-jwt-verify',
          'aws-jwt-verify/*',
        ],
      ),
    },
  },
  {
    files: ['services/**'],
    rules: {
      'no-restricted-imports': layerRule('services/ must not depend on infra or the portal.', [
        '@kikan/infra',
        '@kikan/web',
        'aws-cdk-lib',
        'aws-cdk-lib/*',
      ]),
    },
  },
  {
    files: ['services/src/**'],
    ignores: ['services/src/data/**'],
    rules: {
      'no-restricted-imports': layerRule(
        'Only services/src/data talks to DynamoDB; handlers go through the data layer.',
        [
          '@aws-sdk/client-dynamodb',
          '@aws-sdk/lib-dynamodb',
          '@kikan/infra',
          '@kikan/web',
          'aws-cdk-lib',
          'aws-cdk-lib/*',
        ],
      ),
    },
  },
);
