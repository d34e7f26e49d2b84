import { keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOnlyDenials } from '../support/refusal.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * An office reaches a person through a case of theirs that it holds open. When its case ends — a
 * transfer at 18 to another office, or any closure — its own case file stays readable as it was,
 * but the person's live record (address, consents, what the next office changes) is no longer
 * its to read or change: the same 404 as for a person it never had, audited as a refusal.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TENANT = 'kibougaoka';
const TODAY = todayInJapan();
/** ひまわり's case 020 is a 17-year-old past 17½ (demo-data.ts). */
const CHILD = 'demo-kibougaoka-case-020';

const caseItemOf = async (caseId: string) =>
  (await api.queryPartition(keys.caseItem(TENANT, caseId).pk)).find((item) => item.sk === 'CASE');
const personVersion = async (personId: string) =>
  (await api.queryPartition(keys.person(TENANT, personId).pk)).find((item) => item.sk === 'PERSON')?.version;
const personCalls = (personId: string, as: string, version: unknown) => ({
  get: () => api.call('GET', `/api/persons/${personId}`, { as }),
  patch: (familySituation: string) =>
    api.call('PATCH', `/api/persons/${personId}`, {
      as,
      body: { familySituation },
      headers: { 'if-match': `"${String(version)}"` },
    }),
  grant: (purpose: string) =>
    api.call('POST', `/api/persons/${personId}/consents`, { as, body: { purpose, grantedOn: TODAY } }),
});

describe('after a transfer at 18 the former office no longer reaches the person', () => {
  let personId: string;
  let adultCaseId: string;

  beforeAll(async () => {
    const child = await caseItemOf(CHILD);
    personId = String(child?.personId);
    expect((await api.call('GET', `/api/persons/${personId}`, { as: SATO })).status).toBe(200);
    const transferred = await api.call('POST', `/api/cases/${CHILD}/transfer-to-adult`, {
      as: SATO,
      body: { transferOn: TODAY, targetOfficeId: 'aozora' },
      headers: { 'if-match': `"${String(child?.version)}"` },
    });
    expect(transferred.status).toBe(201);
    adultCaseId = transferred.json.newCaseId;
  });

  it('answers the former office 404 on reading, changing and a consent of the person, each audited as denied', async () => {
    const former = personCalls(personId, SATO, await personVersion(personId));
    const before = await api.allItems();

    const responses = [
      await former.get(),
      await former.patch('父と同居。'),
      await former.grant('council_anonymised'),
    ];

    expect(responses.map((response) => response.status)).toEqual([404, 404, 404]);
    for (const response of responses) expect(response.text).not.toContain(personId);
    await expectOnlyDenials(api, before, 3);
  });

  it('lets the former office read its own closed case, its timeline and its records as they were', async () => {
    const closed = await api.call('GET', `/api/cases/${CHILD}`, { as: SATO });
    const timeline = await api.call('GET', `/api/cases/${CHILD}/timeline`, { as: SATO });
    const consultation = (await api.queryPartition(keys.caseItem(TENANT, CHILD).pk)).find((item) =>
      String(item.sk).startsWith('CONSULTATION#'),
    );
    const record = await api.call(
      'GET',
      `/api/cases/${CHILD}/consultations/${String(consultation?.recordId)}`,
      { as: SATO },
    );

    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ phase: 'closed', visibility: 'full' });
    expect(timeline.status).toBe(200);
    expect(record.status).toBe(200);
  });

  it("lets the new office read and change the person and record a consent, without touching the former office's closed case", async () => {
    const closedBefore = await caseItemOf(CHILD);
    const current = personCalls(personId, SUZUKI, await personVersion(personId));

    const read = await current.get();
    const changed = await current.patch('グループホームへ入居した。');
    const granted = await current.grant('council_anonymised');

    expect([read.status, changed.status, granted.status]).toEqual([200, 200, 201]);
    expect(read.json.caseIds).toEqual([adultCaseId]);
    expect(changed.json.familySituation).toBe('グループホームへ入居した。');
    expect(await caseItemOf(CHILD)).toEqual(closedBefore);
  });
});

describe('after any closure the office no longer reaches the person', () => {
  it('answers 404 on the person of a case the office closed, and 200 before', async () => {
    const created = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ serviceKind: 'basic_consultation', openedOn: '2026-04-01' }),
    });
    expect(created.status).toBe(201);
    const { caseId, personId } = created.json;
    expect((await api.call('GET', `/api/persons/${personId}`, { as: SATO })).status).toBe(200);

    const closed = await api.call('POST', `/api/cases/${caseId}/phase`, {
      as: SATO,
      body: { to: 'closed', closedOn: TODAY, reason: 'moved_away', postEvaluation: '転居により終結' },
      headers: { 'if-match': '"1"' },
    });
    expect(closed.status).toBe(200);

    expect((await api.call('GET', `/api/persons/${personId}`, { as: SATO })).status).toBe(404);
    expect((await api.call('GET', `/api/cases/${caseId}`, { as: SATO })).status).toBe(200);
  });
});
