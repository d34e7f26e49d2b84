import { randomUUID } from 'node:crypto';
import { DIFFICULT_STATUSES, todayInJapan } from '@kikan/shared';
import { AUDIT_ROUTES } from '@kikan/shared/contracts/admin';
import { DIFFICULT_ROUTES } from '@kikan/shared/contracts/supervision';
import { routeKey } from '@kikan/services/routes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCases } from '../../services/local/demo-data.ts';
import { withDemoDifficulty } from '../../services/local/demo-difficult.ts';
import { startTestApi, type ApiResponse, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const TAKAHASHI = 'takahashi@kibou.example';
const TODAY = todayInJapan();
/** demo-difficult.ts: case 14 (ひまわり) is flagged but not shared; case 2 is neither. */
const FLAGGED_UNSHARED = 'demo-kibougaoka-case-014';
const UNSHARED = 'demo-kibougaoka-case-002';

/**
 * What the core center must never see of a case not shared with it: the name, kana, birth date and
 * recipient number of every seeded person of another office whose case is not shared (a string a
 * shared person also has is left out: the core center may see it there).
 */
const cases = withDemoDifficulty(demoCases('kibougaoka', new Date()));
const visible = cases.filter(({ record }) => record.sharedWithCore || record.officeId === 'kibou-core');
const visibleStrings = new Set(
  visible.flatMap(({ person }) => [person.name, person.kana, person.birthDate, person.recipientNumber ?? '']),
);
const SECRETS = cases
  .filter((demoCase) => !visible.includes(demoCase))
  .flatMap(({ person }) => [person.name, person.kana, person.birthDate, person.recipientNumber ?? ''])
  .filter((secret) => secret && !visibleStrings.has(secret));

const headers = { 'if-match': '"1"' };
const call = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
  api.call(method, path, {
    as: TAKAHASHI,
    ...(body === undefined ? {} : { body }),
    headers: { ...(method === 'POST' ? { 'idempotency-key': `scan-${randomUUID()}` } : {}), ...extra },
  });

const pagesOf = async (path: string): Promise<ApiResponse[]> => {
  const responses: ApiResponse[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const response = await call('GET', `${path}${separator}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    responses.push(response);
    cursor = response.json?.nextCursor ?? null;
  } while (cursor);
  return responses;
};

/** One or more calls per route, aimed at cases not shared with the core center. */
const SCANS: Record<string, () => Promise<ApiResponse[]>> = {
  'POST /api/cases/{caseId}/difficulty': async () => [
    await call('POST', `/api/cases/${UNSHARED}/difficulty`, { categories: ['poverty'] }, headers),
  ],
  'GET /api/cases/{caseId}/difficulty': async () => [
    await call('GET', `/api/cases/${FLAGGED_UNSHARED}/difficulty`),
  ],
  'POST /api/cases/{caseId}/difficulty/escalate': async () => [
    await call('POST', `/api/cases/${FLAGGED_UNSHARED}/difficulty/escalate`, { reason: '相談' }, headers),
  ],
  'POST /api/cases/{caseId}/difficulty/accept': async () => [
    await call('POST', `/api/cases/${FLAGGED_UNSHARED}/difficulty/accept`, undefined, headers),
  ],
  'POST /api/cases/{caseId}/difficulty/support-meetings': async () => [
    await call('POST', `/api/cases/${FLAGGED_UNSHARED}/difficulty/support-meetings`, {
      heldOn: TODAY,
      agencies: [{ name: '市', contribution: '見守り' }],
      nextReviewOn: '2099-01-01',
    }),
  ],
  'POST /api/cases/{caseId}/difficulty/propose-closure': async () => [
    await call(
      'POST',
      `/api/cases/${FLAGGED_UNSHARED}/difficulty/propose-closure`,
      { outcome: '終結' },
      headers,
    ),
  ],
  'POST /api/cases/{caseId}/difficulty/approve-closure': async () => [
    await call('POST', `/api/cases/${FLAGGED_UNSHARED}/difficulty/approve-closure`, undefined, headers),
  ],
  'GET /api/difficult-cases': async () => [
    ...(await pagesOf('/api/difficult-cases')),
    ...(
      await Promise.all(DIFFICULT_STATUSES.map((status) => pagesOf(`/api/difficult-cases?status=${status}`)))
    ).flat(),
    ...(await pagesOf('/api/difficult-cases?officeId=himawari')),
  ],
  'GET /api/difficult-cases/reviews/overdue': async () => [
    await call('GET', '/api/difficult-cases/reviews/overdue'),
  ],
  'POST /api/cases/{caseId}/supervision-request': async () => [
    await call('POST', `/api/cases/${UNSHARED}/supervision-request`, { topic: '相談' }, headers),
  ],
  'POST /api/supervisions': async () => [
    await call('POST', '/api/supervisions', {
      kind: 'individual',
      heldOn: TODAY,
      specialistUserIds: ['user-sato'],
      topics: ['面接技術'],
      caseIds: [UNSHARED],
    }),
  ],
  'GET /api/supervisions': async () => pagesOf('/api/supervisions'),
  'GET /api/supervisions/{supervisionId}': async () => [
    await call('GET', '/api/supervisions/demo-kibougaoka-supervision-1'),
  ],
  'PATCH /api/supervisions/{supervisionId}': async () => [
    await call(
      'PATCH',
      '/api/supervisions/demo-kibougaoka-supervision-3',
      { summary: '記録の追記' },
      headers,
    ),
  ],
  'POST /api/supervisions/{supervisionId}/follow-ups/{followUpId}/done': async () => [
    await call(
      'POST',
      '/api/supervisions/demo-kibougaoka-supervision-2/follow-ups/demo-kibougaoka-supervision-2-f1/done',
      { doneOn: TODAY },
      headers,
    ),
  ],
  'GET /api/audit': async () => [await call('GET', `/api/audit?from=${TODAY}&to=${TODAY}`)],
  'GET /api/audit/staff': async () => [await call('GET', '/api/audit/staff')],
  'GET /api/audit.csv': async () => [await call('GET', `/api/audit.csv?from=${TODAY}&to=${TODAY}`)],
};

describe('what the core center gets back about cases not shared with it', () => {
  it('has a scan for every route of difficult cases, supervision and the audit log', () => {
    expect(Object.keys(SCANS).sort()).toEqual([...DIFFICULT_ROUTES, ...AUDIT_ROUTES].map(routeKey).sort());
  });

  it('has seeded secrets to look for, and a board with unshared rows to look in', async () => {
    expect(SECRETS.length).toBeGreaterThan(100);
    const board = (await call('GET', '/api/difficult-cases')).json;
    expect(board.items.some((item: { case: { sharedWithCore: boolean } }) => !item.case.sharedWithCore)).toBe(
      true,
    );
  });

  it.each(Object.keys(SCANS))('%s: no seeded name, kana, birth date or recipient number', async (key) => {
    const responses = await SCANS[key]?.();
    expect(responses?.length).toBeGreaterThan(0);
    for (const response of responses ?? []) {
      expect(response.status).toBeLessThan(500);
      for (const secret of SECRETS)
        expect(response.text, `${key} answered ${response.status}`).not.toContain(secret);
    }
  });
});
