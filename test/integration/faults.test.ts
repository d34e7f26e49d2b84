import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorResponse, keys } from '@kikan/shared';
import { ROUTES, routeKey } from '@kikan/services/routes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../services/local/demo-data.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../services/local/dynamodb-local.ts';
import { freePort, startLocalStack } from '../../services/local/stack.ts';
import { localClient } from '../../services/local/table.ts';
import { copyDemoDatabaseAsShared } from '../support/demo-database.ts';
import { PERSONAS } from '../support/personas.ts';
import { assertLogClean, captureLogs } from '../support/log-scan.ts';
import { newCaseBody, type ApiResponse, type CallOptions, type TestApi } from '../support/test-api.ts';
import { MATRIX } from './matrix/index.ts';

/**
 * Faults (SECURITY rows 10 and 11): many writers on one version, retried and concurrent creates
 * under one Idempotency-Key, a DynamoDB failure injected between the steps of every write, a
 * transaction conflict (which DynamoDB Local never raises), and DynamoDB Local killed and
 * restarted under load. The stack runs on this file's own DynamoDB Local, kept on disk so it can
 * be restarted, behind a small HTTP relay that can fail chosen commands.
 */

const SATO = 'sato@kibou.example';
const YAMAMOTO = 'yamamoto@hokushin.example';
const WRITERS = 20;
let scenarios = 0;

// ---------------------------------------------------------------------------------------------
// The relay between the handlers and DynamoDB Local: passes everything through, or fails commands.

type Injection =
  | { kind: 'none' }
  /** From the n-th command (1-based) after arming, every command gets a DynamoDB 500. */
  | { kind: 'fail-from'; n: number }
  /** Every command is held and never answered: a database that hangs. */
  | { kind: 'hang' }
  /** The next `times` TransactWriteItems are cancelled for a TransactionConflict. */
  | { kind: 'transaction-conflict'; times: number };

interface Seen {
  operation: string;
  injected: boolean;
  ok: boolean;
  request: Record<string, unknown>;
}

const startRelay = async (upstreamPort: number) => {
  const seen: Seen[] = [];
  let injection: Injection = { kind: 'none' };
  let count = 0;
  const held: import('node:http').ServerResponse[] = [];
  const agent = new Agent({ keepAlive: true });
  const reply = (response: import('node:http').ServerResponse, status: number, type: string, extra = {}) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(
      JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: 'injected', ...extra }),
    );
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      count += 1;
      if (injection.kind === 'hang') {
        seen.push({ operation, injected: true, ok: false, request: parsed });
        held.push(response);
        return;
      }
      if (injection.kind === 'fail-from' && count >= injection.n) {
        seen.push({ operation, injected: true, ok: false, request: parsed });
        return reply(response, 500, 'InternalServerError');
      }
      if (
        injection.kind === 'transaction-conflict' &&
        injection.times > 0 &&
        operation === 'TransactWriteItems'
      ) {
        injection.times -= 1;
        seen.push({ operation, injected: true, ok: false, request: parsed });
        const items = (parsed.TransactItems as unknown[] | undefined) ?? [];
        return reply(response, 400, 'TransactionCanceledException', {
          CancellationReasons: items.map((_, index) =>
            index === 0
              ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
              : { Code: 'None' },
          ),
        });
      }
      const forward = httpRequest(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          path: request.url,
          method: request.method,
          headers: request.headers,
          agent,
        },
        (upstream) => {
          const out: Buffer[] = [];
          upstream.on('data', (chunk: Buffer) => out.push(chunk));
          upstream.on('end', () => {
            seen.push({ operation, injected: false, ok: upstream.statusCode === 200, request: parsed });
            response.writeHead(upstream.statusCode ?? 502, upstream.headers);
            response.end(Buffer.concat(out));
          });
        },
      );
      // The database is gone: drop the connection as the database would have.
      forward.on('error', () => response.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    arm(next: Injection) {
      for (const response of held.splice(0)) response.destroy();
      injection = next;
      count = 0;
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

type AttributeMap = Record<string, { S?: string }>;
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** A write that puts only audit entries changes nothing a user sees. */
const isAuditOnly = (seen: Seen) => {
  const request = seen.request as { Item?: AttributeMap; TransactItems?: { Put?: { Item: AttributeMap } }[] };
  if (seen.operation === 'PutItem') return request.Item?.entity?.S === 'audit';
  if (seen.operation === 'TransactWriteItems') {
    return (request.TransactItems ?? []).every((entry) => entry.Put?.Item.entity?.S === 'audit');
  }
  return false;
};

// ---------------------------------------------------------------------------------------------

let dataDir: string;
let dynamoPort: number;
let dynamo: DynamoDbLocal;
let relay: Awaited<ReturnType<typeof startRelay>>;
let api: TestApi;
let documents: DynamoDBDocumentClient;
let capture: ReturnType<typeof captureLogs>;

const send = async (
  url: string,
  method: string,
  path: string,
  token: string | undefined,
  options: CallOptions,
) => {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text } as ApiResponse;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kikan-faults-'));
  // Its own DynamoDB Local, starting on a copy of the run's seeded demo (test/support/demo-database.ts).
  const demo = inject('demoDatabase');
  copyDemoDatabaseAsShared(demo, dataDir);
  dynamoPort = await freePort();
  dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir });
  relay = await startRelay(dynamoPort);
  const tableName = demo.tableName;
  // What the stack logs through outages and refusals is scanned for personal data (row 16).
  capture = captureLogs(join(dataDir, 'stack.log'));
  const stack = await capture.run(() =>
    startLocalStack({
      port: 0,
      dynamoDb: { endpoint: relay.endpoint },
      tableName,
      portal: 'none',
      seed: false,
    }),
  );
  documents = DynamoDBDocumentClient.from(localClient(`http://127.0.0.1:${dynamoPort}`));
  const tokens = new Map<string, string>();
  const tokenOf = async (email: string) => {
    const cached = tokens.get(email);
    if (cached) return cached;
    const user = DEMO_USERS.find((candidate) => candidate.email === email);
    if (!user) throw new Error(`no demo user ${email}`);
    const token = await stack.issuer.mint(user);
    tokens.set(email, token);
    return token;
  };
  api = {
    stack,
    tableName,
    tokenOf,
    call: async (method, path, options = {}) =>
      send(
        stack.url,
        method,
        path,
        options.token ?? (options.as ? await tokenOf(options.as) : undefined),
        options,
      ),
    allItems: async () => {
      throw new Error('not used here');
    },
    queryPartition: async (pk) =>
      (
        await documents.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
          }),
        )
      ).Items ?? [],
    stop: () => stack.stop(),
  };
}, 180_000);

