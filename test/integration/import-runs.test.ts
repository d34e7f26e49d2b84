import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runDecisionsImportRoute, runImportJobRoute } from '@kikan/shared/contracts/imports';
import { IMPORT_RUN_STALE_MS, type ImportJobView } from '@kikan/shared/import-job';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, toApiGatewayEvent } from '../../services/local/api-event.ts';
import { localClient } from '../../services/local/table.ts';
import { runDecisionsImportWith, runImportJobWith } from '../../services/src/caseload/import-jobs.ts';
import type { ImportProcessingStarter } from '../../services/src/caseload/import-processing.ts';
import { handler as processImport } from '../../services/src/caseload/import-processor.ts';
import { bind, createFunction } from '../../services/src/http/create-function.ts';
import { caseloadRow, csvOf, runJob, uploadFile, type ImportRoutes } from '../support/import-files.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * Import runs that cannot get stuck (ADR 0034): a processor that cannot be started leaves the job
 * as it was and says so (503), and a run whose processor died is started again once it has not
 * moved for longer than the processor may run — an import then resumes, writing nothing twice.
 * The run routes are invoked through the real function core and table with another processor
 * starter, as the deployment's is bound in `import-bindings.ts`.
 */

let api: TestApi;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  api = await startTestApi({ observeWrites: true });
  documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint));
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const ITO = 'ito@kibou.example';
const NOT_STARTED = '取り込み処理を開始できませんでした。しばらくしてからもう一度お試しください';
const encode = (text: string) => new TextEncoder().encode(text);
const rowsOf = (count: number, numberBase: number) =>
  Array.from({ length: count }, (_, n) =>
    caseloadRow(n, { email: SATO, municipalityCode: '990001', numberBase }),
  );

/** An invoke Lambda refused (throttled, the function unavailable). */
const refusedInvoke: ImportProcessingStarter = () =>
  Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));

