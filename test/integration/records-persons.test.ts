import { keys, todayInJapan, addDays } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasConsent } from '../../services/src/data/person-store.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { expectOnlyDenials } from '../support/refusal.ts';

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
const YAMAMOTO = 'yamamoto@hokushin.example';
const TODAY = todayInJapan();

/** Himawari's cases and their persons (demo-data.ts: the n-th case is the n-th person). */
const personOf = (n: number) => `demo-kibougaoka-person-${String(n).padStart(3, '0')}`;
const caseOf = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;

const auditToday = async () =>
  api.queryPartition(keys.auditDay('kibougaoka', new Date().toISOString().slice(0, 10)).pk);
const storedCase = async (caseId: string) =>
  (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).find((item) => item.sk === 'CASE');

describe('reading a person', () => {
  it('gives the office holding their case the full record, consents included, and audits the read once', async () => {
    const before = (await auditToday()).length;
    const response = await api.call('GET', `/api/persons/${personOf(1)}`, { as: SATO });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.json).toMatchObject({
      personId: personOf(1),
      name: expect.any(String),
      kana: expect.any(String),
      birthDate: expect.any(String),
      municipalityCode: '990001',
      recipientNumber: '9000001000',
      supportLevel: expect.any(String),
      familySituation: expect.any(String),
      consents: expect.any(Array),
      caseIds: [caseOf(1)],
    });
    const entries = (await auditToday()).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'read', recordType: 'person', recordId: personOf(1) });
    expect(JSON.stringify(entries[0])).not.toContain(response.json.name);
  });

  it('gives another office, the core center and another tenant a 404, auditing refusals inside the tenant', async () => {
    const before = (await auditToday()).length;
    for (const email of [SUZUKI, TAKAHASHI, YAMAMOTO]) {
      const response = await api.call('GET', `/api/persons/${personOf(1)}`, { as: email });
      expect(response.status, email).toBe(404);
      expect(response.text).not.toContain('9000001000');
    }
    const entries = (await auditToday()).slice(before);
    expect(entries.map((entry) => entry.action)).toEqual(['denied', 'denied']);
  });

  it('refuses municipal officers and tenant admins (403)', async () => {
    for (const email of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await api.call('GET', `/api/persons/${personOf(1)}`, { as: email })).status).toBe(403);
    }
  });
});