afterAll(async () => {
  console.log(`faults: ${scenarios} fault scenarios executed`);
  await api?.stop();
  await relay?.close();
  await dynamo?.stop();
  capture?.stop();
  try {
    // The 503s above are logged as warnings, so the log is never empty when the suite ran.
    const { lines } = assertLogClean(capture.file);
    console.log(`log scan: ${lines} lines the stack wrote, no seeded personal data`);
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
});

const storedCase = async (caseId: string) =>
  (
    await documents.send(
      new GetCommand({
        TableName: api.tableName,
        Key: keys.caseItem('kibougaoka', caseId),
        ConsistentRead: true,
      }),
    )
  ).Item;

const openCase = async (body = newCaseBody()) => {
  const created = await api.call('POST', '/api/cases', { as: SATO, body });
  expect(created.status).toBe(201);
  return created.json as { caseId: string; version: number };
};

const expectStableError = (response: ApiResponse, status: number) => {
  expect(response.status, response.text.slice(0, 300)).toBe(status);
  expect(ErrorResponse.safeParse(response.json).success, response.text.slice(0, 300)).toBe(true);
};

describe(`${WRITERS} concurrent writers on one case`, () => {
  const STATUSES = ['using', 'paused', 'ended'] as const;

  it('lets exactly one win per version, gives the rest 412 with the current version, and loses no update when all retry', async () => {
    const opened = await openCase();
    const start = (await storedCase(opened.caseId))?.version as number;
    // Every writer sends the same version first: exactly one may win it.
    const patch = (writer: number, version: number) =>
      api.call('PATCH', `/api/cases/${opened.caseId}`, {
        as: SATO,
        body: {
          serviceUseStatus: STATUSES[writer % STATUSES.length],
          monitoringPeriodMonths: writer % 2 ? 3 : 6,
        },
        headers: { 'if-match': `"${version}"` },
      });
    const first = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => patch(writer, start)));
    expect(first.filter((response) => response.status === 200)).toHaveLength(1);
    for (const loser of first.filter((response) => response.status !== 200)) {
      expectStableError(loser, 412);
      expect(loser.json.error.code).toBe('version_mismatch');
      expect(loser.headers.get('etag')).toBe(`"${start + 1}"`);
    }
    scenarios += 1;

    // Every loser retries at the version its 412 named, until it wins: each win is one version step.
    const wins: number[] = [first.find((response) => response.status === 200)?.json.version];
    let attempts = WRITERS;
    await Promise.all(
      first.map(async (response, writer) => {
        let current = response;
        while (current.status === 412) {
          const version = Number(/"(\d+)"/.exec(current.headers.get('etag') ?? '')?.[1]);
          current = await patch(writer, version);
          attempts += 1;
          if (current.status === 200) {
            expect(current.json.version).toBe(version + 1);
            wins.push(current.json.version);
          } else if (response !== current) expectStableError(current, 412);
        }
        expect(current.status).toBe(200);
      }),
    );
    // No lost update: every writer's change landed on its own version, one after another.
    expect(wins.sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, index) => start + 1 + index),
    );
    expect((await storedCase(opened.caseId))?.version).toBe(start + WRITERS);
    expect(attempts).toBeGreaterThan(WRITERS);
    scenarios += 1;
  });
});

