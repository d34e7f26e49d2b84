import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ErrorResponse } from '@kikan/shared';
import { ROUTES, routeKey, type RouteDefinition } from '@kikan/services/routes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../services/local/demo-data.ts';
import { startLocalStack } from '../../services/local/stack.ts';
import { localClient } from '../../services/local/table.ts';
import { PERSONAS, type Expectation, type Persona } from '../support/personas.ts';
import type { ApiResponse, CallOptions, TestApi } from '../support/test-api.ts';
import { copyDemoDatabase } from '../support/demo-database.ts';
import { captureLogs, scanLog, seededPersonalData } from '../support/log-scan.ts';
import { UNICODE_EDGE_CASES, asStrings, mutated, validShaped } from '../support/zod-arbitrary.ts';
import { forbiddenWrites, startWriteObserver, type WriteObserver } from '../support/write-observer.ts';
import { MATRIX } from './matrix/index.ts';

/**
 * Property-based fuzzing of every route (SECURITY rows 5, 8, 13): requests built from each
 * route's own zod schemas, valid-shaped and then broken (extra, server-owned and prototype keys,
 * wrong types, huge and hostile strings, deep nesting, empty and malformed bodies, odd query
 * strings, path parameters and headers), sent by a persona the route allows, at records that
 * exist (the authorisation matrix's paths). Properties: never a 5xx; every 4xx has the stable
 * error shape; a refused request writes nothing but `denied` audit entries (every write DynamoDB
 * Local acknowledges is observed on the wire); 2xx bodies parse with the route's response schema.
 *
 * FUZZ_RUNS sets the runs per route (default 50: about 4,400 requests, 1.5 minutes).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

interface FuzzEntry {
  /** Who calls: a persona the route allows. */
  email: string;
  persona: Persona;
  /** A path at records that exist, from the authorisation matrix. */
  path: string;
  expectation: Expectation;
}

/**
 * The fuzz table: every route with its caller and real path. The caller is the first persona the
 * matrix expects a 2xx for on its own office (else the first whose role the route allows).
 */
const FUZZ: Record<string, FuzzEntry> = Object.fromEntries(
  ROUTES.flatMap((route) => {
    const key = routeKey(route);
    const expectation = MATRIX[key];
    if (!expectation) return [];
    const allowed = PERSONAS.filter(
      (persona) => route.access === 'public' || route.access.includes(persona.role as never),
    );
    const persona =
      allowed.find((candidate) => expectation.status(candidate, 'ownOffice') < 300) ??
      allowed[0] ??
      PERSONAS[0];
    if (!persona) return [];
    return [
      [key, { email: persona.email, persona, path: expectation.path(persona, 'ownOffice'), expectation }],
    ];
  }),
);

// ---------------------------------------------------------------------------------------------
// The API, called with node:http so any method may carry any body and paths go out as written.

interface RawCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const send = (baseUrl: string, call: RawCall): Promise<ApiResponse> =>
  new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: call.method,
        path: call.path,
        headers: {
          ...call.headers,
          ...(call.body !== undefined ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          resolve({ status: response.statusCode ?? 0, headers, json, text });
        });
        response.on('error', reject);
      },
    );
    request.setTimeout(20_000, () => request.destroy(new Error(`timeout: ${call.method} ${call.path}`)));
    request.on('error', reject);
    request.end(call.body);
  });

// ---------------------------------------------------------------------------------------------
// Requests from the route's schemas.

const ROUTE_PATTERNS = new Map(
  ROUTES.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\./g, '\\.').replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return [routeKey(route), { pattern: new RegExp(`^${source}$`), names }];
  }),
);

const paramsOfPath = (route: RouteDefinition, path: string): Record<string, string> => {
  const compiled = ROUTE_PATTERNS.get(routeKey(route));
  const match = compiled?.pattern.exec(path.split('?')[0] ?? '');
  if (!compiled || !match) throw new Error(`${path} does not match ${route.path}`);
  return Object.fromEntries(
    compiled.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
  );
};

/** Path parameters sent as they are (already percent-encoded, or broken encodings). */
const RAW_PARAMS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  '%23',
  'a'.repeat(2_000),
  '-',
];

