import { addDays, todayInJapan } from '@kikan/shared';
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
const TODAY = todayInJapan();
const MONTH = TODAY.slice(0, 7);
const CASE = 'demo-kibougaoka-case-004';
const consultations = `/api/cases/${CASE}/consultations`;
const consultation = (overrides: Record<string, unknown> = {}) => ({
  consultedOn: TODAY,
  channel: 'home_visit',
  counterpart: 'family',
  summary: '母と面談。送迎の時間帯について相談を受けた。',
  minutes: 40,
  ...overrides,
});
const anonymous = (overrides: Record<string, unknown> = {}) => ({
  consultedOn: TODAY,
  channel: 'phone',
  counterpart: 'person',
  topic: 'housing',
  minutes: 25,
  ...overrides,
});
const counts = async (email: string) =>
  (await api.call('GET', `/api/consultations/anonymous?month=${MONTH}`, { as: email })).json;

describe('consultation records', () => {
  it('are recorded on a case and read back whole', async () => {
    const created = await api.call('POST', consultations, { as: SATO, body: consultation() });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      caseId: CASE,
      channel: 'home_visit',
      minutes: 40,
      createdBy: 'user-sato',
    });
    const read = await api.call('GET', `${consultations}/${created.json.recordId}`, { as: SATO });
    expect(read.json).toEqual(created.json);
  });

  it('refuse bad fields with their names (400)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [consultation({ channel: 'letter' }), 'body.channel'],
      [consultation({ minutes: 0 }), 'body.minutes'],
      [consultation({ summary: '' }), 'body.summary'],
      [consultation({ consultedOn: addDays(TODAY, 2) }), 'body.consultedOn'],
      [consultation({ createdBy: 'user-suzuki' }), 'body.createdBy'],
    ];
    for (const [body, field] of cases) {
      const response = await api.call('POST', consultations, { as: SATO, body });
      expect(response.status, field).toBe(400);
      expect(response.json.error.fields[0].field).toBe(field);
    }
  });

  it('store one record for a retried Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'consultation-retry-1' };
    const first = await api.call('POST', consultations, { as: SATO, body: consultation(), headers });
    const second = await api.call('POST', consultations, { as: SATO, body: consultation(), headers });
    expect(second.json).toEqual(first.json);
    const stored = await api.allItems();
    expect(
      stored.filter((item) => item.entity === 'consultation' && item.recordId === first.json.recordId),
    ).toHaveLength(1);
  });

  it('are a 404 for another office (the core center too) and another tenant', async () => {
    const created = await api.call('POST', consultations, { as: SATO, body: consultation() });
    for (const email of ['suzuki@kibou.example', 'takahashi@kibou.example', 'yamamoto@hokushin.example']) {
      expect((await api.call('POST', consultations, { as: email, body: consultation() })).status).toBe(404);
      const read = await api.call('GET', `${consultations}/${created.json.recordId}`, { as: email });
      expect(read.status, email).toBe(404);
    }
  });
});

describe('anonymous basic consultations', () => {
  it("are counted for the caller's office by channel, counterpart and topic", async () => {
    const before = await counts(SATO);
    const created = await api.call('POST', '/api/consultations/anonymous', { as: SATO, body: anonymous() });
    expect(created.status).toBe(201);
    expect(created.json.officeId).toBe('himawari');
    const after = await counts(SATO);
    expect(after.total).toBe(before.total + 1);
    expect(after.totalMinutes).toBe(before.totalMinutes + 25);
    expect(after.byChannel.phone).toBe(before.byChannel.phone + 1);
    expect(after.byTopic.housing).toBe(before.byTopic.housing + 1);
    expect(after.byCounterpart.person).toBe(before.byCounterpart.person + 1);
  });

  it("never count another office's, and hold no personal data", async () => {
    const aozoraBefore = await counts('suzuki@kibou.example');
    await api.call('POST', '/api/consultations/anonymous', { as: SATO, body: anonymous() });
    expect((await counts('suzuki@kibou.example')).total).toBe(aozoraBefore.total);
    const named = await api.call('POST', '/api/consultations/anonymous', {
      as: SATO,
      body: anonymous({ name: '匿名 太郎' }),
    });
    expect(named.status).toBe(400);
    expect(named.json.error.fields[0].field).toBe('body.name');
  });

  it('count only the month asked for, and want the month as YYYY-MM', async () => {
    const lastMonth = addDays(`${MONTH}-01`, -1);
    await api.call('POST', '/api/consultations/anonymous', {
      as: SATO,
      body: anonymous({ consultedOn: lastMonth }),
    });
    const before = await counts(SATO);
    await api.call('POST', '/api/consultations/anonymous', {
      as: SATO,
      body: anonymous({ consultedOn: lastMonth }),
    });
    expect((await counts(SATO)).total).toBe(before.total);
    const bad = await api.call('GET', '/api/consultations/anonymous?month=2026-13', { as: SATO });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe('query.month');
  });

  it('are for case workers only (403 for municipal officers and tenant admins)', async () => {
    for (const email of ['ito@kibou.example', 'admin@kibou.example']) {
      expect(
        (await api.call('POST', '/api/consultations/anonymous', { as: email, body: anonymous() })).status,
      ).toBe(403);
    }
  });
});