describe('retried and concurrent creates under one Idempotency-Key', () => {
  const createdCaseIds = async (responses: ApiResponse[]) =>
    new Set(
      responses
        .filter((response) => response.status === 201)
        .map((response) => response.json.caseId as string),
    );

  it(`stores one record for ${WRITERS} concurrent sends of the same create and answers each with the first response`, async () => {
    const key = `faults-same-${randomUUID()}`;
    const body = newCaseBody({ person: { ...newCaseBody().person, name: '同時 送信' } });
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, () =>
        api.call('POST', '/api/cases', { as: SATO, body, headers: { 'idempotency-key': key } }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(WRITERS).fill(201));
    const ids = await createdCaseIds(responses);
    expect(ids.size).toBe(1);
    for (const response of responses) expect(response.json).toEqual(responses[0]?.json);
    const [caseId] = [...ids];
    expect(await storedCase(caseId ?? '')).toBeDefined();
    // A retry later still gets the same answer and still no second record.
    const later = await api.call('POST', '/api/cases', {
      as: SATO,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(later.json).toEqual(responses[0]?.json);
    scenarios += 1;
  });

  it('keeps the same key of another tenant independent, even at the same moment', async () => {
    const key = `faults-tenant-${randomUUID()}`;
    const [kibou, hokushin] = await Promise.all([
      api.call('POST', '/api/cases', { as: SATO, body: newCaseBody(), headers: { 'idempotency-key': key } }),
      api.call('POST', '/api/cases', {
        as: YAMAMOTO,
        body: newCaseBody({ person: { ...newCaseBody().person, municipalityCode: '990011' } }),
        headers: { 'idempotency-key': key },
      }),
    ]);
    expect([kibou?.status, hokushin?.status]).toEqual([201, 201]);
    expect(kibou?.json.caseId).not.toBe(hokushin?.json.caseId);
    expect(hokushin?.json.officeId).toBe('hokushin-sakura');
    scenarios += 1;
  });

  it('answers the same key with another body 422, also when both are sent at once, and stores one record', async () => {
    const key = `faults-body-${randomUUID()}`;
    const bodies = new Map([3, 6].map((months) => [months, newCaseBody({ monitoringPeriodMonths: months })]));
    const responses = await Promise.all(
      [3, 6, 3, 6, 3, 6].map((months) =>
        api.call('POST', '/api/cases', {
          as: SATO,
          body: bodies.get(months),
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    const created = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status !== 201);
    // The winner's body is replayed to its twins; the other body is refused.
    expect(created).toHaveLength(3);
    expect((await createdCaseIds(created)).size).toBe(1);
    for (const response of refused) {
      expectStableError(response, 422);
      expect(response.json.error.code).toBe('idempotency_key_reused');
    }
    scenarios += 1;
  });
});

// ---------------------------------------------------------------------------------------------

describe('a DynamoDB failure injected between the steps of every write', () => {
  const writeRoutes = ROUTES.filter((route) => route.method !== 'GET');

  it('leaves no partial state: a failed write applied all of its changes or none, and answered 503', async () => {
    const outcomes: string[] = [];
    let injected = 0;
    for (const route of writeRoutes) {
      const key = routeKey(route);
      const expectation = MATRIX[key];
      if (!expectation) continue;
      const persona = PERSONAS.find((candidate) => expectation.status(candidate, 'ownOffice') < 300);
      if (!persona) continue;
      for (const n of [2, 3]) {
        let headers: Record<string, string> = {};
        try {
          headers = (await expectation.headers?.(api, persona, 'ownOffice')) ?? {};
        } catch {
          // A matrix precondition no longer holds after earlier rounds: send without it.
        }
        relay.arm({ kind: 'fail-from', n });
        const response = await api.call(expectation.method, expectation.path(persona, 'ownOffice'), {
          as: persona.email,
          ...(expectation.body ? { body: expectation.body(persona) } : {}),
          headers: {
            ...headers,
            ...(route.idempotent ? { 'idempotency-key': `faults-${randomUUID()}` } : {}),
          },
        });
        const seen = [...relay.seen];
        relay.arm({ kind: 'none' });
        const failedWrites = seen.filter((entry) => entry.injected && WRITES.has(entry.operation));
        const appliedWrites = seen.filter(
          (entry) => entry.ok && WRITES.has(entry.operation) && !isAuditOnly(entry),
        );
        outcomes.push(
          `${key} n=${n}: ${response.status} (${seen.map((entry) => entry.operation).join(',')})`,
        );
        if (!seen.some((entry) => entry.injected)) break; // the request made fewer commands than n
        injected += 1;
        scenarios += 1;
        // Partial state: one write step applied and another refused within one request.
        expect(
          appliedWrites.length && failedWrites.length ? 'partial' : 'whole',
          `${key} n=${n}: applied ${appliedWrites.map((entry) => entry.operation).join(',')}, failed ${failedWrites.map((entry) => entry.operation).join(',')}`,
        ).toBe('whole');
        if (response.status >= 500) {
          expectStableError(response, 503);
          expect(response.json.error.message).toMatch(/しばらくしてから/);
        }
      }
    }
    expect(injected, outcomes.join('\n')).toBeGreaterThan(20);
  }, 240_000);
});

describe('a transaction conflict (DynamoDB Local never raises one)', () => {
  it('answers a retryable 409 with nothing written when the conflict persists', async () => {
    const opened = await openCase();
    const before = await storedCase(opened.caseId);
    relay.arm({ kind: 'transaction-conflict', times: 100 });
    const response = await api.call('PATCH', `/api/cases/${opened.caseId}`, {
      as: SATO,
      body: { serviceUseStatus: 'paused' },
      headers: { 'if-match': `"${before?.version}"` },
    });
    relay.arm({ kind: 'none' });
    expectStableError(response, 409);
    expect(response.json.error.code).toBe('conflict');
    expect(await storedCase(opened.caseId)).toEqual(before);
    // The client's retry goes through once the other transaction is done.
    const retry = await api.call('PATCH', `/api/cases/${opened.caseId}`, {
      as: SATO,
      body: { serviceUseStatus: 'paused' },
      headers: { 'if-match': `"${before?.version}"` },
    });
    expect(retry.status).toBe(200);
    scenarios += 1;
  });

  it('answers a create whose transaction conflicted 409, and its retry with the same key creates it once', async () => {
    const key = `faults-conflict-${randomUUID()}`;
    const body = newCaseBody();
    relay.arm({ kind: 'transaction-conflict', times: 1 });
    const first = await api.call('POST', '/api/cases', {
      as: SATO,
      body,
      headers: { 'idempotency-key': key },
    });
    relay.arm({ kind: 'none' });
    expectStableError(first, 409);
    const retry = await api.call('POST', '/api/cases', {
      as: SATO,
      body,
      headers: { 'idempotency-key': key },
    });
    const again = await api.call('POST', '/api/cases', {
      as: SATO,
      body,
      headers: { 'idempotency-key': key },
    });
    expect([retry.status, again.status]).toEqual([201, 201]);
    expect(again.json).toEqual(retry.json);
    scenarios += 1;
  });
});

describe('a database that stops answering', () => {
  it('answers 503 within the Lambda timeout instead of hanging (bounded SDK timeouts and retries)', async () => {
    const opened = await openCase();
    relay.arm({ kind: 'hang' });
    const started = performance.now();
    const response = await api.call('GET', `/api/cases/${opened.caseId}`, { as: SATO });
    const elapsed = performance.now() - started;
    const attempts = relay.seen.length;
    relay.arm({ kind: 'none' });
    expectStableError(response, 503);
    expect(response.json.error.message).toMatch(/しばらくしてから/);
    expect(elapsed).toBeLessThan(10_000);
    expect(attempts).toBeGreaterThanOrEqual(1);
    scenarios += 1;
  }, 30_000);
});

describe('DynamoDB Local killed and restarted under load', () => {
  it('answers clearly (503, stable shape, Japanese message, no hang) and keeps every acknowledged write', async () => {
    type Result = { status: number; ms: number; response: ApiResponse; name: string; startedAt: number };
    const results: Result[] = [];
    let running = true;
    let failure: unknown;
    let serial = 0;
    let phase = 0;
    // Each phase waits for what it needs to have seen (answers, the process gone), not for a time.
    const waiting = new Set<() => void>();
    const until = (what: string, condition: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (condition()) {
            waiting.delete(check);
            resolve();
          } else if (!running) {
            waiting.delete(check);
            reject(new Error(`the load stopped before ${what}`, { cause: failure }));
          }
        };
        waiting.add(check);
        check();
      });
    const worker = async () => {
      try {
        await load();
      } catch (error) {
        failure ??= error;
        running = false;
        for (const check of [...waiting]) check();
      }
    };
    const load = async () => {
      while (running) {
        serial += 1;
        const name = `負荷 ${String(serial).padStart(4, '0')}`;
        const startedAt = phase;
        const started = performance.now();
        const response = await api.call('POST', '/api/cases', {
          as: SATO,
          body: newCaseBody({ person: { ...newCaseBody().person, name } }),
          headers: { 'idempotency-key': `faults-load-${randomUUID()}` },
        });
        results.push({ status: response.status, ms: performance.now() - started, response, name, startedAt });
        for (const check of [...waiting]) check();
      }
    };
    const answered = (inPhase: number, status: number) =>
      results.filter((result) => result.startedAt === inPhase && result.status === status).length;
    const workers = Array.from({ length: 8 }, () => worker());
    try {
      // Phase 0: the load is on, creates acknowledged.
      await until('the first creates', () => answered(0, 201) >= 8);
      // SIGTERM, not SIGKILL: DynamoDB Local itself loses acknowledged TransactWriteItems when
      // SIGKILLed (measured with the SDK alone, no code of ours: 1 of ~120 acknowledged 2-item
      // transactions missing after a restart in 2 of 4 runs; PutItem lost none, SIGTERM lost none in
      // 4). DynamoDB acknowledges durably; what this test proves is ours: clear errors, no hang, and
      // nothing we acknowledged is missing once the database is back.
      const killed = dynamo;
      phase = 1;
      process.kill(killed.pid, 'SIGTERM');
      await killed.exited;
      // Phase 1: requests sent while the database is down are answered (503), not left hanging.
      await until('answers during the outage', () => answered(1, 503) >= 8);
      dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir });
      phase = 2;
      // Phase 2: work resumes once the database is back.
      await until('creates after the restart', () => answered(2, 201) >= 8);
    } finally {
      running = false;
      await Promise.all(workers);
    }
    if (failure) throw failure;
    const duringOutage = results.filter(({ startedAt }) => startedAt === 1).length;

    const statuses = new Map<number, number>();
    for (const { status } of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const summary = [...statuses.entries()].map(([status, count]) => `${status}×${count}`).join(' ');
    expect(
      [...statuses.keys()].every((status) => status === 201 || status === 503),
      summary,
    ).toBe(true);
    expect(statuses.get(503), summary).toBeGreaterThan(0);
    expect(duringOutage, 'requests kept being answered during the outage').toBeGreaterThan(0);
    // Work resumed after the restart.
    expect(
      results.slice(-8).some(({ status }) => status === 201),
      summary,
    ).toBe(true);

    for (const { response, ms } of results) {
      expect(ms, 'no request hangs').toBeLessThan(15_000);
      if (response.status === 503) {
        expectStableError(response, 503);
        expect(response.json.error.code).toBe('service_unavailable');
        expect(response.json.error.message).toMatch(/しばらくしてから/);
        expect(response.headers.get('retry-after')).toBe('1');
      }
    }
    // Every acknowledged create is there after the restart.
    const acknowledged = results.filter(({ status }) => status === 201);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { response } of acknowledged) {
      const stored = await storedCase(response.json.caseId);
      expect(stored, response.json.caseId).toBeDefined();
    }
    console.log(
      `outage: ${results.length} creates (${summary}), ${duringOutage} answered while DynamoDB Local was down`,
    );
    scenarios += 1;
  }, 120_000);
});
