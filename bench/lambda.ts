import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BOUNDED_CONTEXTS,
  ROUTES,
  functionEntry,
  routeKey,
  type RouteDefinition,
} from '@kikan/services/routes';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { LAMBDA_NODE_MAJOR, bundleLambda } from '../infra/src/bundling.ts';
import { measurement, type Measurement } from './results.ts';

const BENCH_ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPOSITORY_ROOT = path.dirname(BENCH_ROOT);
const SERVICES_ROOT = path.join(REPOSITORY_ROOT, 'services');
/**
 * Inside the repository on purpose: the packages left to the Lambda runtime (LAMBDA_RUNTIME_PROVIDED)
 * must resolve from the repository's node_modules, and an ES module finds bare imports only in
 * node_modules folders above it (NODE_PATH does not apply to ES modules).
 */
const OUT_ROOT = path.join(BENCH_ROOT, '.out', 'lambda');
const RUNNER = path.join(BENCH_ROOT, 'lambda-runner.mjs');

export const BUNDLE_BUDGET_BYTES = 400 * 1024;
/** Issue 13: a function that reads the table against the SDK-only reference (`floor.lambda_sdk_only`). */
export const COLD_INIT_BUDGET_RATIO_SDK = 1.3;
/** Issue 13: platform reads no table, so it is held to the empty handler. */
export const COLD_INIT_BUDGET_RATIO_EMPTY = 1.5;
/** The functions that read no table (no SDK on their path). */
const TABLELESS = new Set(['platform']);
/** Interleaved rounds; BENCH_LAMBDA_STARTS raises them on a busy machine. */
const COLD_STARTS = Number(process.env.BENCH_LAMBDA_STARTS ?? 10);

/** As infra/src/auth.ts gives it to KikanFunction. */
const PRE_TOKEN_ENTRY = 'src/cognito/pre-token-generation.ts';

interface LambdaFunction {
  name: string;
  /** The checkout the entry is built from (the repository, or the baseline beside it). */
  root?: string;
  /** NODE_OPTIONS of its deployment, when not this checkout's (the baseline's own). */
  nodeOptions?: string;
  /** Entry file, absolute. */
  entry: string;
  /** The one event its cold start handles. */
  event: unknown;
}

/** The cheapest request of a context: a public GET if it has one, else a GET without a token (→ 401). */
const benchRoute = (context: string): RouteDefinition => {
  const gets = ROUTES.filter((route) => route.context === context && route.method === 'GET');
  const route = gets.find((candidate) => candidate.access === 'public') ?? gets[0];
  if (!route) throw new Error(`no GET route in the ${context} context`);
  return route;
};

/** An API Gateway HTTP API (payload 2.0) event, as the local gateway builds it. */
const apiEvent = (route: RouteDefinition) => {
  const rawPath = route.path.replace(/\{(\w+)\}/g, 'bench-$1');
  const pathParameters = Object.fromEntries(
    [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, `bench-${name}`]),
  );
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath,
    rawQueryString: '',
    headers: { host: 'bench.example', 'user-agent': 'kikan-bench', accept: 'application/json' },
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.example',
      domainPrefix: 'bench',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'kikan-bench',
      },
      requestId: '00000000-0000-4000-8000-000000000000',
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
};

/**
 * A sign-in as Cognito sends it. The trigger then reads the user's directory entry on the tenant
 * data role; the bench gives it no role, so its first call stops there (reported as an error):
 * the cold init covers its import and the call up to the first AWS request.
 */
const preTokenEvent = {
  version: '2',
  triggerSource: 'TokenGeneration_Authentication',
  region: 'ap-northeast-1',
  userPoolId: 'ap-northeast-1_BenchPool',
  userName: 'bench',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'bench-client' },
  request: {
    userAttributes: {
      sub: 'bench',
      'custom:tenant': 'bench',
      'custom:office': 'bench-office',
      'custom:role': 'specialist',
    },
    groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
    scopes: ['openid'],
  },
  response: { claimsAndScopeOverrideDetails: null },
};

const lambdaFunctions = (): LambdaFunction[] => [
  ...BOUNDED_CONTEXTS.map((context) => ({
    name: context,
    entry: path.join(SERVICES_ROOT, functionEntry(context)),
    event: apiEvent(benchRoute(context)),
  })),
  { name: 'cognito-pre-token', entry: path.join(SERVICES_ROOT, PRE_TOKEN_ENTRY), event: preTokenEvent },
];

