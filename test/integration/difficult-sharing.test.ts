import { randomUUID } from 'node:crypto';
import { keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const TODAY = todayInJapan();

const caseOf = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;
const personOf = (n: number) => `demo-kibougaoka-person-${String(n).padStart(3, '0')}`;
/** demo-records.ts: index % 3 = 0 consented to core-center sharing (except index % 10 = 5: revoked). */
const CONSENTED = 13;
const NOT_CONSENTED = 3;
const REVOKED = 6;
const ABUSE = 11;

const storedCase = async (caseId: string) =>
  (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).find((item) => item.sk === 'CASE');
const ifMatch = async (caseId: string) => ({
  'if-match': `"${String((await storedCase(caseId))?.version)}"`,
});
const newKey = () => ({ 'idempotency-key': `share-${randomUUID()}` });

const requestSupervision = async (n: number, as = SATO) =>
  api.call('POST', `/api/cases/${caseOf(n)}/supervision-request`, {
    as,
    body: { topic: '本人の意思決定支援の進め方について助言がほしい' },
    headers: { ...(await ifMatch(caseOf(n))), ...newKey() },
  });

const revokeSharingConsent = (n: number) =>
  api.call('POST', `/api/persons/${personOf(n)}/consents/revoke`, {
    as: SATO,
    body: { purpose: 'core_supervision', revokedOn: TODAY },
    headers: newKey(),
  });

const coreView = async (n: number) => {
  const caseRead = await api.call('GET', `/api/cases/${caseOf(n)}`, { as: TAKAHASHI });
  const personRead = await api.call('GET', `/api/persons/${personOf(n)}`, { as: TAKAHASHI });
  return { caseRead, personRead };
};

describe('sharing a case by supervision request', () => {
  it('is refused without the consent, or with a revoked one (409), writing nothing', async () => {
    const before = (await api.allItems()).length;
    for (const n of [NOT_CONSENTED, REVOKED]) {
      const response = await requestSupervision(n);
      expect(response.status, caseOf(n)).toBe(409);
      expect(response.json.error.message).toContain('同意');
    }
    expect((await api.allItems()).length).toBe(before);
  });

  it('needs If-Match (428) and is for the office holding the case (404 for another office)', async () => {
    const missing = await api.call('POST', `/api/cases/${caseOf(CONSENTED)}/supervision-request`, {
      as: SATO,
      body: { topic: '相談' },
    });
    expect(missing.status).toBe(428);
    expect((await requestSupervision(CONSENTED, SUZUKI)).status).toBe(404);
    expect((await requestSupervision(CONSENTED, TAKAHASHI)).status).toBe(404);
  });

  it('shares the case with the consent: the core center reads it and the person in full', async () => {
    expect((await coreView(CONSENTED)).personRead.status).toBe(404);

    const response = await requestSupervision(CONSENTED);

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      caseId: caseOf(CONSENTED),
      visibility: 'full',
      sharedWithCore: true,
    });
    expect(response.headers.get('etag')).toBe(`"${String((await storedCase(caseOf(CONSENTED)))?.version)}"`);
    expect(await storedCase(caseOf(CONSENTED))).toMatchObject({
      sharing: { basis: 'supervision_request', since: TODAY },
    });
    const { caseRead, personRead } = await coreView(CONSENTED);
    expect(caseRead.json).toMatchObject({ visibility: 'full', personName: expect.any(String) });
    expect(personRead.status).toBe(200);
    expect(personRead.json.name).toBe(caseRead.json.personName);
  });

  it('cannot share a case twice (409)', async () => {
    expect((await requestSupervision(CONSENTED)).status).toBe(409);
  });
});

