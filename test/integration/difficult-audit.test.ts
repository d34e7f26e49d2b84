import { randomUUID } from 'node:crypto';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, demoCases } from '../../services/local/demo-data.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { parseCsv } from '../support/csv.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  // Reads and a write today, so the day's log has entries by several people.
  await api.call('GET', `/api/persons/${PERSON}`, { as: 'sato@kibou.example' });
  await api.call('GET', '/api/cases/demo-kibougaoka-case-030', { as: 'suzuki@kibou.example' });
  await api.call('GET', '/api/cases/demo-kibougaoka-case-025', { as: 'takahashi@kibou.example' });
  await api.call('GET', `/api/persons/${PERSON}`, { as: 'suzuki@kibou.example' });
  await api.call('GET', '/api/cases/demo-hokushin-case-013', { as: 'nakamura@hokushin.example' });
});
afterAll(async () => {
  await api.stop();
});

const ADMIN = 'admin@kibou.example';
const PERSON = 'demo-kibougaoka-person-001';
const TODAY = todayInJapan();
const NOW = new Date();

/** Every seeded person's name, kana and recipient number: none may appear in the log. */
const SECRETS = DEMO_TENANTS.flatMap((tenant) =>
  demoCases(tenant.tenantId, NOW).flatMap(({ person }) => [
    person.name,
    person.kana,
    person.recipientNumber ?? '',
  ]),
).filter(Boolean);

const download = async (query: string, as = ADMIN) => {
  const response = await fetch(`${api.stack.url}/api/audit.csv${query}`, {
    headers: { authorization: `Bearer ${await api.tokenOf(as)}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
};

/** Today's entries in Japan time, straight from the table (two UTC-day partitions). */
const storedToday = async () => {
  const yesterday = addDays(TODAY, -1);
  const early = await api.queryPartition(keys.auditDay('kibougaoka', yesterday).pk);
  const late = await api.queryPartition(keys.auditDay('kibougaoka', TODAY).pk);
  return [
    ...early.filter((entry) => String(entry.at) >= `${yesterday}T15:00:00.000Z`),
    ...late.filter((entry) => String(entry.at) < `${TODAY}T15:00:00.000Z`),
  ];
};

describe('browsing the audit log', () => {
  it('shows the tenant admin who read which record, when, with names, a day at a time across pages', async () => {
    const seen: { at: string; requestId: string; actorName: string; action: string; recordId: string }[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?from=${TODAY}&to=${TODAY}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await api.call('GET', `/api/audit${query}`, { as: ADMIN });
      expect(response.status).toBe(200);
      seen.push(...response.json.items);
      cursor = response.json.nextCursor;
    } while (cursor);

    const stored = await storedToday();
    expect(seen.length).toBeGreaterThanOrEqual(stored.length);
    const keysSeen = seen.map((entry) => `${entry.at}#${entry.requestId}#${entry.recordId}#${entry.action}`);
    expect(new Set(keysSeen).size).toBe(keysSeen.length);
    expect(seen.map((entry) => entry.at)).toEqual(seen.map((entry) => entry.at).sort());
    expect(seen).toContainEqual(
      expect.objectContaining({
        actorName: '佐藤 美咲',
        action: 'read',
        recordType: 'person',
        recordId: PERSON,
      }),
    );
    expect(seen).toContainEqual(
      expect.objectContaining({
        actorName: '鈴木 健一',
        action: 'denied',
        recordType: 'person',
        recordId: PERSON,
      }),
    );
  });

  it('holds no content: no seeded name, kana or recipient number appears', async () => {
    const response = await api.call('GET', `/api/audit?from=${TODAY}&to=${TODAY}&limit=100`, { as: ADMIN });
    for (const secret of SECRETS) expect(response.text).not.toContain(secret);
  });

  it('is for the tenant admin only (403), and refuses a bad day or a crafted cursor (400)', async () => {
    for (const as of [
      'sato@kibou.example',
      'tanaka@kibou.example',
      'takahashi@kibou.example',
      'ito@kibou.example',
    ]) {
      expect((await api.call('GET', `/api/audit?from=${TODAY}&to=${TODAY}`, { as })).status, as).toBe(403);
    }
    expect((await api.call('GET', '/api/audit?from=2026-13-01&to=2026-13-01', { as: ADMIN })).status).toBe(
      400,
    );
    const forged = `0${Buffer.from(JSON.stringify({ pk: 'T#hokushin#AUDIT#2026-01-01', sk: 'x' })).toString('base64url')}`;
    expect(
      (await api.call('GET', `/api/audit?from=${TODAY}&to=${TODAY}&cursor=${forged}`, { as: ADMIN })).status,
    ).toBe(400);
  });

  it('never shows another tenant’s entries', async () => {
    const hokushin = await api.queryPartition(
      keys.auditDay('hokushin', new Date().toISOString().slice(0, 10)).pk,
    );
    expect(hokushin.length).toBeGreaterThan(0);
    const response = await api.call('GET', `/api/audit?from=${TODAY}&to=${TODAY}&limit=100`, { as: ADMIN });
    for (const entry of response.json.items) expect(entry.actorUserId).not.toBe('user-nakamura');
  });

  it('has no route that changes or deletes an entry', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const response = await api.call(method, '/api/audit', {
        as: ADMIN,
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(response.status, method).toBe(404);
    }
  });
});

describe('exporting the audit log as CSV', () => {
  it('sends UTF-8 with a BOM and Japanese headers, one row per entry of the period, named as an attachment', async () => {
    const { response, bytes } = await download(`?from=${addDays(TODAY, -1)}&to=${TODAY}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".*\.csv"; filename\*=UTF-8''/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      '日時（日本時間）',
      '職員',
      '職員ID',
      '役割',
      '職員の事業所',
      '操作',
      '記録の種類',
      'ケース番号',
      '記録ID',
      '記録の事業所',
      '変更された職員',
      '変更前',
      '変更後',
      'リクエストID',
    ]);
    expect(rows.length).toBeGreaterThanOrEqual((await storedToday()).length);
    for (const row of rows) expect(row).toHaveLength(14);
    expect(rows).toContainEqual(expect.arrayContaining(['佐藤 美咲', '閲覧', '利用者', PERSON]));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('refuses a period over 31 days or reversed (400), and everyone but the tenant admin (403)', async () => {
    expect((await download(`?from=${addDays(TODAY, -31)}&to=${TODAY}`)).response.status).toBe(400);
    expect((await download(`?from=${TODAY}&to=${addDays(TODAY, -1)}`)).response.status).toBe(400);
    expect((await download(`?from=${TODAY}&to=${TODAY}`, 'takahashi@kibou.example')).response.status).toBe(
      403,
    );
    expect((await download(`?from=${TODAY}&to=${TODAY}`, 'sato@kibou.example')).response.status).toBe(403);
  });
});
