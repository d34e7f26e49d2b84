import { MAX_PAGE_SIZE, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../services/src/http/parse-input.ts';
import { HIMAWARI_CASE } from '../support/personas.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY row 13 [L]: an oversize body and a page size out of bounds are refused with 400 and the
 * stable error shape, and nothing is written.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SPECIALIST = 'sato@kibou.example';

/** Every list route that takes a page size, with a caller allowed on it and its other required query. */
const LIST_ROUTES: { path: string; as: string; query?: string }[] = [
  { path: '/api/cases', as: SPECIALIST },
  { path: `/api/cases/${HIMAWARI_CASE}/plans`, as: SPECIALIST },
  { path: '/api/assignments/open', as: SPECIALIST },
  { path: '/api/cases/search', as: SPECIALIST, query: 'q=%E3%82%B5' },
  { path: '/api/dashboard/offices/himawari/cases', as: 'takahashi@kibou.example', query: 'figure=active' },
  { path: '/api/difficult-cases', as: 'takahashi@kibou.example' },
  { path: '/api/supervisions', as: 'takahashi@kibou.example' },
  { path: '/api/ledger/events', as: 'takahashi@kibou.example' },
  { path: '/api/audit', as: 'admin@kibou.example', query: `from=${todayInJapan()}&to=${todayInJapan()}` },
];

const withQuery = (route: (typeof LIST_ROUTES)[number], limit: string) =>
  `${route.path}?${[route.query, `limit=${limit}`].filter(Boolean).join('&')}`;

const fieldsOf = (json: { error?: { fields?: { field: string }[] } }) =>
  (json.error?.fields ?? []).map(({ field }) => field);

describe('request body cap', () => {
  it('refuses a body over the cap with 400 naming the body, and writes nothing', async () => {
    const before = await api.allItems();
    const body = JSON.stringify({ ...newCaseBody(), padding: 'x'.repeat(MAX_BODY_BYTES) });

    const response = await api.call('POST', '/api/cases', { as: SPECIALIST, rawBody: body });

    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    expect(fieldsOf(response.json)).toEqual(['body']);
    expect(await api.allItems()).toHaveLength(before.length);
  });

  it('refuses a body of many megabytes the same way at the gateway', async () => {
    const before = await api.allItems();
    const body = `{"padding":"${'x'.repeat(8 * 1024 * 1024)}"}`;

    const response = await api.call('POST', '/api/cases', { as: SPECIALIST, rawBody: body });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.json)).toEqual(['body']);
    expect(await api.allItems()).toHaveLength(before.length);
  });

  it('accepts a body under the cap: the same request without the padding creates the case', async () => {
    const response = await api.call('POST', '/api/cases', { as: SPECIALIST, body: newCaseBody() });

    expect(response.status).toBe(201);
  });
});

describe('page size cap', () => {
  it.each(LIST_ROUTES)('$path: limit=100000 is refused with 400 naming the limit', async (route) => {
    const response = await api.call('GET', withQuery(route, '100000'), { as: route.as });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_failed');
    expect(fieldsOf(response.json)).toEqual(['query.limit']);
  });

  it.each(LIST_ROUTES)(`$path: limit=${MAX_PAGE_SIZE} is served`, async (route) => {
    const response = await api.call('GET', withQuery(route, String(MAX_PAGE_SIZE)), { as: route.as });

    expect(response.status).toBe(200);
    expect(response.json.items.length).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });

  it.each(['0', '-1', 'abc', '2.5', '', '1e9', String(MAX_PAGE_SIZE + 1)])(
    'limit=%j is refused with 400 naming the limit',
    async (limit) => {
      const response = await api.call('GET', `/api/cases?limit=${encodeURIComponent(limit)}`, {
        as: SPECIALIST,
      });

      expect(response.status).toBe(400);
      expect(fieldsOf(response.json)).toEqual(['query.limit']);
    },
  );
});
