import { keys } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const auditToday = async () => {
  // Audit partitions are per UTC day of the entry's timestamp.
  const day = new Date().toISOString().slice(0, 10);
  return api.queryPartition(keys.auditDay('kibougaoka', day).pk);
};
const casesNamed = async (name: string) =>
  (await api.allItems()).filter((item) => item.entity === 'case' && item.personName === name);

describe('creating a case', () => {
  it("opens the case at the caller's office in the intake phase, and reads back the same", async () => {
    const created = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ serviceKind: 'plan_consultation' }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      visibility: 'full',
      officeId: 'himawari',
      phase: 'intake',
      version: 1,
    });
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await api.call('GET', `/api/cases/${created.json.caseId}`, { as: SATO });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(created.json);
  });

  it('writes the person, the case and one audit entry per record in one go', async () => {
    const name = '監査 一郎';
    const before = (await auditToday()).length;
    const created = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ person: { ...newCaseBody().person, name } }),
    });
    expect(created.status).toBe(201);
    const entries = (await auditToday()).slice(before);
    expect(
      entries
        .filter((entry) => entry.action === 'create')
        .map((entry) => entry.recordType)
        .sort(),
    ).toEqual(['case', 'person']);
    for (const entry of entries) {
      expect(entry.actorUserId).toBe('user-sato');
      expect(JSON.stringify(entry)).not.toContain(name);
    }
    expect(await casesNamed(name)).toHaveLength(1);
  });

  it('makes the new person readable by the office and findable by recipient number', async () => {
    const recipientNumber = '5550001111';
    const created = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ person: { ...newCaseBody().person, recipientNumber } }),
    });
    expect(created.status).toBe(201);
    const person = await api.call('GET', `/api/persons/${created.json.personId}`, { as: SATO });
    expect(person.status).toBe(200);
    const found = await api.call('GET', `/api/cases/search?q=${recipientNumber}`, { as: SATO });
    expect(found.json.items.map((item: { caseId: string }) => item.caseId)).toContain(created.json.caseId);
    const elsewhere = await api.call('GET', `/api/persons/${created.json.personId}`, {
      as: 'suzuki@kibou.example',
    });
    expect(elsewhere.status).toBe(404);
  });

  it('records a self-plan only with its reason', async () => {
    const missing = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ planAuthor: 'self_plan' }),
    });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields).toContainEqual(
      expect.objectContaining({ field: 'body.selfPlanReason' }),
    );
    const given = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ planAuthor: 'self_plan', selfPlanReason: 'no_office_available' }),
    });
    expect(given.status).toBe(201);
    expect(given.json.selfPlanReason).toBe('no_office_available');
  });
});

