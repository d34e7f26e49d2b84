import { fiscalYearOf, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const CURRENT = fiscalYearOf(todayInJapan());
const ROSTER = '/api/ledger/senior-specialists';

const roster = async (query = '', email = TAKAHASHI) => {
  const response = await api.call('GET', `${ROSTER}${query}`, { as: email });
  expect(response.status).toBe(200);
  return response.json.items as { seniorId: string; officeId: string; name: string; version: number }[];
};

const add = async (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api.call('POST', ROSTER, { as: TAKAHASHI, body, headers });

describe('senior specialist roster', () => {
  it('counts who was senior at the end of the previous fiscal year and on the first day of this one', async () => {
    const yearEnd = await roster(`?asOf=${CURRENT}-03-31`);
    const nextDay = await roster(`?asOf=${CURRENT}-04-01`);

    expect(yearEnd.map((entry) => entry.name).sort()).toEqual(
      ['佐藤 美咲', '前田 聡子', '田中 陽子', '高橋 誠'].sort(),
    );
    expect(nextDay.map((entry) => entry.name).sort()).toEqual(['佐藤 美咲', '田中 陽子', '高橋 誠'].sort());
  });

  it('includes a senior on the day of certification and on the last day, not the day before or after', async () => {
    const created = await add({
      name: '境界 確認',
      officeId: 'midori',
      certifiedOn: '2024-04-01',
      endedOn: '2025-03-31',
    });
    expect(created.status).toBe(201);
    const { seniorId } = created.json;

    const seniorOn = async (day: string) =>
      (await roster(`?asOf=${day}`)).some((entry) => entry.seniorId === seniorId);

    expect(await seniorOn('2024-03-31')).toBe(false);
    expect(await seniorOn('2024-04-01')).toBe(true);
    expect(await seniorOn('2025-03-31')).toBe(true);
    expect(await seniorOn('2025-04-01')).toBe(false);
  });

  it("names a staff member by user id with the directory's name, and refuses one of another office", async () => {
    const created = await add({ userId: 'user-kobayashi', officeId: 'midori', certifiedOn: '2025-04-01' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      userId: 'user-kobayashi',
      name: '小林 大輔',
      officeId: 'midori',
      version: 1,
    });

    const wrongOffice = await add({
      userId: 'user-kobayashi',
      officeId: 'aozora',
      certifiedOn: '2025-04-01',
    });
    expect(wrongOffice.status).toBe(400);
    expect(wrongOffice.json.error.fields[0].field).toBe('body.userId');
    const otherTenant = await add({ userId: 'user-yamamoto', officeId: 'midori', certifiedOn: '2025-04-01' });
    expect(otherTenant.status).toBe(400);
  });

  it('refuses a second period of the same person at the same office that overlaps the first (409)', async () => {
    const overlapping = await add({
      userId: 'user-sato',
      officeId: 'himawari',
      certifiedOn: `${CURRENT}-04-01`,
    });

    expect(overlapping.status).toBe(409);
  });

  it('keeps one entry and one audit entry for a retry with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'senior-retry-0001' };
    const body = { name: '再送 確認', officeId: 'aozora', certifiedOn: '2025-10-01' };
    const first = await add(body, headers);
    const retry = await add(body, headers);

    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect((await roster()).filter((entry) => entry.name === '再送 確認')).toHaveLength(1);
    const audits = (await api.allItems()).filter(
      (item) => item.entity === 'audit' && item.recordId === first.json.seniorId,
    );
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'create',
        recordType: 'senior_specialist',
        recordOfficeId: 'aozora',
      }),
    ]);
    expect(JSON.stringify(audits)).not.toContain('再送 確認');
  });

  it('sets the last day with If-Match (428 without, 412 when stale) and can reopen the period', async () => {
    const created = await add({ name: '終了 確認', officeId: 'himawari', certifiedOn: '2024-06-01' });
    const path = `${ROSTER}/${created.json.seniorId}`;

    expect((await api.call('PATCH', path, { as: TAKAHASHI, body: { endedOn: '2025-09-30' } })).status).toBe(
      428,
    );
    const ended = await api.call('PATCH', path, {
      as: TAKAHASHI,
      body: { endedOn: '2025-09-30' },
      headers: { 'if-match': '"1"' },
    });
    expect(ended.status).toBe(200);
    expect(ended.json).toMatchObject({ endedOn: '2025-09-30', version: 2 });
    const stale = await api.call('PATCH', path, {
      as: TAKAHASHI,
      body: { endedOn: '2025-10-31' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const beforeCertification = await api.call('PATCH', path, {
      as: TAKAHASHI,
      body: { endedOn: '2024-05-31' },
      headers: { 'if-match': '"2"' },
    });
    expect(beforeCertification.status).toBe(400);
    const reopened = await api.call('PATCH', path, {
      as: TAKAHASHI,
      body: { endedOn: null },
      headers: { 'if-match': '"2"' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json).not.toHaveProperty('endedOn');
  });

  it("shows office staff their own office's entries only, and refuses another office", async () => {
    const own = await roster('', SATO);

    expect(own.length).toBeGreaterThan(0);
    expect(own.every((entry) => entry.officeId === 'himawari')).toBe(true);
    expect((await api.call('GET', `${ROSTER}?officeId=aozora`, { as: SATO })).status).toBe(403);
    expect((await api.call('GET', ROSTER, { as: 'ito@kibou.example' })).status).toBe(403);
  });

  it("answers 404 for another tenant's entry, and writes nothing", async () => {
    const hokushin = await roster('', 'nakamura@hokushin.example');
    const before = (await api.allItems()).length;

    const response = await api.call('PATCH', `${ROSTER}/${hokushin[0]?.seniorId}`, {
      as: TAKAHASHI,
      body: { endedOn: '2026-03-31' },
      headers: { 'if-match': '"1"' },
    });

    expect(response.status).toBe(404);
    expect((await api.allItems()).length).toBe(before);
  });
});