describe('a revoked consent hides the case again', () => {
  it('unshares every case of the person in the revocation: the core center sees a pseudonym, no person', async () => {
    const revoked = await revokeSharingConsent(CONSENTED);
    expect(revoked.status).toBe(200);

    expect(await storedCase(caseOf(CONSENTED))).toMatchObject({ sharedWithCore: false });
    expect(await storedCase(caseOf(CONSENTED))).not.toHaveProperty('sharing');
    const { caseRead, personRead } = await coreView(CONSENTED);
    expect(caseRead.json.visibility).toBe('pseudonymised');
    expect(caseRead.json).not.toHaveProperty('personName');
    expect(personRead.status).toBe(404);
    const events = (await api.queryPartition(keys.caseItem('kibougaoka', caseOf(CONSENTED)).pk)).filter(
      (item) => String(item.sk).startsWith('SHARING#'),
    );
    expect(events.map((event) => [event.event, event.reason])).toEqual([
      ['shared', '本人の意思決定支援の進め方について助言がほしい'],
      ['unshared', 'consent_revoked'],
    ]);
  });

  it('keeps an emergency share of an open abuse case, which never rested on the consent', async () => {
    const flagged = await api.call('POST', `/api/cases/${caseOf(ABUSE)}/difficulty`, {
      as: SATO,
      body: { categories: ['abuse'] },
      headers: { ...(await ifMatch(caseOf(ABUSE))), ...newKey() },
    });
    expect(flagged.status).toBe(201);
    const escalated = await api.call('POST', `/api/cases/${caseOf(ABUSE)}/difficulty/escalate`, {
      as: SATO,
      body: { reason: '虐待の疑い', emergency: { reason: '市へ通報済み、緊急に支援体制を組む' } },
      headers: { ...(await ifMatch(caseOf(ABUSE))), ...newKey() },
    });
    expect(escalated.json.sharing.basis).toBe('emergency');
    // The person consents afterwards, then revokes: the emergency share does not rest on that consent.
    const granted = await api.call('POST', `/api/persons/${personOf(ABUSE)}/consents`, {
      as: SATO,
      body: { purpose: 'core_supervision', grantedOn: TODAY },
      headers: newKey(),
    });
    expect(granted.status).toBe(201);
    expect((await revokeSharingConsent(ABUSE)).status).toBe(200);

    expect(await storedCase(caseOf(ABUSE))).toMatchObject({
      sharedWithCore: true,
      sharing: { basis: 'emergency' },
    });
    expect((await coreView(ABUSE)).caseRead.json.visibility).toBe('full');
  });

  it('unshares an escalated difficult case, which stays on the core center’s board pseudonymised', async () => {
    // Demo case 34 (あおぞら) was escalated with its person's consent (demo-difficult.ts).
    const revoked = await api.call('POST', `/api/persons/${personOf(34)}/consents/revoke`, {
      as: SUZUKI,
      body: { purpose: 'core_supervision', revokedOn: TODAY },
      headers: newKey(),
    });
    expect(revoked.status).toBe(200);

    const board = (await api.call('GET', '/api/difficult-cases?status=escalated', { as: TAKAHASHI })).json;
    const row = board.items.find((item: { case: { caseId: string } }) => item.case.caseId === caseOf(34));
    expect(row).toMatchObject({
      status: 'escalated',
      case: { visibility: 'pseudonymised', sharedWithCore: false },
    });
    expect(row.case).not.toHaveProperty('personName');
    const accept = await api.call('POST', `/api/cases/${caseOf(34)}/difficulty/accept`, {
      as: TAKAHASHI,
      headers: { ...(await ifMatch(caseOf(34))), ...newKey() },
    });
    expect(accept.status).toBe(404);
    expect((await api.call('GET', `/api/cases/${caseOf(34)}/difficulty`, { as: TAKAHASHI })).status).toBe(
      404,
    );
  });

  it('leaves the other purposes alone: revoking one of them unshares nothing', async () => {
    // Demo case 49 (あおぞら) was shared by supervision request (demo-difficult.ts).
    const before = await storedCase(caseOf(49));
    const granted = await api.call('POST', `/api/persons/${personOf(49)}/consents`, {
      as: SUZUKI,
      body: { purpose: 'council_anonymised', grantedOn: TODAY },
      headers: newKey(),
    });
    expect([201, 409]).toContain(granted.status);
    const revoked = await api.call('POST', `/api/persons/${personOf(49)}/consents/revoke`, {
      as: SUZUKI,
      body: { purpose: 'council_anonymised', revokedOn: TODAY },
      headers: newKey(),
    });
    expect(revoked.status).toBe(200);
    expect(await storedCase(caseOf(49))).toEqual(before);
  });
});