/** POST …/runs through a function whose processor starter is `start`. */
const runWith = async (
  start: ImportProcessingStarter,
  options: { as: string; jobId: string; mode: 'dry_run' | 'import'; routes?: ImportRoutes; key?: string },
) => {
  const routes = options.routes ?? '/api/imports';
  const route = routes === '/api/imports' ? runImportJobRoute : runDecisionsImportRoute;
  const handler = createFunction([
    routes === '/api/imports'
      ? bind(runImportJobRoute, runImportJobWith(start))
      : bind(runDecisionsImportRoute, runDecisionsImportWith(start)),
  ]);
  const event = toApiGatewayEvent(
    {
      method: 'POST',
      url: new URL(`http://localhost${routes}/${options.jobId}/runs`),
      headers: {
        authorization: `Bearer ${await api.tokenOf(options.as)}`,
        'content-type': 'application/json',
        'idempotency-key': options.key ?? randomUUID(),
      },
      body: Buffer.from(JSON.stringify({ mode: options.mode })),
      sourceIp: '127.0.0.1',
    },
    route,
    { jobId: options.jobId },
  );
  const result = await handler(event, lambdaContext('kikan-caseload', randomUUID()));
  return { status: result.statusCode, json: JSON.parse(result.body ?? '{}') as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- an error or a job
};

const jobOf = async (jobId: string, as = SATO, routes: ImportRoutes = '/api/imports') =>
  (await api.call('GET', `${routes}/${jobId}`, { as })).json as ImportJobView;

/** The job once its run is over. */
const settled = async (jobId: string): Promise<ImportJobView> => {
  for (;;) {
    const job = await jobOf(jobId);
    if (job.state !== 'checking' && job.state !== 'importing') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The job as its processor left it `minutes` ago: nothing has moved it since. */
const lastMoved = async (jobId: string, minutes: number) => {
  const item = (await api.allItems()).find(
    (candidate) => candidate.entity === 'import_job' && candidate.jobId === jobId,
  );
  if (!item) throw new Error(`no job ${jobId}`);
  await documents.send(
    new UpdateCommand({
      TableName: api.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET updatedAt = :at',
      ExpressionAttributeValues: { ':at': new Date(Date.now() - minutes * 60_000).toISOString() },
    }),
  );
};

/** Every item but the import's own bookkeeping and the access log. */
const domainItems = async () =>
  (await api.allItems()).filter(
    (item) => !['import_job', 'import_chunk', 'audit', 'idempotency'].includes(String(item.entity)),
  );
const stableJson = (items: Record<string, unknown>[]) =>
  items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();

describe('a processor that cannot be started', () => {
  it('a refused dry run start answers 503 in Japanese and leaves the job waiting; the same Idempotency-Key then starts it', async () => {
    const jobId = await uploadFile(api, SATO, encode(csvOf(rowsOf(3, 7100000000))));
    const before = await jobOf(jobId);
    const key = randomUUID();

    const refused = await runWith(refusedInvoke, { as: SATO, jobId, mode: 'dry_run', key });

    expect(refused.status).toBe(503);
    expect(refused.json).toEqual({
      error: { code: 'service_unavailable', message: NOT_STARTED, requestId: expect.any(String) },
    });
    const after = await jobOf(jobId);
    expect(after).toMatchObject({ state: 'awaiting_upload', updatedAt: before.updatedAt });
    expect(after.version).toBeGreaterThan(before.version);

    // The start's stored answer went with it: the same key runs the dry run instead of replaying "started".
    const retried = await api.call('POST', `/api/imports/${jobId}/runs`, {
      as: SATO,
      body: { mode: 'dry_run' },
      headers: { 'idempotency-key': key },
    });
    expect(retried.status).toBe(200);
    expect(await settled(jobId)).toMatchObject({ state: 'checked', rowsNew: 3, problemCount: 0 });
  });

  it('a refused import start leaves the job checked and writes nothing; the import then runs', async () => {
    const jobId = await uploadFile(api, SATO, encode(csvOf(rowsOf(3, 7200000000))));
    await runJob(api, SATO, jobId, 'dry_run');
    const before = stableJson(await domainItems());

    const refused = await runWith(refusedInvoke, { as: SATO, jobId, mode: 'import' });

    expect(refused.status).toBe(503);
    expect(refused.json.error.message).toBe(NOT_STARTED);
    expect(await jobOf(jobId)).toMatchObject({ state: 'checked', rowsNew: 3 });
    expect(stableJson(await domainItems())).toEqual(before);
    expect(await runJob(api, SATO, jobId, 'import')).toMatchObject({ state: 'imported', rowsDone: 3 });
  });

  it('the decisions import answers the same for the municipal officer', async () => {
    const jobId = await uploadFile(api, ITO, encode('受給者証番号\r\n1\r\n'), '/api/decision-imports');

    const refused = await runWith(refusedInvoke, {
      as: ITO,
      jobId,
      mode: 'dry_run',
      routes: '/api/decision-imports',
    });

    expect(refused.status).toBe(503);
    expect(refused.json.error.message).toBe(NOT_STARTED);
    expect(await jobOf(jobId, ITO, '/api/decision-imports')).toMatchObject({ state: 'awaiting_upload' });
  });
});

describe('a run whose processor died', () => {
  it('is 処理中 while it may still be running, and may be started again once it has not moved for longer', async () => {
    const jobId = await uploadFile(api, SATO, encode(csvOf(rowsOf(3, 7300000000))));
    // Lambda took the event, and the function died before it read the job.
    const lost: ImportProcessingStarter = () => Promise.resolve();
    expect((await runWith(lost, { as: SATO, jobId, mode: 'dry_run' })).status).toBe(200);
    expect(await jobOf(jobId)).toMatchObject({ state: 'checking' });

    await lastMoved(jobId, IMPORT_RUN_STALE_MS / 60_000 - 5);
    const busy = await api.call('POST', `/api/imports/${jobId}/runs`, {
      as: SATO,
      body: { mode: 'dry_run' },
    });
    expect(busy.status).toBe(409);
    expect(busy.json.error.message).toBe('この取り込みは処理中です。終わるまでお待ちください');

    await lastMoved(jobId, IMPORT_RUN_STALE_MS / 60_000 + 1);
    expect(await runJob(api, SATO, jobId, 'dry_run')).toMatchObject({ state: 'checked', rowsNew: 3 });
  });

  it('an import that died part-way resumes as an import and writes every row exactly once', async () => {
    const ROWS = 60;
    const jobId = await uploadFile(api, SATO, encode(csvOf(rowsOf(ROWS, 7400000000))));
    await runJob(api, SATO, jobId, 'dry_run');
    // The database fails after two chunks: the processor stops with the job `importing`.
    let chunksLetThrough = 2;
    api.observer?.refuseWhere(
      (operation, body) =>
        operation === 'TransactWriteItems' && body.includes('"import_chunk"') && chunksLetThrough-- <= 0,
    );
    let processing: Promise<unknown> = Promise.resolve();
    const inProcess: ImportProcessingStarter = (event) => {
      processing = processImport(event).then(
        () => 'finished',
        () => 'died',
      );
      return Promise.resolve();
    };
    expect((await runWith(inProcess, { as: SATO, jobId, mode: 'import' })).status).toBe(200);
    expect(await processing).toBe('died');
    const stalled = await jobOf(jobId);
    expect(stalled.state).toBe('importing');
    expect(stalled.rowsDone).toBeGreaterThan(0);
    expect(stalled.rowsDone).toBeLessThan(ROWS);
    // Chunks still in flight may land once the database is back: a late writer overlapping the
    // resumed run, as a Lambda retry would — neither writes a row twice.
    api.observer?.refuseWhere(null);

    await lastMoved(jobId, IMPORT_RUN_STALE_MS / 60_000 + 1);
    const asDryRun = await api.call('POST', `/api/imports/${jobId}/runs`, {
      as: SATO,
      body: { mode: 'dry_run' },
    });
    expect(asDryRun.status).toBe(409);
    expect(asDryRun.json.error.message).toContain('続きから再開');
    const resumed = await runJob(api, SATO, jobId, 'import');

    expect(resumed).toMatchObject({ state: 'imported', rowsDone: ROWS, rowsNew: ROWS });
    const items = await api.allItems();
    const numbers = items
      .filter((item) => item.entity === 'person' && String(item.recipientNumber).startsWith('74000000'))
      .map((item) => item.recipientNumber);
    expect(numbers).toHaveLength(ROWS);
    expect(new Set(numbers).size).toBe(ROWS);
    const personIds = new Set(
      items
        .filter((item) => item.entity === 'person' && String(item.recipientNumber).startsWith('74000000'))
        .map((item) => item.personId),
    );
    expect(items.filter((item) => item.entity === 'case' && personIds.has(item.personId))).toHaveLength(ROWS);
    const audits = items.filter(
      (item) => item.entity === 'audit' && item.recordType === 'caseload_import' && item.recordId === jobId,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ rowCount: ROWS });
  });
});
