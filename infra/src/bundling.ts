import type { BuildOptions } from 'esbuild';

/** The Lambda runtime's Node.js major version; the CDK runtime and the esbuild target follow it. */
export const LAMBDA_NODE_MAJOR = 24;

/**
 * The AWS SDK packages that are left out of the bundles (ADR 0016). The default credential chain
 * loads each of them with a dynamic `import()` only after the environment credentials were not
 * found: Lambda always sets those, so in Lambda none of them is ever loaded, and the Node.js 24
 * runtime ships them should one be. Locally the installed SDK answers. Everything the request path
 * loads (client, protocol, signer, env credentials) stays bundled and minified: the runtime's
 * unbundled SDK loads much slower on a cold start (measured by `npm run bench`).
 */
export const LAMBDA_RUNTIME_PROVIDED = [
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
];

/**
 * How every Lambda function is bundled, as esbuild options. `KikanFunction` hands these to
 * NodejsFunction (which runs esbuild with `--bundle --platform=node`), and `npm run bench` builds
 * the same bundles from this constant with esbuild's API to measure their size and cold init, so
 * the two cannot drift. No aws-cdk-lib import here: the bench loads this module without CDK.
 */
export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: `node${LAMBDA_NODE_MAJOR}`,
  format: 'esm',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  charset: 'utf8',
  // A CommonJS dependency bundled into an ES module may still call require() for Node built-ins.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  external: LAMBDA_RUNTIME_PROVIDED,
} satisfies BuildOptions;
