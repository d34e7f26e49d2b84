import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AOZORA_CASE, HOKUSHIN_CASE } from '../support/personas.ts';
import { expectOnlyDenials } from '../support/refusal.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * A legal hold placed from the case's own page (ADR 0018): the manager of the office holding the
 * case sees its hold and may place one, with a reason; lifting stays with the tenant admin, who
 * sees who placed it. A manager of another office gets the 404 of a case they cannot see, and the
 * refusal leaves one `denied` entry; everyone else is refused by the route.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const MANAGER = 'tanaka@kibou.example'; // 事業所管理者 of あおぞら
const SPECIALIST = 'suzuki@kibou.example'; // あおぞら
const ADMIN = 'admin@kibou.example';
const MIDORI_CASE = 'demo-kibougaoka-case-060';
const holdPath = (caseId: string) => `/api/retention/cases/${caseId}/hold`;

type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;
const addedSince = async (before: readonly Item[]) => {
  const known = new Set(before.map(keyOf));
  return (await api.allItems()).filter((item) => !known.has(keyOf(item)));
};

describe('the manager of the office holding a case', () => {
  it('sees where their own office’s case stands and that it is not held', async () => {
    const response = await api.call('GET', `/api/retention/cases/${AOZORA_CASE}`, { as: MANAGER });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ caseId: AOZORA_CASE, officeId: 'aozora', hold: null });
  });

  it('places a hold with a reason: stored with who placed it, and audited once', async () => {
    const before = await api.allItems();

    const response = await api.call('PUT', holdPath(AOZORA_CASE), {
      as: MANAGER,
      body: { reason: 'disclosure_request' },
    });

    expect(response.status).toBe(200);
    expect(response.json.hold).toMatchObject({
      caseId: AOZORA_CASE,
      reason: 'disclosure_request',
      setBy: 'user-tanaka',
      setByRole: 'office_manager',
    });
    const added = await addedSince(before);
    expect(added.map((item) => [item.entity, item.action, item.recordType, item.recordId]).sort()).toEqual([
      ['audit', 'create', 'legal_hold', AOZORA_CASE],
      ['legal_hold', undefined, undefined, undefined],
    ]);
  });

  it('cannot re-state a hold already there (409), which stays as it was', async () => {
    const before = await api.allItems();

    const response = await api.call('PUT', holdPath(AOZORA_CASE), { as: MANAGER, body: { reason: 'other' } });

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain('システム管理者');
    expect(await api.allItems()).toEqual(before);
  });

  it('cannot lift it: the route is the tenant admin’s (403), the hold stays', async () => {
    const before = await api.allItems();

    const response = await api.call('DELETE', holdPath(AOZORA_CASE), { as: MANAGER });

    expect(response.status).toBe(403);
    expect(await api.allItems()).toEqual(before);
  });
});

describe('a manager of another office', () => {
  it('gets the same 404 as for a case that does not exist, and the refusal is audited once', async () => {
    const before = await api.allItems();

    const refused = await api.call('PUT', holdPath(MIDORI_CASE), { as: MANAGER, body: { reason: 'other' } });
    const missing = await api.call('PUT', holdPath('no-such-case'), {
      as: MANAGER,
      body: { reason: 'other' },
    });

    expect(refused.status).toBe(404);
    expect({ ...refused.json.error, requestId: '' }).toEqual({ ...missing.json.error, requestId: '' });
    await expectOnlyDenials(api, before, 1);
    const [denied] = await addedSince(before);
    expect(denied).toMatchObject({
      action: 'denied',
      recordType: 'legal_hold',
      recordId: MIDORI_CASE,
      recordOfficeId: 'midori',
      actorUserId: 'user-tanaka',
    });
  });

  it('cannot see where that case stands either: 404, audited', async () => {
    const before = await api.allItems();

    const response = await api.call('GET', `/api/retention/cases/${MIDORI_CASE}`, { as: MANAGER });

    expect(response.status).toBe(404);
    await expectOnlyDenials(api, before, 1);
  });

  it('gets a 404 for another tenant’s case, and nothing is written', async () => {
    const before = await api.allItems();

    const response = await api.call('PUT', holdPath(HOKUSHIN_CASE), {
      as: MANAGER,
      body: { reason: 'other' },
    });

    expect(response.status).toBe(404);
    await expectOnlyDenials(api, before, 0);
  });
});

describe('a specialist of the same office', () => {
  it('cannot place a hold or see it (403), nothing written', async () => {
    const before = await api.allItems();

    const placed = await api.call('PUT', holdPath(AOZORA_CASE), {
      as: SPECIALIST,
      body: { reason: 'other' },
    });
    const read = await api.call('GET', `/api/retention/cases/${AOZORA_CASE}`, { as: SPECIALIST });

    expect([placed.status, read.status]).toEqual([403, 403]);
    expect(await api.allItems()).toEqual(before);
  });
});

describe('the tenant admin', () => {
  it('sees who placed the hold and lifts it', async () => {
    const holds = await api.call('GET', '/api/retention/holds', { as: ADMIN });
    expect(holds.json.items).toContainEqual(
      expect.objectContaining({ caseId: AOZORA_CASE, setBy: 'user-tanaka', setByRole: 'office_manager' }),
    );

    const lifted = await api.call('DELETE', holdPath(AOZORA_CASE), { as: ADMIN });

    expect(lifted.status).toBe(200);
    expect(lifted.json.hold).toBeNull();
  });
});
