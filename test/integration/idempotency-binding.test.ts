import { randomUUID } from 'node:crypto';
import { keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, demoCases } from '../../services/local/demo-data.ts';
import { withDemoDifficulty } from '../../services/local/demo-difficult.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * SECURITY.md row 24: a stored response answers the very request it was stored for (method, route,
 * path parameters and body) and only once the caller is known to be allowed on its target.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const TENANT = 'kibougaoka';
const TODAY = todayInJapan();
const TAKAHASHI = 'takahashi@kibou.example';
const cases = withDemoDifficulty(demoCases(TENANT, new Date()));
const caseNumbered = (n: number) => {
  const found = cases.find(
    ({ record }) => record.caseId === `demo-${TENANT}-case-${String(n).padStart(3, '0')}`,
  );
  if (!found) throw new Error(`no demo case ${n}`);
  return found;
};
const staffOf = (officeId: string) => {
  const user = DEMO_USERS.find(
    (candidate) => candidate.officeId === officeId && candidate.role === 'specialist',
  );
  if (!user) throw new Error(`no specialist at ${officeId}`);
  return user.email;
};
/** Two open cases of one office, with a person each (demo-records.ts: index % 3 = 0 consented). */
const [FIRST, SECOND] = cases
  .filter(
    ({ record }) => record.officeId === 'himawari' && record.phase !== 'closed' && !record.sharedWithCore,
  )
  .slice(0, 2)
  .map(({ record }) => record);
const SATO = 'sato@kibou.example';

const stored = async (pk: string) => api.queryPartition(pk);
const consentOf = async (personId: string, purpose: string) =>
  (await stored(keys.person(TENANT, personId).pk)).find((item) => item.sk === `CONSENT#${purpose}`);

describe('an Idempotency-Key is bound to its request (SECURITY.md row 24)', () => {
  it('refuses the same key and body on another case (422) and writes nothing there', async () => {
    if (!FIRST || !SECOND) throw new Error('the demo has two open ひまわり cases');
    const key = { 'idempotency-key': `bind-${randomUUID()}` };
    const body = {
      consultedOn: TODAY,
      channel: 'phone',
      counterpart: 'person',
      supportCategories: ['welfare_services'],
      summary: '電話で相談',
      minutes: 10,
    };
    const first = await api.call('POST', `/api/cases/${FIRST.caseId}/consultations`, {
      as: SATO,
      body,
      headers: key,
    });
    expect(first.status).toBe(201);
    const before = await api.allItems();

    const other = await api.call('POST', `/api/cases/${SECOND.caseId}/consultations`, {
      as: SATO,
      body,
      headers: key,
    });

    expect(other.status).toBe(422);
    expect(other.text).not.toContain(first.json.recordId);
    expect(await api.allItems()).toEqual(before);
    const replayed = await api.call('POST', `/api/cases/${FIRST.caseId}/consultations`, {
      as: SATO,
      body,
      headers: key,
    });
    expect(replayed.status).toBe(201);
    expect(replayed.json).toEqual(first.json);
  });

  it("refuses to answer a revocation of person B with the key used for person A: B's consent stays", async () => {
    if (!FIRST || !SECOND) throw new Error('the demo has two open ひまわり cases');
    const purpose = 'core_supervision';
    for (const record of [FIRST, SECOND]) {
      if ((await consentOf(record.personId, purpose))?.status === 'granted') continue;
      const granted = await api.call('POST', `/api/persons/${record.personId}/consents`, {
        as: SATO,
        body: { purpose, grantedOn: TODAY },
        headers: { 'idempotency-key': `grant-${randomUUID()}` },
      });
      expect(granted.status).toBe(201);
    }
    const key = { 'idempotency-key': `revoke-${randomUUID()}` };
    const body = { purpose, revokedOn: TODAY };
    const revokedA = await api.call('POST', `/api/persons/${FIRST.personId}/consents/revoke`, {
      as: SATO,
      body,
      headers: key,
    });
    expect(revokedA.status).toBe(200);

    const forB = await api.call('POST', `/api/persons/${SECOND.personId}/consents/revoke`, {
      as: SATO,
      body,
      headers: key,
    });

    expect(forB.status).toBe(422);
    expect(forB.json.error.code).toBe('idempotency_key_reused');
    expect((await consentOf(SECOND.personId, purpose))?.status).toBe('granted');
  });

  it('answers a retry only to a caller still allowed on the target: after the consent is revoked the core center gets 404, not the stored meeting', async () => {
    // Case 58 (demo-difficult.ts): accepted, shared with the core center by escalation with consent.
    const shared = caseNumbered(58).record;
    expect(shared.sharedWithCore).toBe(true);
    const key = { 'idempotency-key': `meeting-${randomUUID()}` };
    const body = {
      heldOn: TODAY,
      agencies: [{ name: '市障害福祉課', contribution: '週1回の見守り訪問' }],
      nextReviewOn: '2099-01-01',
    };
    const recorded = await api.call('POST', `/api/cases/${shared.caseId}/difficulty/support-meetings`, {
      as: TAKAHASHI,
      body,
      headers: key,
    });
    expect(recorded.status).toBe(201);
    const revoked = await api.call('POST', `/api/persons/${shared.personId}/consents/revoke`, {
      as: staffOf(shared.officeId),
      body: { purpose: 'core_supervision', revokedOn: TODAY },
      headers: { 'idempotency-key': `revoke-${randomUUID()}` },
    });
    expect(revoked.status).toBe(200);

    const retried = await api.call('POST', `/api/cases/${shared.caseId}/difficulty/support-meetings`, {
      as: TAKAHASHI,
      body,
      headers: key,
    });

    expect(retried.status).toBe(404);
    expect(retried.text).not.toContain(recorded.json.meetingId);
    expect(retried.text).not.toContain('週1回の見守り訪問');
  });
});