/**
 * `BENCH_BASELINE=<checkout>`: the same functions built from an older checkout beside this one (with
 * its own node_modules), cold-started in the same rounds, so before and after come from the same
 * machine and minute. Its bundles are built in its own tree, where its packages resolve.
 */
const baselineFunctions = (root: string): LambdaFunction[] =>
  lambdaFunctions().map((fn) => ({
    ...fn,
    name: `baseline-${fn.name}`,
    root,
    // As that checkout deployed them: before issue 13 every function ran with --enable-source-maps.
    ...(process.env.BENCH_BASELINE_NODE_OPTIONS !== undefined
      ? { nodeOptions: process.env.BENCH_BASELINE_NODE_OPTIONS }
      : {}),
    entry: path.join(root, path.relative(REPOSITORY_ROOT, fn.entry)),
  }));

/** The floor: a handler with no code of ours and no dependency, bundled the same way. */
const EMPTY_HANDLER = `export const handler = async () => ({ statusCode: 200, headers: {}, body: '{}' });\n`;

/**
 * The least any function that reads the table must load: the design card's DynamoDB client and
 * DocumentClient, constructed, and nothing of ours. Its cold init against the empty handler's shows
 * how much of the 2× budget the SDK alone takes.
 */
const SDK_ONLY_HANDLER = [
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
  'export const handler = async () => {',
  '  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
  '  return { statusCode: 200, headers: {}, body: String(typeof client.send === typeof GetCommand) };',
  '};',
  '',
].join('\n');

/**
 * Our function core with no route bound: token check, session check, cursor sealing, replay,
 * audit, logger, the error shape, zod's runtime and the DynamoDB client. Every API function that
 * reads the table carries at least this before any route's contract or operation; its ratio to
 * `floor.lambda_sdk_only` shows how much of the 1.3× budget is left for a context's own code.
 */
const functionCoreHandler = () =>
  [
    `import { createFunction } from ${JSON.stringify(path.join(SERVICES_ROOT, 'src/http/create-function.ts'))};`,
    'export const handler = createFunction([]);',
    '',
  ].join('\n');

/**
 * The bundle-size alternative (ADR 0016): the largest function with the whole SDK left to the
 * runtime, as CDK's default would. Smaller, but the runtime's unbundled SDK loads from many files.
 */
const SDK_EXTERNAL = ['@aws-sdk/*', '@smithy/*'];

interface Bundle {
  /** The entry, index.mjs. */
  file: string;
  dir: string;
  /** Every module of the bundle (the entry and all its chunks). */
  totalBytes: number;
  metafile: Metafile;
}

const moduleBytes = (dir: string): number =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mjs'))
    .reduce((total, file) => total + statSync(path.join(dir, file)).size, 0);

/**
 * How a checkout before issue 13 bundled (NodejsFunction's single outfile): its own esbuild
 * options, through this checkout's esbuild as the bench of that time did.
 */
const bundleAsBefore = async (root: string, entry: string, outdir: string): Promise<Metafile> => {
  const { LAMBDA_ESBUILD_OPTIONS: options } = (await import(path.join(root, 'infra/src/bundling.ts'))) as {
    LAMBDA_ESBUILD_OPTIONS: BuildOptions & { mainFields: readonly string[]; external: readonly string[] };
  };
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    ...options,
    mainFields: [...options.mainFields],
    external: [...options.external],
    entryPoints: [entry],
    outfile: path.join(outdir, 'index.mjs'),
    absWorkingDir: root,
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
};

/**
 * Exactly what KikanFunction's asset bundling runs (`bundleLambda`), plus the metafile. A baseline
 * checkout without bundleLambda is bundled as it was then.
 */
const bundle = async (
  name: string,
  entry: string,
  external: readonly string[] = [],
  root = REPOSITORY_ROOT,
): Promise<Bundle> => {
  const dir = path.join(root, 'bench', '.out', 'lambda', name);
  const ownBuild = (await import(path.join(root, 'infra/src/bundling.ts'))) as { bundleLambda?: unknown };
  const metafile =
    root === REPOSITORY_ROOT || typeof ownBuild.bundleLambda === 'function'
      ? bundleLambda(entry, dir, { absWorkingDir: root, external })
      : await bundleAsBefore(root, entry, dir);
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(metafile));
  return { file: path.join(dir, 'index.mjs'), dir, totalBytes: moduleBytes(dir), metafile };
};

