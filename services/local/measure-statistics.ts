import { installConfig } from '../src/config.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TABLE_NAME_DEFAULT } from '@kikan/shared';
import { DEMO_USERS } from './demo-data.ts';
import { LocalIssuer } from './issuer.ts';
import { SCALE_USERS } from './scale-data.ts';
import { REPO_ROOT } from './stack.ts';

/**
 * `npm run measure:statistics`: times the statistics page's figures and the fiscal-year XLSX of a
 * running `npm start` (KIKAN_PORT, KIKAN_DATA_DIR for the signing key), as a user of the scale
 * tenant by default, and counts the DynamoDB requests one figures computation makes (in this
 * process, against the same DynamoDB Local). ADR 0015 records the numbers.
 */

const { values } = parseArgs({
  options: {
    email: { type: 'string', default: 'ito@scale.example' },
    'fiscal-year': { type: 'string', default: '2025' },
    runs: { type: 'string', default: '5' },
  },
});
const email = values.email;
const fiscalYear = Number(values['fiscal-year']);
const runs = Number(values.runs);
const port = Number(process.env.KIKAN_PORT ?? 4300);
const dynamoDbEndpoint =
  process.env.KIKAN_DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.KIKAN_DYNAMODB_PORT ?? '8300'}`;
const baseUrl = `http://127.0.0.1:${port}`;

const user = [...DEMO_USERS, ...SCALE_USERS].find((candidate) => candidate.email === email);
if (!user) throw new Error(`no demo or scale user ${email}`);
const keyFile = join(process.env.KIKAN_DATA_DIR ?? join(REPO_ROOT, '.data'), 'issuer-key.json');
if (!existsSync(keyFile)) throw new Error(`no signing key at ${keyFile}: start the stack first`);
const token = await (await LocalIssuer.open(`${baseUrl}/local-auth`, keyFile)).mint(user);

interface Timing {
  status: number;
  ms: number;
  bytes: number;
}

const timeOnce = async (path: string): Promise<Timing> => {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started, bytes: body.byteLength };
};

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const measure = async (label: string, path: string) => {
  const first = await timeOnce(path);
  if (first.status !== 200) {
    process.stdout.write(`${label}: ${path} answered ${first.status}; not measured\n`);
    return;
  }
  const timings: Timing[] = [];
  for (let run = 0; run < runs; run += 1) timings.push(await timeOnce(path));
  const ms = timings.map((timing) => timing.ms);
  process.stdout.write(
    `${label}: first ${first.ms.toFixed(0)} ms, then ${runs} runs: median ${median(ms).toFixed(0)} ms, ` +
      `max ${Math.max(...ms).toFixed(0)} ms (${ms.map((value) => value.toFixed(0)).join(', ')}), ` +
      `${(first.bytes / 1024).toFixed(1)} KiB\n`,
  );
};

process.stdout.write(`${email} (${user.tenantId}), fiscal year ${fiscalYear}, ${baseUrl}\n`);
await measure('figures', `/api/statistics/figures?fiscalYear=${fiscalYear}`);
await measure('export.xlsx', `/api/statistics/export.xlsx?fiscalYear=${fiscalYear}`);

// The handlers' own reads, counted at the one DocumentClient: the same code the route runs.
installConfig({
  ...process.env,
  AUTH_MODE: 'local',
  TABLE_NAME: process.env.KIKAN_TABLE_NAME ?? TABLE_NAME_DEFAULT,
  LOCAL_ISSUER: `${baseUrl}/local-auth`,
  LOCAL_CLIENT_ID: 'measure-statistics',
  DYNAMODB_ENDPOINT: dynamoDbEndpoint,
});
const { db } = await import('../src/data/client.ts');
const { readLiveFigures } = await import('../src/statistics/live-figures.ts');
const requests: string[] = [];
db().middlewareStack.add(
  (next, context) => async (args) => {
    requests.push(String(context.commandName));
    return next(args);
  },
  { step: 'initialize', name: 'measureStatisticsRequestCount' },
);
const started = performance.now();
const figures = await readLiveFigures(user.tenantId, fiscalYear, new Date());
const byCommand = Object.entries(Object.groupBy(requests, (name) => name)).map(
  ([name, list]) => `${name} ${list?.length ?? 0}`,
);
process.stdout.write(
  `DynamoDB requests for one figures computation: ${requests.length} (${byCommand.join(', ')}), ` +
    `${(performance.now() - started).toFixed(0)} ms in-process, ${figures.offices.length} offices\n`,
);
db().destroy();