describe('changing a person', () => {
  it('needs If-Match (428) and refuses a stale one (412, current ETag), writing nothing', async () => {
    const path = `/api/persons/${personOf(2)}`;
    const count = (await api.allItems()).length;
    const missing = await api.call('PATCH', path, { as: SATO, body: { familySituation: '変更' } });
    expect(missing.status).toBe(428);
    const stale = await api.call('PATCH', path, {
      as: SATO,
      body: { familySituation: '変更' },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"1"');
    expect((await api.allItems()).length).toBe(count);
  });

  it('refuses bad, empty, unknown and server-owned fields with the field named (400)', async () => {
    const path = `/api/persons/${personOf(2)}`;
    const cases: [unknown, string][] = [
      [{ kana: 'Hiragana' }, 'body.kana'],
      [{ recipientNumber: '12345' }, 'body.recipientNumber'],
      [{ version: 5 }, 'body.version'],
      [{ tenantId: 'hokushin' }, 'body.tenantId'],
      [{}, 'body'],
      [{ municipalityCode: '990011' }, 'body.municipalityCode'],
    ];
    for (const [body, field] of cases) {
      const response = await api.call('PATCH', path, { as: SATO, body, headers: { 'if-match': '"1"' } });
      expect(response.status, field).toBe(400);
      expect(response.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it("is a 404 for another office's person", async () => {
    const response = await api.call('PATCH', `/api/persons/${personOf(2)}`, {
      as: SUZUKI,
      body: { familySituation: '変更' },
      headers: { 'if-match': '"1"' },
    });
    expect(response.status).toBe(404);
  });

  it('renames the person and the copy on their open case in one write; the closed child case keeps the name it ended with', async () => {
    const child = caseOf(18);
    const childEtag = (await api.call('GET', `/api/cases/${child}`, { as: SATO })).headers.get('etag') ?? '';
    const transfer = await api.call('POST', `/api/cases/${child}/transfer-to-adult`, {
      as: SATO,
      body: { transferOn: TODAY, targetOfficeId: 'aozora' },
      headers: { 'if-match': childEtag },
    });
    expect(transfer.status).toBe(201);
    const adult = transfer.json.newCaseId;
    const [childBefore, adultBefore] = [await storedCase(child), await storedCase(adult)];

    // The office holding the open adult case renames; the former office's case ended with the transfer.
    const renamed = await api.call('PATCH', `/api/persons/${personOf(18)}`, {
      as: SUZUKI,
      body: { name: '改名 ひかり', kana: 'カイメイ ヒカリ' },
      headers: { 'if-match': '"1"' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: '改名 ひかり', kana: 'カイメイ ヒカリ', version: 2 });
    expect(renamed.json.caseIds).toEqual([adult]);

    const after = await storedCase(adult);
    expect(after).toMatchObject({ personName: '改名 ひかり', personKana: 'カイメイ ヒカリ' });
    expect(after?.version).toBe(Number(adultBefore?.version) + 1);
    expect(String(after?.gsi1sk)).toMatch(/^カイメイ ヒカリ#/);
    expect(await storedCase(child)).toEqual(childBefore);
    const himawariView = await api.call('GET', `/api/cases/${child}`, { as: SATO });
    expect(himawariView.json.personName).toBe(childBefore?.personName);
  });

  it('moves the recipient-number lookup with the number', async () => {
    const response = await api.call('PATCH', `/api/persons/${personOf(3)}`, {
      as: SATO,
      body: { recipientNumber: '5555555555' },
      headers: { 'if-match': '"1"' },
    });
    expect(response.status).toBe(200);
    const byNew = await api.call('GET', '/api/cases/search?q=5555555555', { as: SATO });
    const byOld = await api.call('GET', '/api/cases/search?q=9000001034', { as: SATO });
    expect(byNew.json.items.map((item: { caseId: string }) => item.caseId)).toEqual([caseOf(3)]);
    expect(byOld.json.items).toEqual([]);
  });
});

describe('contact fields (issue 15 point 5)', () => {
  it('records how to reach the person, normalised, clears a field sent as null, and shows them only in the full record', async () => {
    const path = `/api/persons/${personOf(4)}`;
    const etag = (await api.call('GET', path, { as: SATO })).headers.get('etag') ?? '';
    const before = (await auditToday()).length;
    const recorded = await api.call('PATCH', path, {
      as: SATO,
      body: {
        sex: 'female',
        address: '希望ヶ丘市本町5-6',
        phone: '０２６－９９９－０００４',
        representative: { name: '連絡 保佐', relation: 'curator', phone: '026(999)0005' },
        emergencyContact: { name: '連絡 緊急', relation: '姉', phone: '090-9999-0006' },
      },
      headers: { 'if-match': etag },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.json).toMatchObject({
      sex: 'female',
      phone: '026-999-0004',
      representative: { name: '連絡 保佐', relation: 'curator', phone: '026-999-0005' },
      emergencyContact: { relation: '姉', phone: '090-9999-0006' },
    });
    const entries = (await auditToday()).slice(before);
    for (const value of ['希望ヶ丘市本町', '026-999-0004', '連絡 保佐', '090-9999-0006']) {
      expect(JSON.stringify(entries)).not.toContain(value);
    }

    const cleared = await api.call('PATCH', path, {
      as: SATO,
      body: { address: null, representative: null },
      headers: { 'if-match': recorded.headers.get('etag') ?? '' },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.json.address).toBeUndefined();
    expect(cleared.json.representative).toBeUndefined();
    expect(cleared.json.phone).toBe('026-999-0004');

    // The core center's view of the office's case (not shared with it) carries none of it.
    const core = await api.call('GET', `/api/cases/${caseOf(4)}`, { as: TAKAHASHI });
    expect(core.status).toBe(200);
    expect(core.json.visibility).toBe('pseudonymised');
    expect(core.text).not.toContain('026-999-0004');
    expect(core.text).not.toContain('連絡 緊急');
  });

  it('refuses a malformed phone and a representative without its relation, naming the field (400)', async () => {
    const path = `/api/persons/${personOf(5)}`;
    const response = await api.call('PATCH', path, {
      as: SATO,
      body: { phone: '12-34', representative: { name: '連絡 後見' } },
      headers: { 'if-match': '"1"' },
    });
    expect(response.status).toBe(400);
    const fields = response.json.error.fields.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['body.phone', 'body.representative.relation']));
  });
});

describe('consents', () => {
  const path = (n: number) => `/api/persons/${personOf(n)}/consents`;

  it('records a consent per purpose, shows it on the person, and makes hasConsent true from that day', async () => {
    const grantedOn = addDays(TODAY, -10);
    const granted = await api.call('POST', path(7), {
      as: SATO,
      body: { purpose: 'council_anonymised', grantedOn },
    });
    expect(granted.status).toBe(201);
    expect(granted.json).toMatchObject({
      purpose: 'council_anonymised',
      status: 'granted',
      grantedOn,
      version: 1,
    });
    const person = await api.call('GET', `/api/persons/${personOf(7)}`, { as: SATO });
    expect(person.json.consents).toContainEqual(expect.objectContaining({ purpose: 'council_anonymised' }));
    expect(await hasConsent('kibougaoka', personOf(7), 'council_anonymised', TODAY)).toBe(true);
    expect(await hasConsent('kibougaoka', personOf(7), 'council_anonymised', addDays(grantedOn, -1))).toBe(
      false,
    );
  });

  it('hides what a revoked consent allowed (hasConsent false), keeping the history; a new grant adds to it', async () => {
    await api.call('POST', path(9), { as: SATO, body: { purpose: 'core_supervision', grantedOn: TODAY } });
    expect(await hasConsent('kibougaoka', personOf(9), 'core_supervision', TODAY)).toBe(true);
    const revoked = await api.call('POST', `${path(9)}/revoke`, {
      as: SATO,
      body: { purpose: 'core_supervision', revokedOn: TODAY },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ status: 'revoked', revokedOn: TODAY, version: 2 });
    expect(revoked.json.history.map((event: { event: string }) => event.event)).toEqual([
      'granted',
      'revoked',
    ]);
    expect(await hasConsent('kibougaoka', personOf(9), 'core_supervision', TODAY)).toBe(false);

    const again = await api.call('POST', path(9), {
      as: SATO,
      body: { purpose: 'core_supervision', grantedOn: TODAY },
    });
    expect(again.status).toBe(201);
    expect(again.json.history).toHaveLength(3);
    expect(again.json).not.toHaveProperty('revokedOn');
  });

  it('fails closed: no consent, an unknown person or another tenant is no consent', async () => {
    expect(await hasConsent('kibougaoka', personOf(11), 'council_anonymised', TODAY)).toBe(false);
    expect(await hasConsent('kibougaoka', 'no-such-person', 'core_supervision', TODAY)).toBe(false);
    expect(await hasConsent('hokushin', personOf(1), 'core_supervision', TODAY)).toBe(false);
  });

  it('refuses a second grant and a revocation of nothing (409), and dates out of order (400)', async () => {
    await api.call('POST', path(13), { as: SATO, body: { purpose: 'council_anonymised', grantedOn: TODAY } });
    const twice = await api.call('POST', path(13), {
      as: SATO,
      body: { purpose: 'council_anonymised', grantedOn: TODAY },
    });
    expect(twice.status).toBe(409);
    const nothing = await api.call('POST', `${path(15)}/revoke`, {
      as: SATO,
      body: { purpose: 'council_anonymised', revokedOn: TODAY },
    });
    expect(nothing.status).toBe(409);
    const early = await api.call('POST', `${path(13)}/revoke`, {
      as: SATO,
      body: { purpose: 'council_anonymised', revokedOn: addDays(TODAY, -1) },
    });
    expect(early.status).toBe(400);
    expect(early.json.error.fields[0].field).toBe('body.revokedOn');
    const future = await api.call('POST', path(15), {
      as: SATO,
      body: { purpose: 'council_anonymised', grantedOn: addDays(TODAY, 1) },
    });
    expect(future.status).toBe(400);
    expect(future.json.error.fields[0].field).toBe('body.grantedOn');
    const unknown = await api.call('POST', path(15), {
      as: SATO,
      body: { purpose: 'marketing', grantedOn: TODAY },
    });
    expect(unknown.json.error.fields[0].field).toBe('body.purpose');
  });

  it('stores one grant for a retried Idempotency-Key and returns the first response', async () => {
    const headers = { 'idempotency-key': 'consent-retry-0001' };
    const body = { purpose: 'council_anonymised', grantedOn: TODAY };
    const first = await api.call('POST', path(17), { as: SATO, body, headers });
    const second = await api.call('POST', path(17), { as: SATO, body, headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json).toEqual(first.json);
    const person = await api.call('GET', `/api/persons/${personOf(17)}`, { as: SATO });
    const consent = person.json.consents.find((c: { purpose: string }) => c.purpose === 'council_anonymised');
    expect(consent.history).toHaveLength(1);
  });

  it('is a 404 for another office and another tenant, and nothing is written', async () => {
    const before = await api.allItems();
    for (const email of [SUZUKI, TAKAHASHI, YAMAMOTO]) {
      const response = await api.call('POST', path(19), {
        as: email,
        body: { purpose: 'council_anonymised', grantedOn: TODAY },
      });
      expect(response.status, email).toBe(404);
    }
    await expectOnlyDenials(api, before, 2);
  });
});
