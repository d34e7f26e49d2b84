import { addDays, fiscalYearOf, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLedgerEvents } from '../../services/local/demo-ledger.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const TAKAHASHI = 'takahashi@kibou.example';
const SATO = 'sato@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const TODAY = todayInJapan();
const CURRENT = fiscalYearOf(TODAY);
const PREVIOUS = CURRENT - 1;
const DEMO = demoLedgerEvents('kibougaoka', new Date());

const eventBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'case_review',
  heldOn: addDays(TODAY, -2),
  title: '事例検討会：通学と放課後の支援',
  officeIds: ['himawari', 'aozora'],
  organisations: ['こども発達ルームそら', '県立希望が丘特別支援学校'],
  unnamedOrganisationCount: 1,
  participantCount: 12,
  caseIds: ['demo-kibougaoka-case-001', 'demo-kibougaoka-case-030'],
  notes: '次回は学校も交えて検討する',
  ...overrides,
});

const create = async (overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const response = await api.call('POST', '/api/ledger/events', {
    as: TAKAHASHI,
    body: eventBody(overrides),
    headers,
  });
  expect(response.status).toBe(201);
  return response.json;
};

const patch = (eventId: string, body: unknown, headers: Record<string, string> = {}) =>
  api.call('PATCH', `/api/ledger/events/${eventId}`, { as: TAKAHASHI, body, headers });

/** Every stored item of an event: its record and every copy, wherever they are filed. */
const itemsOf = async (eventId: string) =>
  (await api.allItems()).filter((item) => item.eventId === eventId && item.entity !== 'idempotency');

const listAll = async (email: string, query: string) => {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.call('GET', `/api/ledger/events?${query}${cursor ? `&cursor=${cursor}` : ''}`, {
      as: email,
    });
    expect(page.status).toBe(200);
    items.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  return items;
};

describe('recording a ledger event', () => {
  it('stores it once and answers with its counts, version 1 and the member municipality of its first office', async () => {
    const response = await api.call('POST', '/api/ledger/events', { as: TAKAHASHI, body: eventBody() });

    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.json).toMatchObject({
      kind: 'case_review',
      fiscalYear: fiscalYearOf(addDays(TODAY, -2)),
      organisationCount: 3,
      linkedCaseCount: 2,
      municipalityCode: '990001',
      version: 1,
      createdBy: 'user-takahashi',
    });
    expect(response.json).not.toHaveProperty('caseIds');
    const read = await api.call('GET', `/api/ledger/events/${response.json.eventId}`, { as: TAKAHASHI });
    expect(read.json).toEqual(response.json);
  });

  it('writes an audit entry for the create, naming the event and nothing of its content', async () => {
    const event = await create();

    const audits = (await api.allItems()).filter(
      (item) => item.entity === 'audit' && item.recordId === event.eventId,
    );
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'create',
        recordType: 'ledger_event',
        actorUserId: 'user-takahashi',
      }),
    ]);
    expect(JSON.stringify(audits)).not.toContain('demo-kibougaoka-case-001');
  });

  it('keeps one event for a retry with the same Idempotency-Key, and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'ledger-retry-0001' };
    const first = await create({ title: '再送の確認' }, headers);
    const retry = await api.call('POST', '/api/ledger/events', {
      as: TAKAHASHI,
      body: eventBody({ title: '再送の確認' }),
      headers,
    });

    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first);
    const events = (await api.allItems()).filter(
      (item) => item.entity === 'ledger_event' && item.title === '再送の確認',
    );
    expect(events).toHaveLength(1);
    const reused = await api.call('POST', '/api/ledger/events', {
      as: TAKAHASHI,
      body: eventBody({ title: '別の内容' }),
      headers,
    });
    expect(reused.status).toBe(422);
  });

  it.each([
    ['a date after today', { heldOn: addDays(TODAY, 1) }, 'body.heldOn'],
    ['an office of another tenant', { officeIds: ['himawari', 'hokushin-sakura'] }, 'body.officeIds.1'],
    ['a case of another tenant', { caseIds: ['demo-hokushin-case-001'] }, 'body.caseIds.0'],
    ['an advice visit to no office', { kind: 'advice_visit', officeIds: [] }, 'body.officeIds'],
    ['a municipality outside the tenant', { municipalityCode: '990011' }, 'body.municipalityCode'],
    ['a tenant id', { tenantId: 'hokushin' }, 'body.tenantId'],
  ])('refuses %s with 400 and stores nothing', async (_label, overrides, field) => {
    const before = (await api.allItems()).length;

    const response = await api.call('POST', '/api/ledger/events', {
      as: TAKAHASHI,
      body: eventBody(overrides),
    });

    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    expect((await api.allItems()).length).toBe(before);
  });

  it('is refused to an office worker and to the municipality', async () => {
    for (const email of [SATO, TANAKA, 'ito@kibou.example']) {
      const response = await api.call('POST', '/api/ledger/events', { as: email, body: eventBody() });
      expect(response.status).toBe(403);
    }
  });
});

