import { randomUUID } from 'node:crypto';
import { keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 23: once sharing with the core center ends, the case code the core center knew
 * from the shared case names nothing in its pseudonymised lists any more.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const ADMIN = 'admin@kibou.example';
const TODAY = todayInJapan();
/** demo-records.ts: index % 3 = 0 consented to core-center sharing (13 is ひまわり's, open). */
const CASE = 'demo-kibougaoka-case-013';
const PERSON = 'demo-kibougaoka-person-013';

const versionOf = async () =>
  (await api.queryPartition(keys.caseItem('kibougaoka', CASE).pk)).find((item) => item.sk === 'CASE')
    ?.version;

const codesListedToCore = async () => {
  const codes: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.call(
      'GET',
      `/api/cases?officeId=himawari&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      {
        as: TAKAHASHI,
      },
    );
    expect(page.status).toBe(200);
    codes.push(...page.json.items.map((item: { caseCode: string }) => item.caseCode));
    cursor = page.json.nextCursor;
  } while (cursor);
  return codes;
};

describe('the case code after sharing ends', () => {
  it('is new: the code the core center saw on the shared case is in none of its lists, and the office sees the new one', async () => {
    const shared = await api.call('POST', `/api/cases/${CASE}/supervision-request`, {
      as: SATO,
      body: { topic: '支援の進め方について助言がほしい' },
      headers: { 'if-match': `"${String(await versionOf())}"`, 'idempotency-key': `share-${randomUUID()}` },
    });
    expect(shared.status).toBe(200);
    const seenByCore = await api.call('GET', `/api/cases/${CASE}`, { as: TAKAHASHI });
    expect(seenByCore.json.visibility).toBe('full');
    const knownCode: string = seenByCore.json.caseCode;
    expect(await codesListedToCore()).toContain(knownCode);

    const revoked = await api.call('POST', `/api/persons/${PERSON}/consents/revoke`, {
      as: SATO,
      body: { purpose: 'core_supervision', revokedOn: TODAY },
      headers: { 'idempotency-key': `revoke-${randomUUID()}` },
    });
    expect(revoked.status).toBe(200);

    expect(await codesListedToCore()).not.toContain(knownCode);
    const office = await api.call('GET', `/api/cases/${CASE}`, { as: SATO });
    expect(office.json.caseCode).toMatch(/^K-[A-Z2-9]{6}$/);
    expect(office.json.caseCode).not.toBe(knownCode);

    // The tenant admin's audit filter follows the code: the new one finds the person's file.
    const period = `from=${TODAY}&to=${TODAY}`;
    const byNew = await api.call('GET', `/api/audit?${period}&caseCode=${office.json.caseCode}`, {
      as: ADMIN,
    });
    expect(byNew.status).toBe(200);
    expect(byNew.json.items.length).toBeGreaterThan(0);
    const byOld = await api.call('GET', `/api/audit?${period}&caseCode=${knownCode}`, { as: ADMIN });
    expect(byOld.status).toBe(400);
    expect(byOld.json.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'query.caseCode',
    ]);
  });
});