/** Lone surrogates cannot be percent-encoded: RAW_PARAMS sends their UTF-8 bytes instead. */
const URL_SAFE_EDGE_CASES = UNICODE_EDGE_CASES.filter((value) => {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
});

interface Generated {
  params: { kind: 'real' | 'shaped' | 'hostile' | 'raw'; values: Record<string, string> };
  query: Record<string, string>;
  body:
    | { kind: 'none' }
    | { kind: 'json'; label: string; value: unknown }
    | { kind: 'raw'; label: string; text: string; contentType?: string };
  ifMatch: 'current' | 'none' | string;
  idempotencyKey: 'fresh' | 'none' | string;
  tenantHeader: boolean;
}

const summarise = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text;
};

const MALFORMED_BODIES = [
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '42',
  'true',
  '{"a":1,"a":2}',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  'ｘ',
  '\ufeff{}',
];

const requestArbitrary = (route: RouteDefinition, entry: FuzzEntry): fc.Arbitrary<Generated> => {
  const realParams = route.params ? paramsOfPath(route, entry.path) : {};
  const names = Object.keys(realParams);
  const params: fc.Arbitrary<Generated['params']> = route.params
    ? fc.oneof(
        { weight: 6, arbitrary: fc.constant({ kind: 'real' as const, values: realParams }) },
        {
          weight: 2,
          arbitrary: validShaped(route.params).map((value) => ({
            kind: 'shaped' as const,
            values: asStrings(value),
          })),
        },
        {
          weight: 1,
          arbitrary: fc
            .record(
              Object.fromEntries(
                names.map((name) => [name, fc.constantFrom(...URL_SAFE_EDGE_CASES, 'x'.repeat(300))]),
              ),
            )
            .map((values) => ({ kind: 'hostile' as const, values: values as Record<string, string> })),
        },
        {
          weight: 1,
          arbitrary: fc
            .record(Object.fromEntries(names.map((name) => [name, fc.constantFrom(...RAW_PARAMS)])))
            .map((values) => ({ kind: 'raw' as const, values: values as Record<string, string> })),
        },
      )
    : fc.constant({ kind: 'real' as const, values: {} });
  const strangeQuery = fc.dictionary(
    fc.oneof(
      fc.constantFrom('limit', 'cursor', 'tenantId', '__proto__', 'constructor'),
      fc.string({ maxLength: 8 }),
    ),
    fc.oneof(
      fc.constantFrom('', '-1', '0', '1e3', '0x10', ' 5', 'NaN', 'null', 'x'.repeat(5_000)),
      fc.string({ maxLength: 20 }),
    ),
    { maxKeys: 3 },
  );
  const query: fc.Arbitrary<Record<string, string>> = route.query
    ? fc.oneof(
        { weight: 4, arbitrary: validShaped(route.query).map(asStrings) },
        {
          weight: 3,
          arbitrary: mutated(route.query).map(({ value }) =>
            value && typeof value === 'object' && !Array.isArray(value)
              ? asStrings(value)
              : { q: String(value) },
          ),
        },
        { weight: 1, arbitrary: strangeQuery },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: strangeQuery });
  const known = entry.expectation.body?.(entry.persona);
  const malformed = fc
    .constantFrom(...MALFORMED_BODIES)
    .map((text) => ({ kind: 'raw' as const, label: 'malformed', text }));
  const wrongContentType = fc
    .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', '')
    .map((contentType) => ({ kind: 'raw' as const, label: 'content type', text: '{}', contentType }));
  const body: fc.Arbitrary<Generated['body']> = route.body
    ? fc.oneof(
        ...(known !== undefined
          ? [
              {
                weight: 2,
                arbitrary: fc.constant({ kind: 'json' as const, label: 'matrix body', value: known }),
              },
            ]
          : []),
        {
          weight: 3,
          arbitrary: validShaped(route.body).map((value) => ({
            kind: 'json' as const,
            label: 'valid-shaped',
            value,
          })),
        },
        {
          weight: 5,
          arbitrary: mutated(route.body).map(({ mutation, value }) => ({
            kind: 'json' as const,
            label: mutation,
            value,
          })),
        },
        { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
        { weight: 2, arbitrary: malformed },
        { weight: 1, arbitrary: wrongContentType },
      )
    : fc.oneof(
        { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
        {
          weight: 1,
          arbitrary: fc
            .jsonValue({ maxDepth: 2 })
            .map((value) => ({ kind: 'json' as const, label: 'unexpected body', value })),
        },
        { weight: 1, arbitrary: malformed },
      );
  const ifMatch = fc.oneof(
    { weight: 4, arbitrary: fc.constant('current') },
    { weight: 2, arbitrary: fc.constant('none') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('"999999999"', '"0"', 'W/"1"', '*', '"-1"', '"1e3"', 'abc', '"9999999999"'),
    },
  );
  const idempotencyKey = route.idempotent
    ? fc.oneof(
        { weight: 5, arbitrary: fc.constant('fresh') },
        { weight: 1, arbitrary: fc.constant('none') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'short',
            'a'.repeat(129),
            'bad key!',
            'key/with/slash',
            '%E9%80%81%E4%BF%A1',
          ),
        },
      )
    : fc.oneof({ weight: 8, arbitrary: fc.constant('none') }, { weight: 1, arbitrary: fc.constant('fresh') });
  return fc
    .record({
      params,
      query,
      body,
      ifMatch,
      idempotencyKey,
      tenantHeader: fc.oneof(
        { weight: 9, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    })
    .map((generated) =>
      Object.assign(generated, {
        // fast-check prints counterexamples with this: huge strings stay readable.
        [fc.toStringMethod]: () =>
          summarise({
            params: generated.params,
            query: generated.query,
            body:
              generated.body.kind === 'raw'
                ? { ...generated.body, text: summarise(generated.body.text) }
                : generated.body,
            ifMatch: generated.ifMatch,
            idempotencyKey: generated.idempotencyKey,
            tenantHeader: generated.tenantHeader,
          }),
      }),
    );
};

/** Query strings stay under the request-line limits of API Gateway (10 KB) and Node's HTTP parser. */
const MAX_QUERY_VALUE = 600;

const pathOf = (route: RouteDefinition, generated: Generated) => {
  const { kind, values } = generated.params;
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name] ?? '';
    return kind === 'raw' ? value : encodeURIComponent(value);
  });
  const search = new URLSearchParams(
    Object.entries(generated.query).map(([name, value]): [string, string] => [
      name.slice(0, 100),
      value.slice(0, MAX_QUERY_VALUE),
    ]),
  ).toString();
  return search ? `${path}?${search}` : path;
};

