import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AOZORA_CASE, HIMAWARI_CASE } from '../support/personas.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 15: one append-only entry per full-record read and per write, denials too, and
 * no content in any of them. Each call below is measured alone against the whole table: exactly
 * one new item, the audit entry, and nothing else.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const TANAKA = 'tanaka@kibou.example';
type Item = Record<string, unknown>;

/** The fields an audit entry may have: who, what, which record, when, which request. Never content. */
const AUDIT_FIELDS = [
  'pk',
  'sk',
  'entity',
  'at',
  'requestId',
  'actorUserId',
  'actorRole',
  'actorOfficeId',
  'action',
  'recordType',
  'recordId',
  'recordOfficeId',
].sort();

const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;

/** Runs one call and answers its response with the items it added, and the audit entries among them. */
const measured = async (call: () => ReturnType<TestApi['call']>) => {
  const before = new Set((await api.allItems()).map(keyOf));
  const response = await call();
  const after = await api.allItems();
  const added = after.filter((item) => !before.has(keyOf(item)));
  return { response, added, audits: added.filter((item) => item.entity === 'audit') };
};

const etagOf = async (caseId: string, as: string) => {
  const response = await api.call('GET', `/api/cases/${caseId}`, { as });
  return response.headers.get('etag') ?? '';
};

const expectNoContent = (entry: Item | undefined) => {
  expect(Object.keys(entry ?? {}).sort()).toEqual(AUDIT_FIELDS);
};

describe('every audited call writes exactly one entry', () => {
  it('a full read: one `read` entry naming the case and the reader', async () => {
    const { response, added, audits } = await measured(() =>
      api.call('GET', `/api/cases/${HIMAWARI_CASE}`, { as: SATO }),
    );

    expect(response.status).toBe(200);
    expect(added).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'read',
      recordType: 'case',
      recordId: HIMAWARI_CASE,
      recordOfficeId: 'himawari',
      actorUserId: 'user-sato',
    });
    expectNoContent(audits[0]);
    expect(JSON.stringify(audits[0])).not.toContain(response.json.personName);
  });

  it('a write: one `update` entry, beside the changed case', async () => {
    const etag = await etagOf(HIMAWARI_CASE, SATO);
    const before = await api.allItems();
    const { response, audits } = await measured(() =>
      api.call('PATCH', `/api/cases/${HIMAWARI_CASE}`, {
        as: SATO,
        body: { monitoringPeriodMonths: 3 },
        headers: { 'if-match': etag },
      }),
    );

    expect(response.status).toBe(200);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'update', recordType: 'case', recordId: HIMAWARI_CASE });
    expectNoContent(audits[0]);
    // The case changed in place: one new item in all, the entry.
    expect((await api.allItems()).length).toBe(before.length + 1);
  });

  it('a denied read: one `denied` entry, and the same 404 as a case that does not exist', async () => {
    const { response, added, audits } = await measured(() =>
      api.call('GET', `/api/cases/${AOZORA_CASE}`, { as: SATO }),
    );

    expect(response.status).toBe(404);
    expect(added).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'denied',
      recordType: 'case',
      recordId: AOZORA_CASE,
      recordOfficeId: 'aozora',
      actorUserId: 'user-sato',
    });
    expectNoContent(audits[0]);
  });

  it('a denied write on a case: one `denied` entry and nothing else changed', async () => {
    const etag = await etagOf(AOZORA_CASE, TANAKA);
    const caseBefore = (await api.allItems()).find(
      (item) => item.sk === 'CASE' && String(item.pk).endsWith(`#CASE#${AOZORA_CASE}`),
    );
    const { response, added, audits } = await measured(() =>
      api.call('PATCH', `/api/cases/${AOZORA_CASE}`, {
        as: SATO,
        body: { monitoringPeriodMonths: 3 },
        headers: { 'if-match': etag },
      }),
    );

    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('not_found');
    expect(added).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'denied',
      recordType: 'case',
      recordId: AOZORA_CASE,
      recordOfficeId: 'aozora',
      actorUserId: 'user-sato',
      requestId: response.json.error.requestId,
    });
    expectNoContent(audits[0]);
    const caseAfter = (await api.allItems()).find(
      (item) => item.sk === 'CASE' && String(item.pk).endsWith(`#CASE#${AOZORA_CASE}`),
    );
    expect(caseAfter).toEqual(caseBefore);
  });

  it('a denied write on a person: one `denied` entry naming the person only', async () => {
    const personId = (await api.call('GET', `/api/cases/${AOZORA_CASE}`, { as: TANAKA })).json.personId;
    expect(personId).toEqual(expect.any(String));
    const { response, added, audits } = await measured(() =>
      api.call('PATCH', `/api/persons/${personId}`, {
        as: SATO,
        body: { familySituation: '書き換え' },
        headers: { 'if-match': '"1"' },
      }),
    );

    expect(response.status).toBe(404);
    expect(added).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'denied', recordType: 'person', recordId: personId });
    expect(JSON.stringify(audits[0])).not.toContain('書き換え');
  });

  it('a write to a case that does not exist: a 404 and no entry (there is no record to name)', async () => {
    const { response, added } = await measured(() =>
      api.call('PATCH', '/api/cases/no-such-case-0001', {
        as: SATO,
        body: { monitoringPeriodMonths: 3 },
        headers: { 'if-match': '"1"' },
      }),
    );

    expect(response.status).toBe(404);
    expect(added).toHaveLength(0);
  });
});
