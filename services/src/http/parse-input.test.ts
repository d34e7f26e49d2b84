import { MAX_PAGE_SIZE, PageQuery, type FieldError } from '@kikan/shared';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ROUTES, createCaseRoute, getCaseRoute, listCasesRoute, routeKey } from '../routes.ts';
import { UnsupportedMediaTypeError, ValidationError } from '../kernel/errors.ts';
import { MAX_BODY_BYTES, parseInput } from './parse-input.ts';
import { defineRoute, type RouteDefinition } from './route.ts';
import { createConsultationRoute } from '@kikan/shared/contracts/caseload';
import { apiGatewayEvent, type RequestParts } from './test-fixtures.ts';

const httpEvent = (route: RouteDefinition, parts: RequestParts = {}) => apiGatewayEvent(route, parts);

const JSON_HEADERS = { 'content-type': 'application/json' };

const validCaseBody = () => ({
  person: {
    name: '佐藤 花子',
    kana: 'サトウ ハナコ',
    birthDate: '2008-06-15',
    municipalityCode: '011002',
  },
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  monitoringPeriodMonths: 3,
  openedOn: '2026-04-01',
});

const createCaseEvent = (body: unknown, headers: Record<string, string> = {}) =>
  httpEvent(createCaseRoute, { headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) });

/** The field errors of the one ValidationError the parse throws; fails the test if it throws none. */
const fieldErrorsOf = (parse: () => unknown): FieldError[] => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error instanceof ValidationError ? (error.fields ?? []) : [];
  }
  expect.fail('expected a ValidationError');
};

const fieldNames = (errors: FieldError[]) => errors.map(({ field }) => field);

describe('parseInput: validation', () => {
  it('reports each of several unknown body keys as its own field', () => {
    const event = createCaseEvent({ ...validCaseBody(), tenantId: 'other-tenant', version: 1 });
    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute))).sort()).toEqual([
      'body.tenantId',
      'body.version',
    ]);
  });

  it('accepts a valid create-case request and applies the schema defaults', () => {
    const input = parseInput(createCaseEvent(validCaseBody()), createCaseRoute);

    expect(input.body).toMatchObject({
      serviceUseStatus: 'not_started',
      person: { supportLevel: 'not_assessed' },
    });
    expect(input.idempotency).toBeNull();
    expect(input.ifMatch).toBeNull();
  });

  it('reports every invalid field of a request in one ValidationError', () => {
    const body = {
      ...validCaseBody(),
      person: { ...validCaseBody().person, kana: 'Sato Hanako', birthDate: '2008-02-30' },
      monitoringPeriodMonths: 4,
    };
    const event = createCaseEvent(body, { 'x-tenant-id': 'other-tenant' });

    const fields = fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)));

    expect(fields).toEqual(
      expect.arrayContaining([
        'header.x-tenant-id',
        'body.person.kana',
        'body.person.birthDate',
        'body.monitoringPeriodMonths',
      ]),
    );
    expect(fields).toHaveLength(4);
  });

  it('names an invalid query parameter query.<name>', () => {
    const event = httpEvent(listCasesRoute, { query: { limit: 'many' } });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, listCasesRoute)))).toEqual(['query.limit']);
  });

  it('names an invalid path parameter params.<name>', () => {
    const event = httpEvent(getCaseRoute, { pathParameters: { caseId: 'a#b' } });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, getCaseRoute)))).toEqual(['params.caseId']);
  });

  it.each(['tenantId', 'version', 'createdBy'])('refuses the unknown body key %s as body.<key>', (key) => {
    const event = createCaseEvent({ ...validCaseBody(), [key]: 'x' });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual([`body.${key}`]);
  });

  it('refuses an unknown key nested in the person as body.person.<key>', () => {
    const event = createCaseEvent({
      ...validCaseBody(),
      person: { ...validCaseBody().person, role: 'tenant_admin' },
    });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['body.person.role']);
  });

  it('refuses a __proto__ key in the body', () => {
    const event = httpEvent(createCaseRoute, {
      headers: JSON_HEADERS,
      body: `{"__proto__":{"polluted":true},${JSON.stringify(validCaseBody()).slice(1)}`,
    });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['body.__proto__']);
  });

  it('refuses a tenant named in the x-tenant-id header', () => {
    const event = httpEvent(listCasesRoute, { headers: { 'x-tenant-id': 'other-tenant' } });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, listCasesRoute)))).toEqual([
      'header.x-tenant-id',
    ]);
  });

  it('refuses a tenant named in the query string', () => {
    const event = httpEvent(listCasesRoute, { query: { tenantId: 'other-tenant' } });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, listCasesRoute)))).toEqual(['query.tenantId']);
  });

  it('refuses query parameters on a route that takes none', () => {
    const event = createCaseEvent(validCaseBody());
    event.queryStringParameters = { debug: '1' };

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['query']);
  });

  it('refuses a body on a route that takes none', () => {
    const event = httpEvent(listCasesRoute, { headers: JSON_HEADERS, body: '{"officeId":"office_north1"}' });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, listCasesRoute)))).toEqual(['body']);
  });

  it('requires a body on a create route', () => {
    const event = httpEvent(createCaseRoute, { headers: JSON_HEADERS });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['body']);
  });
});