describe('idempotent creates', () => {
  it('returns the first response for a retried Idempotency-Key and stores one record', async () => {
    const name = '再送 次郎';
    const body = newCaseBody({ person: { ...newCaseBody().person, name } });
    const headers = { 'idempotency-key': 'retry-key-0001' };
    const first = await api.call('POST', '/api/cases', { as: SATO, body, headers });
    const second = await api.call('POST', '/api/cases', { as: SATO, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(await casesNamed(name)).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const headers = { 'idempotency-key': 'retry-key-0002' };
    expect((await api.call('POST', '/api/cases', { as: SATO, body: newCaseBody(), headers })).status).toBe(
      201,
    );
    const count = (await api.allItems()).length;
    const other = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody({ monitoringPeriodMonths: 3 }),
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency_key_reused');
    expect((await api.allItems()).length).toBe(count);
  });

  it('keeps keys of different users and tenants apart', async () => {
    const headers = { 'idempotency-key': 'shared-key-0003' };
    const name = '共有 三郎';
    // Three people: one person, one record (ADR 0025) would refuse the same person twice.
    const kibou = newCaseBody({ person: { ...newCaseBody().person, name } });
    const hokushin = newCaseBody({ person: { ...newCaseBody().person, name, municipalityCode: '990011' } });
    const bySato = await api.call('POST', '/api/cases', { as: SATO, body: kibou, headers });
    const bySuzuki = await api.call('POST', '/api/cases', {
      as: 'suzuki@kibou.example',
      body: newCaseBody({ person: { ...newCaseBody().person, name } }),
      headers,
    });
    const byYamamoto = await api.call('POST', '/api/cases', {
      as: 'yamamoto@hokushin.example',
      body: hokushin,
      headers,
    });
    expect([bySato.status, bySuzuki.status, byYamamoto.status]).toEqual([201, 201, 201]);
    expect(new Set([bySato.json.caseId, bySuzuki.json.caseId, byYamamoto.json.caseId]).size).toBe(3);
    expect(byYamamoto.json.officeId).toBe('hokushin-sakura');
  });
});

describe('bad input is refused whole, with the field named, and nothing is written', () => {
  const person = newCaseBody().person;
  const cases: [string, Record<string, unknown>, string][] = [
    ['kanji in kana', newCaseBody({ person: { ...person, kana: '試験 花子' } }), 'body.person.kana'],
    [
      'a 9-digit recipient number',
      newCaseBody({ person: { ...person, recipientNumber: '123456789' } }),
      'body.person.recipientNumber',
    ],
    ['a tenant id in the body', { ...newCaseBody(), tenantId: 'hokushin' }, 'body.tenantId'],
    ['a server-owned version', { ...newCaseBody(), version: 7 }, 'body.version'],
    ['a server-owned author', { ...newCaseBody(), createdBy: 'user-suzuki' }, 'body.createdBy'],
    ['an office chosen by the client', { ...newCaseBody(), officeId: 'aozora' }, 'body.officeId'],
    [
      'an unknown monitoring period',
      newCaseBody({ monitoringPeriodMonths: 4 }),
      'body.monitoringPeriodMonths',
    ],
    [
      'a municipality of another tenant',
      newCaseBody({ person: { ...person, municipalityCode: '990011' } }),
      'body.person.municipalityCode',
    ],
    ['an opening date before birth', newCaseBody({ openedOn: '1980-01-01' }), 'body.openedOn'],
    ['a future opening date', newCaseBody({ openedOn: '2999-01-01' }), 'body.openedOn'],
    [
      'a child plan for an adult',
      newCaseBody({ serviceKind: 'child_plan_consultation' }),
      'body.serviceKind',
    ],
    [
      'a specialist of another office',
      newCaseBody({ specialistUserId: 'user-suzuki' }),
      'body.specialistUserId',
    ],
  ];
  for (const [label, body, field] of cases) {
    it(`refuses ${label}`, async () => {
      const count = (await api.allItems()).length;
      const response = await api.call('POST', '/api/cases', { as: SATO, body });
      expect(response.status).toBe(400);
      expect(response.json.error.code).toBe('validation_failed');
      expect(response.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(typeof response.json.error.requestId).toBe('string');
      expect((await api.allItems()).length).toBe(count);
    });
  }

  it('refuses __proto__ in the body and pollutes nothing', async () => {
    const count = (await api.allItems()).length;
    const raw = JSON.stringify(newCaseBody()).replace(/^\{/, '{"__proto__":{"polluted":true},');
    const response = await api.call('POST', '/api/cases', { as: SATO, rawBody: raw });
    expect(response.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await api.allItems()).length).toBe(count);
  });

  it('refuses a tenant named in a header', async () => {
    const count = (await api.allItems()).length;
    const response = await api.call('POST', '/api/cases', {
      as: SATO,
      body: newCaseBody(),
      headers: { 'x-tenant-id': 'hokushin' },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('header.x-tenant-id');
    expect((await api.allItems()).length).toBe(count);
  });

  it('refuses a body over the size cap with 400 naming the body, and stores nothing', async () => {
    const count = (await api.allItems()).length;
    const body = newCaseBody({ person: { ...person, familySituation: 'あ'.repeat(100_000) } });
    const response = await api.call('POST', '/api/cases', { as: SATO, body });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body');
    expect((await api.allItems()).length).toBe(count);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await api.call('POST', '/api/cases', {
      as: SATO,
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });

  it('refuses page sizes above the cap and unknown query parameters', async () => {
    expect((await api.call('GET', '/api/cases?limit=101', { as: SATO })).json.error.fields[0].field).toBe(
      'query.limit',
    );
    expect((await api.call('GET', '/api/cases?limit=abc', { as: SATO })).status).toBe(400);
    expect(
      (await api.call('GET', '/api/cases?tenantId=hokushin', { as: SATO })).json.error.fields[0].field,
    ).toBe('query.tenantId');
  });
});

describe('reading cases', () => {
  it('pages through the caseload without repeating or skipping a case', async () => {
    const all = new Set<string>();
    let total = 0;
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=7&cursor=${cursor}` : '?limit=7';
      const page = (await api.call('GET', `/api/cases${query}`, { as: 'suzuki@kibou.example' })).json;
      expect(page.items.length).toBeLessThanOrEqual(7);
      page.items.forEach((item: { caseId: string }) => all.add(item.caseId));
      total += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    const stored = (await api.allItems()).filter(
      (item) => item.entity === 'case' && item.officeId === 'aozora',
    );
    expect(total).toBe(stored.length);
    expect(all.size).toBe(stored.length);
  });

  it("lists only the caller's own cases with assigned=me", async () => {
    const page = (await api.call('GET', '/api/cases?assigned=me&limit=100', { as: 'tanaka@kibou.example' }))
      .json;
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) expect(item.specialistUserId).toBe('user-tanaka');
  });

  it('audits a full read and a refused read, and not a pseudonymised one', async () => {
    const before = (await auditToday()).length;
    await api.call('GET', '/api/cases/demo-kibougaoka-case-001', { as: SATO });
    await api.call('GET', '/api/cases/demo-kibougaoka-case-030', { as: SATO });
    await api.call('GET', '/api/cases/demo-kibougaoka-case-001', { as: 'takahashi@kibou.example' });
    const entries = (await auditToday()).slice(before);
    expect(entries.map((entry) => [entry.action, entry.recordId, entry.actorUserId])).toEqual([
      ['read', 'demo-kibougaoka-case-001', 'user-sato'],
      ['denied', 'demo-kibougaoka-case-030', 'user-sato'],
    ]);
  });

  it('shows the core center no name, kana, birth date or recipient number of an unshared case', async () => {
    const response = await api.call('GET', '/api/cases/demo-kibougaoka-case-001', {
      as: 'takahashi@kibou.example',
    });
    expect(response.status).toBe(200);
    expect(response.json.visibility).toBe('pseudonymised');
    const full = (await api.call('GET', '/api/cases/demo-kibougaoka-case-001', { as: SATO })).json;
    for (const secret of [full.personName, full.personKana, full.birthDate])
      expect(response.text).not.toContain(secret);
  });
});