/** Bytes in the output by package (node_modules name, or the workspace for our own code). */
export const contributors = (metafile: Metafile): [string, number][] => {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const modules = input.split('node_modules/');
      const tail = modules.length > 1 ? (modules.at(-1) ?? '') : input;
      const parts = tail.split('/');
      const name =
        modules.length > 1
          ? parts[0]?.startsWith('@')
            ? `${parts[0]}/${parts[1] ?? ''}`
            : (parts[0] ?? '')
          : (parts[0] ?? '');
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]);
};

interface ColdStart {
  /** Process start → first response: what the budget compares. */
  totalMs: number;
  /** Runner start → first response: the bundle's own import and first request. */
  importAndCallMs: number;
  /** CPU time of the process (all its threads) up to the first response: less disturbed by a busy machine. */
  cpuMs: number;
  statusCode: number | null;
  /** Set when the handler rejected instead of answering. */
  errorName: string | null;
  /** Files the start loaded (listed by a traced start only). */
  loaded: string[];
}

/** The environment the deployed API functions get (infra/src/api.ts), with placeholder values. */
const functionEnvironment = (name: string, nodeOptions?: string): NodeJS.ProcessEnv => ({
  ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  PATH: process.env.PATH,
  AWS_REGION: 'ap-northeast-1',
  AWS_LAMBDA_FUNCTION_NAME: `kikan-${name}`,
  TABLE_NAME: 'kikan-bench',
  AUTH_MODE: 'cognito',
  COGNITO_USER_POOL_ID: 'ap-northeast-1_BenchPool',
  COGNITO_CLIENT_ID: 'bench-client',
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:kikan-cursor-bench',
  POWERTOOLS_SERVICE_NAME: 'kikan',
});

const coldStart = (
  name: string,
  file: string,
  event: unknown,
  nodeOptions?: string,
  traceLoads = false,
): Promise<ColdStart> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, file, JSON.stringify(event)], {
      cwd: path.dirname(file),
      env: {
        ...functionEnvironment(name, nodeOptions),
        ...(traceLoads ? { KIKAN_BENCH_TRACE_LOADS: '1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = /^KIKAN_BENCH_COLD_INIT (.+)$/m.exec(stdout)?.[1];
      if (code !== 0 || !line) {
        reject(new Error(`cold start of ${name} failed (exit ${code}): ${stderr || stdout}`));
        return;
      }
      const timing = JSON.parse(line) as {
        runnerStartedMs: number;
        respondedMs: number;
        cpuMs: number;
        statusCode: number | null;
        errorName?: string | null;
        loaded?: string[];
      };
      resolve({
        totalMs: timing.respondedMs,
        importAndCallMs: timing.respondedMs - timing.runnerStartedMs,
        cpuMs: timing.cpuMs,
        statusCode: timing.statusCode,
        errorName: timing.errorName ?? null,
        loaded: timing.loaded ?? [],
      });
    });
  });

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 100) / 100;
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/**
 * The bytes a cold start loads: the modules of the bundle an untimed start with the same event
 * loaded (index.mjs, the chunks it imports statically, and those its first request imported).
 */
const loadedBytes = async (
  run: { name: string; file: string; event: unknown; nodeOptions?: string },
  dir: string,
): Promise<number> => {
  const { loaded } = await coldStart(run.name, run.file, run.event, run.nodeOptions, true);
  const inBundle = [...new Set(loaded)].filter(
    (file) => file.startsWith(dir + path.sep) && file.endsWith('.mjs'),
  );
  return inBundle.reduce((total, file) => total + statSync(file).size, 0);
};

/**
 * Item 5: every function's bundle (the bytes its cold start loads: index.mjs, its static chunks and
 * the chunks of its first request; budget ≤ 400 KB) and its cold init (a fresh Node process
 * importing the bundle and handling one request, median of 10) against the floors bundled the same
 * way (issue 13: ≤ 1.3× the SDK-only reference, platform ≤ 1.5× the empty handler). Cold starts of all functions are interleaved,
 * so a burst of load on this shared machine hits every function alike.
 */
