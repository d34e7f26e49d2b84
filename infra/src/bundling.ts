import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';

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
 * How every Lambda function is bundled, as esbuild options: an ES module entry `index.mjs` and, with
 * code splitting, one chunk per module loaded with `import()` (a route table's modules of bindings,
 * the SDK's lazily loaded clients) plus the chunks those share, under `chunks/`. A cold start loads
 * the entry and its static imports; a route's chunks load on its first request (ADR 0023).
 * `bundleLambda` below is the one place that runs esbuild with them, for CDK and for `npm run bench`,
 * so the two cannot drift. No aws-cdk-lib import here: the bench loads this module without CDK.
 */
export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: `node${LAMBDA_NODE_MAJOR}`,
  format: 'esm',
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
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

export interface LambdaBundleOptions {
  /** Where bare imports resolve from: the repository (or an older checkout the bench compares). */
  absWorkingDir: string;
  /** Files copied beside the bundle, which the handler reads as `new URL('./<name>', import.meta.url)`. */
  files?: readonly string[];
  /** Packages left out besides LAMBDA_RUNTIME_PROVIDED (the bench's SDK-from-the-runtime variant). */
  external?: readonly string[];
}

/**
 * Bundles one Lambda entry into `outdir` (emptied first), synchronously as CDK's local bundling
 * needs: `index.mjs` with its chunks and source maps, and the files the function reads.
 */
export const bundleLambda = (entry: string, outdir: string, options: LambdaBundleOptions): Metafile => {
  rmSync(outdir, { recursive: true, force: true });
  const { metafile } = buildSync({
    ...LAMBDA_ESBUILD_OPTIONS,
    mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
    external: [...LAMBDA_ESBUILD_OPTIONS.external, ...(options.external ?? [])],
    entryPoints: [entry],
    outdir,
    absWorkingDir: options.absWorkingDir,
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of options.files ?? []) copyFileSync(file, path.join(outdir, path.basename(file)));
  return metafile;
};