// ---------------------------------------------------------------------------------------------

let api: TestApi;
let observer: WriteObserver;
let documents: DynamoDBDocumentClient;
let capture: ReturnType<typeof captureLogs>;
const totals = { requests: 0, refused: 0, succeeded: 0, digests: 0, byStatus: new Map<number, number>() };

/** A digest of every item that is not an audit entry: what a refused request must leave alone. */
const tableDigest = async () => {
  const hash = createHash('sha256');
  const lines: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: api.tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      if (item.entity !== 'audit') lines.push(JSON.stringify(item, Object.keys(item).sort()));
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  for (const line of lines.sort()) hash.update(line);
  return { digest: hash.digest('hex'), items: lines.length };
};

beforeAll(async () => {
  // A database of its own, a copy of the run's seeded demo (test/support/demo-database.ts).
  const demo = inject('demoDatabase');
  const accessKey = `fuzz${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  copyDemoDatabase(demo, accessKey);
  observer = await startWriteObserver(inject('dynamoDbEndpoint'), { accessKey });
  const tableName = demo.tableName;
  // Whatever the stack logs while being fuzzed is scanned for seeded personal data (row 16).
  capture = captureLogs(join(tmpdir(), `kikan-fuzz-stack-${process.pid}.log`));
  const stack = await capture.run(() =>
    startLocalStack({
      port: 0,
      dynamoDb: { endpoint: observer.endpoint },
      tableName,
      portal: 'none',
      seed: false,
    }),
  );
  documents = DynamoDBDocumentClient.from(localClient(observer.endpoint));
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
  const call = async (method: string, path: string, options: CallOptions = {}) => {
    const token = options.token ?? (options.as ? await tokenOf(options.as) : undefined);
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    return send(stack.url, {
      method,
      path,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
  };
  const queryPartition = async (pk: string) =>
    (
      await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      )
    ).Items ?? [];
  api = {
    stack,
    tableName,
    tokenOf,
    call,
    allItems: async () => {
      throw new Error('not used by the fuzz suite');
    },
    queryPartition,
    stop: () => stack.stop(),
  };
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await observer?.close();
  capture?.stop();
  // The integration run logs warnings and errors only, so the log may be empty here: no 0-line check.
  const hits = capture ? scanLog(readFileSync(capture.file, 'utf8'), seededPersonalData()) : [];
  rmSync(capture.file, { force: true });
  expect(hits, 'seeded personal data in the logs').toEqual([]);
  const statuses = [...totals.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}×${count}`);
  console.log(
    `fuzz: ${totals.requests} requests over ${Object.keys(FUZZ).length} routes (${RUNS} runs each): ` +
      `${totals.succeeded} 2xx, ${totals.refused} refused (${totals.digests} checked against a table digest); ` +
      statuses.join(' '),
  );
});

