// One cold start: a fresh Node process imports a Lambda bundle and calls its handler once.
// Usage: node lambda-runner.mjs <bundle.mjs> <event-json>
// Prints one line `KIKAN_BENCH_COLD_INIT {...}` with milliseconds since the process started
// (performance.now() counts from Node's time origin): when this script began, when the bundle
// was imported, and when the first response was back. With KIKAN_BENCH_TRACE_LOADS=1 (an untimed
// start) it lists instead the files of the bundle that start loaded: the entry, its static chunks
// and the chunks its first request imported.
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const runnerStartedMs = performance.now();
const loaded = [];
if (process.env.KIKAN_BENCH_TRACE_LOADS === '1') {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) loaded.push(fileURLToPath(url));
      return nextLoad(url, context);
    },
  });
}
const [bundlePath, eventJson] = process.argv.slice(2);
if (!bundlePath || !eventJson) throw new Error('usage: lambda-runner.mjs <bundle.mjs> <event-json>');
const event = JSON.parse(eventJson);

const { handler } = await import(pathToFileURL(bundlePath).href);
const importedMs = performance.now();

const requestId = '00000000-0000-4000-8000-000000000000';
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-northeast-1:000000000000:function:bench',
  memoryLimitInMB: '1024',
  awsRequestId: requestId,
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
// A handler that refuses (the pre-token trigger without a directory to read) still measures its
// import and first call; the failure is reported, not fatal.
let result;
let errorName = null;
try {
  result = await handler(event, context);
} catch (error) {
  errorName = error instanceof Error ? error.name : 'Error';
}
const respondedMs = performance.now();
// CPU time of the whole process up to the response: on a busy machine, less disturbed by waiting.
const { user, system } = process.cpuUsage();

process.stdout.write(
  `\nKIKAN_BENCH_COLD_INIT ${JSON.stringify({
    runnerStartedMs,
    importedMs,
    respondedMs,
    cpuMs: (user + system) / 1000,
    statusCode: result?.statusCode ?? null,
    errorName,
    loaded,
  })}\n`,
);