describe('parseInput: body transport', () => {
  it('refuses a body over 256 KB with a 400 naming the body', () => {
    const body = JSON.stringify({ ...validCaseBody(), padding: 'x'.repeat(MAX_BODY_BYTES) });
    const event = httpEvent(createCaseRoute, { headers: JSON_HEADERS, body });

    const parse = () => parseInput(event, createCaseRoute);

    expect(parse).toThrow(expect.objectContaining({ status: 400, code: 'validation_failed' }));
    expect(fieldNames(fieldErrorsOf(parse))).toEqual(['body']);
  });

  it('refuses an oversize body before parsing it: invalid JSON over the cap is still a size error', () => {
    const event = httpEvent(createCaseRoute, { headers: JSON_HEADERS, body: '{'.repeat(MAX_BODY_BYTES + 1) });

    expect(fieldErrorsOf(() => parseInput(event, createCaseRoute))).toEqual([
      { field: 'body', message: expect.stringContaining('大きすぎます') },
    ]);
  });

  it('counts bytes, not characters: 256 KB of three-byte characters is over the cap', () => {
    const body = JSON.stringify({ padding: 'あ'.repeat(MAX_BODY_BYTES / 3 + 1) });
    const event = httpEvent(createCaseRoute, { headers: JSON_HEADERS, body });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['body']);
  });

  it('accepts a body just under the cap (then judges its content)', () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES - 1000);
    const event = httpEvent(createCaseRoute, {
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...validCaseBody(), padding }),
    });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['body.padding']);
  });

  it('measures the size of a base64-encoded body after decoding', () => {
    const body = Buffer.from(JSON.stringify({ padding: 'あ'.repeat(MAX_BODY_BYTES / 3 + 1) })).toString(
      'base64',
    );
    const event = httpEvent(createCaseRoute, { headers: JSON_HEADERS, body, isBase64Encoded: true });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['body']);
  });

  it('decodes a base64-encoded JSON body', () => {
    const body = Buffer.from(JSON.stringify(validCaseBody())).toString('base64');
    const event = httpEvent(createCaseRoute, { headers: JSON_HEADERS, body, isBase64Encoded: true });

    expect(parseInput(event, createCaseRoute).body).toMatchObject({ openedOn: '2026-04-01' });
  });

  it('refuses a body sent as another media type with 415', () => {
    const event = httpEvent(createCaseRoute, {
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(validCaseBody()),
    });

    const parse = () => parseInput(event, createCaseRoute);

    expect(parse).toThrow(UnsupportedMediaTypeError);
    expect(parse).toThrow(expect.objectContaining({ status: 415 }));
  });

  it('refuses a body without a content type with 415', () => {
    const event = httpEvent(createCaseRoute, { body: JSON.stringify(validCaseBody()) });

    expect(() => parseInput(event, createCaseRoute)).toThrow(UnsupportedMediaTypeError);
  });

  it('accepts application/json with a charset, whatever the header name case', () => {
    const event = createCaseEvent(validCaseBody());
    event.headers = { 'Content-Type': 'application/json; charset=utf-8' };

    expect(parseInput(event, createCaseRoute).body).toMatchObject({ openedOn: '2026-04-01' });
  });

  it('reports malformed JSON as field body', () => {
    const event = httpEvent(createCaseRoute, { headers: JSON_HEADERS, body: '{"person": {' });

    const errors = fieldErrorsOf(() => parseInput(event, createCaseRoute));

    expect(errors).toContainEqual({ field: 'body', message: 'JSONの形式が正しくありません' });
    expect(new Set(fieldNames(errors))).toEqual(new Set(['body']));
  });
});