describe('correcting a ledger event', () => {
  it('needs If-Match (428), refuses a stale version (412 with the current ETag) and keeps the event as it was', async () => {
    const event = await create();

    const missing = await patch(event.eventId, { title: '訂正' });
    expect(missing.status).toBe(428);
    const ok = await patch(event.eventId, { title: '訂正' }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await patch(event.eventId, { title: '古い版からの訂正' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    const read = await api.call('GET', `/api/ledger/events/${event.eventId}`, { as: TAKAHASHI });
    expect(read.json).toMatchObject({ title: '訂正', version: 2, updatedBy: 'user-takahashi' });
  });

  it('moves an event from 31 March to 1 April into the next fiscal year, leaving one copy and moving the participation', async () => {
    const event = await create({ heldOn: '2025-03-31', officeIds: ['himawari', 'aozora'] });
    expect(event.fiscalYear).toBe(2024);

    const moved = await patch(
      event.eventId,
      { heldOn: '2025-04-01', officeIds: ['aozora', 'midori'] },
      { 'if-match': '"1"' },
    );

    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ heldOn: '2025-04-01', fiscalYear: 2025, version: 2 });
    const stored = await itemsOf(event.eventId);
    expect(stored.map((item) => item.pk).sort()).toEqual(
      [
        keys.ledgerEvent('kibougaoka', event.eventId).pk,
        keys.ledgerYear('kibougaoka', 2025).pk,
        keys.officeParticipation('kibougaoka', 'aozora', 2025).pk,
        keys.officeParticipation('kibougaoka', 'midori', 2025).pk,
      ].sort(),
    );
    expect(stored.filter((item) => item.pk !== keys.ledgerEvent('kibougaoka', event.eventId).pk)).toEqual(
      expect.arrayContaining([expect.objectContaining({ sk: `2025-04-01#${event.eventId}`, version: 2 })]),
    );
    const fy2024 = await listAll(TAKAHASHI, 'fiscalYear=2024&limit=100');
    const fy2025 = await listAll(TAKAHASHI, 'fiscalYear=2025&limit=100');
    expect(fy2024.filter((item) => item.eventId === event.eventId)).toEqual([]);
    expect(fy2025.filter((item) => item.eventId === event.eventId)).toHaveLength(1);
    const himawari = await listAll(SATO, 'fiscalYear=2024&limit=100');
    expect(himawari.filter((item) => item.eventId === event.eventId)).toEqual([]);
  });

  it('keeps the event where it was when the correction is refused', async () => {
    const event = await create({ heldOn: '2025-03-31' });

    const refused = await patch(event.eventId, { heldOn: addDays(TODAY, 3) }, { 'if-match': '"1"' });

    expect(refused.status).toBe(400);
    const stored = await itemsOf(event.eventId);
    expect(
      stored
        .filter((item) => item.entity !== 'ledger_event')
        .every((item) => item.sk === `2025-03-31#${event.eventId}`),
    ).toBe(true);
    expect(stored).toHaveLength(4);
  });

  it("answers 404 for another tenant's event, and changes nothing", async () => {
    const [hokushinEvent] = demoLedgerEvents('hokushin', new Date());
    const response = await patch(hokushinEvent?.eventId ?? 'missing', { title: 'x' }, { 'if-match': '"1"' });

    expect(response.status).toBe(404);
  });
});

describe('reading the ledger', () => {
  it("lists the core center's fiscal year in date order across pages, and filters by kind", async () => {
    const all = await listAll(TAKAHASHI, `fiscalYear=${PREVIOUS}&limit=7`);
    const demoIds = DEMO.filter((event) => fiscalYearOf(event.heldOn) === PREVIOUS).map(
      (event) => event.eventId,
    );

    expect(all.map((item) => item.eventId)).toEqual(expect.arrayContaining(demoIds));
    expect(new Set(all.map((item) => item.eventId)).size).toBe(all.length);
    const dates = all.map((item) => String(item.heldOn));
    expect(dates).toEqual([...dates].sort());
    const councils = await listAll(TAKAHASHI, `fiscalYear=${PREVIOUS}&kind=council_session&limit=2`);
    expect(councils.map((item) => item.eventId)).toEqual(
      all.filter((item) => item.kind === 'council_session').map((item) => item.eventId),
    );
    expect(councils).toHaveLength(3);
  });

  it('shows an office only the events it took part in, and 404 for the others', async () => {
    const events = await listAll(SATO, `fiscalYear=${PREVIOUS}&limit=100`);
    const expected = DEMO.filter(
      (event) => fiscalYearOf(event.heldOn) === PREVIOUS && event.officeIds.includes('himawari'),
    );

    expect(events.map((item) => item.eventId).sort()).toEqual(expected.map((event) => event.eventId).sort());
    expect(events.every((item) => (item.officeIds as string[]).includes('himawari'))).toBe(true);
    const notTheirs = DEMO.find((event) => !event.officeIds.includes('himawari'));
    const refused = await api.call('GET', `/api/ledger/events/${notTheirs?.eventId}`, { as: SATO });
    expect(refused.status).toBe(404);
    const theirs = await api.call('GET', `/api/ledger/events/${expected[0]?.eventId}`, { as: SATO });
    expect(theirs.status).toBe(200);
  });

  it('lists the current fiscal year when none is named', async () => {
    const page = await api.call('GET', '/api/ledger/events?limit=100', { as: TAKAHASHI });

    expect(page.status).toBe(200);
    expect(page.json.items.every((item: { fiscalYear: number }) => item.fiscalYear === CURRENT)).toBe(true);
  });

  it('refuses the municipality: its figures come from the aggregates', async () => {
    const response = await api.call('GET', '/api/ledger/events', { as: 'ito@kibou.example' });

    expect(response.status).toBe(403);
  });

  it('refuses a cursor crafted to read another partition', async () => {
    const forged = Buffer.from(
      JSON.stringify({ pk: keys.ledgerYear('hokushin', PREVIOUS).pk, sk: `${PREVIOUS}-04-01#x` }),
    ).toString('base64url');

    const response = await api.call('GET', `/api/ledger/events?fiscalYear=${PREVIOUS}&cursor=${forged}`, {
      as: TAKAHASHI,
    });

    expect(response.status).toBe(400);
  });
});