describe('fuzzing every route from its schemas', () => {
  it('has a fuzz entry for every route of the route table, and no other', () => {
    expect(Object.keys(FUZZ).sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  for (const route of ROUTES) {
    const key = routeKey(route);
    it(`${key}: no 5xx, stable errors, refusals write nothing, responses fit the schema`, async () => {
      const entry = FUZZ[key];
      if (!entry) throw new Error(`${key} has no fuzz entry`);
      // The first refused write of the route is also checked against a digest of the whole table.
      let digestChecked = route.method === 'GET';
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route, entry), async (generated) => {
          const headers: Record<string, string> = {};
          if (route.access !== 'public') headers.authorization = `Bearer ${await api.tokenOf(entry.email)}`;
          if (generated.ifMatch === 'current') {
            const current = await entry.expectation
              .headers?.(api, entry.persona, 'ownOffice')
              .catch(() => ({}) as Record<string, string>);
            if (current?.['if-match']) headers['if-match'] = current['if-match'];
          } else if (generated.ifMatch !== 'none') headers['if-match'] = generated.ifMatch;
          if (generated.idempotencyKey === 'fresh') headers['idempotency-key'] = `fuzz-${randomUUID()}`;
          else if (generated.idempotencyKey !== 'none') headers['idempotency-key'] = generated.idempotencyKey;
          if (generated.tenantHeader) headers['x-tenant-id'] = 'hokushin';
          let body: string | undefined;
          if (generated.body.kind === 'json') {
            body = JSON.stringify(generated.body.value) ?? 'null';
            headers['content-type'] = 'application/json';
          } else if (generated.body.kind === 'raw') {
            body = generated.body.text;
            const contentType = generated.body.contentType ?? 'application/json';
            if (contentType) headers['content-type'] = contentType;
          }
          const before = digestChecked ? undefined : await tableDigest();
          observer.clear();
          const response = await send(api.stack.url, {
            method: route.method,
            path: pathOf(route, generated),
            headers,
            body,
          });
          totals.requests += 1;
          totals.byStatus.set(response.status, (totals.byStatus.get(response.status) ?? 0) + 1);
          expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
          if (response.status >= 400) {
            totals.refused += 1;
            const shape = ErrorResponse.safeParse(response.json);
            expect(shape.success, `error shape: ${response.text.slice(0, 300)}`).toBe(true);
            expect(forbiddenWrites(observer.writes), `refused with ${response.status} but wrote`).toEqual([]);
            if (before) {
              expect(await tableDigest(), 'items changed by a refused request').toEqual(before);
              digestChecked = true;
              totals.digests += 1;
            }
            return;
          }
          totals.succeeded += 1;
          expect(response.status).toBe(route.successStatus);
          if (route.raw) {
            expect(response.text.length).toBeGreaterThan(0);
            return;
          }
          const parsed = route.response.safeParse(response.json);
          expect(parsed.success, `response schema: ${parsed.error?.message.slice(0, 500)}`).toBe(true);
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true },
      );
    }, 120_000);
  }
});