describe('parseInput: Idempotency-Key', () => {
  it('refuses a deeply nested body with an Idempotency-Key as a 400, not a stack overflow (found by the fuzz suite)', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const event = httpEvent(createCaseRoute, {
      headers: { ...JSON_HEADERS, 'idempotency-key': 'retry-0001-abcdef' },
      body: deep,
    });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual(['body']);
  });

  it('accepts an Idempotency-Key on the create-case route', () => {
    const event = createCaseEvent(validCaseBody(), { 'idempotency-key': 'retry-0001-abcdef' });

    const { idempotency } = parseInput(event, createCaseRoute);

    expect(idempotency?.key).toBe('retry-0001-abcdef');
    expect(idempotency?.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gives the same fingerprint to the same body with its keys in another order', () => {
    const body = validCaseBody();
    const reordered = {
      openedOn: body.openedOn,
      monitoringPeriodMonths: body.monitoringPeriodMonths,
      planAuthor: body.planAuthor,
      serviceKind: body.serviceKind,
      person: {
        municipalityCode: body.person.municipalityCode,
        birthDate: body.person.birthDate,
        kana: body.person.kana,
        name: body.person.name,
      },
    };
    const headers = { 'idempotency-key': 'retry-0001-abcdef' };

    const first = parseInput(createCaseEvent(body, headers), createCaseRoute);
    const second = parseInput(createCaseEvent(reordered, headers), createCaseRoute);

    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
    expect(second.idempotency?.fingerprint).toBe(first.idempotency?.fingerprint);
  });

  it('gives a different fingerprint to a different body', () => {
    const headers = { 'idempotency-key': 'retry-0001-abcdef' };
    const other = { ...validCaseBody(), monitoringPeriodMonths: 6 };

    const first = parseInput(createCaseEvent(validCaseBody(), headers), createCaseRoute);
    const second = parseInput(createCaseEvent(other, headers), createCaseRoute);

    expect(second.idempotency?.fingerprint).not.toBe(first.idempotency?.fingerprint);
  });

  describe('binds the fingerprint to the request, not the body alone (SECURITY.md row 24)', () => {
    const consultation = {
      consultedOn: '2026-11-20',
      channel: 'phone',
      counterpart: 'person',
      supportCategories: ['welfare_services'],
      summary: '電話で相談',
      minutes: 15,
    };
    const consultationEvent = (caseId: string) =>
      httpEvent(createConsultationRoute, {
        pathParameters: { caseId },
        headers: { ...JSON_HEADERS, 'idempotency-key': 'retry-0001-abcdef' },
        body: JSON.stringify(consultation),
      });

    it('gives the same key and body on another case another fingerprint', () => {
      const first = parseInput(consultationEvent('case-a-0001'), createConsultationRoute);
      const second = parseInput(consultationEvent('case-b-0002'), createConsultationRoute);

      expect(first.idempotency?.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second.idempotency?.fingerprint).not.toBe(first.idempotency?.fingerprint);
    });

    it('gives the same key, path and body on another route another fingerprint', () => {
      const routeFor = (path: `/api/${string}`) =>
        defineRoute({
          method: 'POST',
          path,
          context: 'caseload',
          access: ['specialist'],
          summary: 'test',
          params: z.strictObject({ caseId: z.string() }),
          body: z.strictObject({ note: z.string() }),
          response: z.strictObject({}),
          successStatus: 200,
          idempotent: true,
        });
      const first = routeFor('/api/test/{caseId}/first');
      const second = routeFor('/api/test/{caseId}/second');
      const eventOn = (route: RouteDefinition) =>
        httpEvent(route, {
          pathParameters: { caseId: 'case-a-0001' },
          headers: { ...JSON_HEADERS, 'idempotency-key': 'retry-0001-abcdef' },
          body: JSON.stringify({ note: '同じ内容' }),
        });

      const one = parseInput(eventOn(first), first);
      const other = parseInput(eventOn(second), second);

      expect(one.idempotency?.fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.idempotency?.fingerprint).not.toBe(one.idempotency?.fingerprint);
    });
  });

  it('refuses an Idempotency-Key on a GET route', () => {
    const event = httpEvent(listCasesRoute, { headers: { 'idempotency-key': 'retry-0001-abcdef' } });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, listCasesRoute)))).toEqual([
      'header.idempotency-key',
    ]);
  });

  it.each(['short', 'has space in it', 'a#b#c#d#e'])('refuses the malformed Idempotency-Key %j', (key) => {
    const event = createCaseEvent(validCaseBody(), { 'idempotency-key': key });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, createCaseRoute)))).toEqual([
      'header.idempotency-key',
    ]);
  });
});