export const measureLambda = async (): Promise<Measurement[]> => {
  rmSync(OUT_ROOT, { recursive: true, force: true });
  mkdirSync(OUT_ROOT, { recursive: true });
  const scale = `node ${process.versions.node} (bundles target node${LAMBDA_NODE_MAJOR}), ${COLD_STARTS} cold starts`;

  const emptyEntry = path.join(OUT_ROOT, 'empty-handler.mjs');
  writeFileSync(emptyEntry, EMPTY_HANDLER);
  const empty = await bundle('empty', emptyEntry);
  const sdkOnlyEntry = path.join(OUT_ROOT, 'sdk-only-handler.mjs');
  writeFileSync(sdkOnlyEntry, SDK_ONLY_HANDLER);
  const sdkOnly = await bundle('sdk-only', sdkOnlyEntry);
  const coreEntry = path.join(OUT_ROOT, 'function-core-handler.ts');
  writeFileSync(coreEntry, functionCoreHandler());
  const core = await bundle('function-core', coreEntry);
  const functions = lambdaFunctions();
  const baselineRoot = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
  const baseline = baselineRoot ? baselineFunctions(baselineRoot) : [];
  const bundles = new Map<string, Bundle>();
  for (const fn of [...functions, ...baseline]) {
    const built = await bundle(fn.name, fn.entry, [], fn.root);
    bundles.set(fn.name, built);
    const top = contributors(built.metafile)
      .slice(0, 5)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ');
    console.error(`[lambda] ${fn.name}: ${kb(built.totalBytes)} in all its modules (${top})`);
  }

  const largest = functions.reduce((a, b) =>
    (bundles.get(a.name)?.totalBytes ?? 0) >= (bundles.get(b.name)?.totalBytes ?? 0) ? a : b,
  );
  const sdkExternalName = `${largest.name}-sdk-external`;
  const sdkExternal = await bundle(sdkExternalName, largest.entry, SDK_EXTERNAL);

  const runs: { name: string; file: string; dir: string; event: unknown; nodeOptions?: string }[] = [
    { name: 'empty', file: empty.file, dir: empty.dir, event: {} },
    { name: 'sdk-only', file: sdkOnly.file, dir: sdkOnly.dir, event: {} },
    { name: 'function-core', file: core.file, dir: core.dir, event: apiEvent(benchRoute('caseload')) },
    ...[...functions, ...baseline].map((fn) => ({
      ...fn,
      file: bundles.get(fn.name)?.file ?? '',
      dir: bundles.get(fn.name)?.dir ?? '',
    })),
    { name: sdkExternalName, file: sdkExternal.file, dir: sdkExternal.dir, event: largest.event },
  ];
  const loaded = new Map<string, number>();
  for (const run of runs) loaded.set(run.name, await loadedBytes(run, run.dir));
  const bytesOf = (name: string) => loaded.get(name) ?? 0;
  const starts = new Map<string, ColdStart[]>(runs.map((run) => [run.name, []]));
  for (let round = 0; round < COLD_STARTS; round++) {
    for (const run of runs) {
      starts.get(run.name)?.push(await coldStart(run.name, run.file, run.event, run.nodeOptions));
    }
  }
  const medianOf = (name: string, field: 'totalMs' | 'importAndCallMs' | 'cpuMs') =>
    median((starts.get(name) ?? []).map((start) => start[field]));
  const floor = medianOf('empty', 'totalMs');

  const results: Measurement[] = [
    measurement({ name: 'floor.lambda_empty.bundle_bytes', unit: 'bytes', value: bytesOf('empty'), scale }),
    measurement({ name: 'floor.lambda_empty.cold_init_p50', unit: 'ms', value: floor, scale }),
    measurement({
      name: 'floor.lambda_sdk_only.bundle_bytes',
      unit: 'bytes',
      value: bytesOf('sdk-only'),
      scale,
    }),
    measurement({
      name: 'floor.lambda_sdk_only.cold_init_p50',
      unit: 'ms',
      value: medianOf('sdk-only', 'totalMs'),
      floor,
      scale,
    }),
    measurement({
      name: 'floor.lambda_function_core.bundle_bytes',
      unit: 'bytes',
      value: bytesOf('function-core'),
      scale,
    }),
    measurement({
      name: 'floor.lambda_function_core.cold_init_p50',
      unit: 'ms',
      value: medianOf('function-core', 'totalMs'),
      floor: medianOf('sdk-only', 'totalMs'),
      scale,
    }),
    measurement({
      name: 'floor.lambda_function_core.cold_init_cpu_p50',
      unit: 'ms',
      value: medianOf('function-core', 'cpuMs'),
      floor: medianOf('sdk-only', 'cpuMs'),
      scale: `${scale}, CPU time of the process`,
    }),
    measurement({
      name: `lambda.${sdkExternalName}.bundle_bytes`,
      unit: 'bytes',
      value: bytesOf(sdkExternalName),
      scale,
    }),
    measurement({
      name: `lambda.${sdkExternalName}.cold_init_p50`,
      unit: 'ms',
      value: medianOf(sdkExternalName, 'totalMs'),
      floor,
      scale,
    }),
  ];
  for (const fn of functions) {
    const built = bundles.get(fn.name);
    if (!built) continue;
    const statuses = [
      ...new Set((starts.get(fn.name) ?? []).map((start) => start.errorName ?? start.statusCode)),
    ].join('/');
    console.error(`[lambda] ${fn.name}: first response ${statuses}`);
    results.push(
      measurement({
        name: `lambda.${fn.name}.bundle_bytes`,
        unit: 'bytes',
        value: bytesOf(fn.name),
        scale: `${scale}, loaded by its cold start`,
        budget: { rule: '≤ 400 KB minified', met: bytesOf(fn.name) <= BUNDLE_BUDGET_BYTES },
      }),
      measurement({
        name: `lambda.${fn.name}.all_modules_bytes`,
        unit: 'bytes',
        value: built.totalBytes,
        scale: 'index.mjs and every chunk, all routes',
      }),
    );
    const coldInit = medianOf(fn.name, 'totalMs');
    const sdkOnlyFloor = medianOf('sdk-only', 'totalMs');
    const tableless = TABLELESS.has(fn.name);
    results.push(
      measurement({
        name: `lambda.${fn.name}.cold_init_p50`,
        unit: 'ms',
        value: coldInit,
        floor: tableless ? floor : sdkOnlyFloor,
        scale,
        budget: tableless
          ? { rule: '≤ 1.5× the empty handler', met: coldInit <= COLD_INIT_BUDGET_RATIO_EMPTY * floor }
          : {
              rule: '≤ 1.3× floor.lambda_sdk_only',
              met: coldInit <= COLD_INIT_BUDGET_RATIO_SDK * sdkOnlyFloor,
            },
      }),
    );
    results.push(
      measurement({
        name: `lambda.${fn.name}.cold_init_cpu_p50`,
        unit: 'ms',
        value: medianOf(fn.name, 'cpuMs'),
        floor: medianOf(tableless ? 'empty' : 'sdk-only', 'cpuMs'),
        scale: `${scale}, CPU time of the process`,
      }),
    );
    const before = bundles.get(`baseline-${fn.name}`);
    if (before) {
      results.push(
        measurement({
          name: `lambda.${fn.name}.baseline_bundle_bytes`,
          unit: 'bytes',
          value: bytesOf(`baseline-${fn.name}`),
          scale: `${scale}, built from ${baselineRoot}`,
        }),
        measurement({
          name: `lambda.${fn.name}.baseline_cold_init_p50`,
          unit: 'ms',
          value: medianOf(`baseline-${fn.name}`, 'totalMs'),
          floor: tableless ? floor : sdkOnlyFloor,
          scale: `${scale}, built from ${baselineRoot}, in the same rounds`,
        }),
        measurement({
          name: `lambda.${fn.name}.baseline_cold_init_cpu_p50`,
          unit: 'ms',
          value: medianOf(`baseline-${fn.name}`, 'cpuMs'),
          floor: medianOf(tableless ? 'empty' : 'sdk-only', 'cpuMs'),
          scale: `${scale}, CPU time of the process, built from ${baselineRoot}`,
        }),
      );
    }
    results.push(
      measurement({
        name: `lambda.${fn.name}.import_and_first_call_p50`,
        unit: 'ms',
        value: medianOf(fn.name, 'importAndCallMs'),
        floor: medianOf('empty', 'importAndCallMs'),
        scale,
      }),
    );
  }
  return results;
};

// `npx tsx bench/lambda.ts` runs this part alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { formatTable } = await import('./results.ts');
  console.log(formatTable(await measureLambda()));
}