describe('parseInput: If-Match', () => {
  const withIfMatch = (value: string) =>
    httpEvent(getCaseRoute, { pathParameters: { caseId: 'case_0001' }, headers: { 'if-match': value } });

  it.each([
    ['"3"', 3],
    ['W/"4"', 4],
    [' "12" ', 12],
  ])('reads the version from If-Match %s', (value, version) => {
    expect(parseInput(withIfMatch(value), getCaseRoute).ifMatch).toBe(version);
  });

  it.each(['abc', '3', '"3', '"-1"', '*'])('refuses the If-Match value %j', (value) => {
    expect(fieldNames(fieldErrorsOf(() => parseInput(withIfMatch(value), getCaseRoute)))).toEqual([
      'header.if-match',
    ]);
  });
});

describe('parseInput: page size', () => {
  const listQuery = (query?: Record<string, string>) =>
    parseInput(httpEvent(listCasesRoute, query ? { query } : {}), listCasesRoute).query;

  it('defaults the page size to 25', () => {
    expect(listQuery()).toEqual({ limit: 25 });
  });

  it('accepts a page size of 100', () => {
    expect(listQuery({ limit: '100' })).toEqual({ limit: 100 });
  });

  it.each(['101', '0', '2.5'])('refuses the page size %s', (limit) => {
    const event = httpEvent(listCasesRoute, { query: { limit } });

    expect(fieldNames(fieldErrorsOf(() => parseInput(event, listCasesRoute)))).toEqual(['query.limit']);
  });

  /** Keys that would let a client size a page some other way than `limit`. */
  const PAGE_SIZE_NAMES = ['limit', 'pageSize', 'size', 'count', 'max', 'perPage', 'per_page', 'top'];
  const queryShape = (route: RouteDefinition): Record<string, z.ZodType> =>
    route.query instanceof z.ZodObject ? (route.query.shape as Record<string, z.ZodType>) : {};
  const paged = ROUTES.filter((route) => 'limit' in queryShape(route));

  it('finds the list routes (the check below is not vacuous)', () => {
    expect(paged.map(routeKey)).toEqual(expect.arrayContaining(['GET /api/cases', 'GET /api/audit']));
    expect(paged.length).toBeGreaterThanOrEqual(9);
  });

  it('caps every page size from one place: each list route takes PageQuery’s own limit', () => {
    for (const route of paged) {
      expect(queryShape(route).limit, routeKey(route)).toBe(PageQuery.shape.limit);
    }
  });

  it('leaves no other way to ask for a bigger page', () => {
    for (const route of ROUTES) {
      const other = Object.keys(queryShape(route)).filter(
        (name) => name !== 'limit' && PAGE_SIZE_NAMES.includes(name),
      );
      expect(other, routeKey(route)).toEqual([]);
    }
  });

  it.each([String(MAX_PAGE_SIZE + 1), '100000', '-1', 'abc', ''])('PageQuery refuses limit=%j', (limit) => {
    expect(PageQuery.safeParse({ limit }).success).toBe(false);
  });
});
