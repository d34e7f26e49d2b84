import { randomUUID } from 'node:crypto';
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
const SUZUKI = 'suzuki@kibou.example';
const TAKAHASHI = 'takahashi@kibou.example';
const NAKAMURA = 'nakamura@hokushin.example';
const TODAY = todayInJapan();
/** demo-difficult.ts: case 25 (ひまわり) is shared with the core center; case 1 is not. */
const SHARED_CASE = 'demo-kibougaoka-case-025';
const UNSHARED_CASE = 'demo-kibougaoka-case-001';
const AOZORA_SHARED_CASE = 'demo-kibougaoka-case-034';

const newKey = () => ({ 'idempotency-key': `sv-${randomUUID()}` });
const supervision = (overrides: Record<string, unknown> = {}) => ({
  kind: 'individual',
  heldOn: TODAY,
  specialistUserIds: ['user-sato'],
  topics: ['家族支援の進め方'],
  summary: '母の負担を減らす支援を一緒に考えた',
  caseIds: [SHARED_CASE],
  followUps: [
    { what: '短期入所の空きを確認する', who: '佐藤', dueOn: addDays(TODAY, 7) },
    { what: '支援会議の日程を調整する', dueOn: addDays(TODAY, 14) },
  ],
  ...overrides,
});
const record = (body: unknown, as = TAKAHASHI) =>
  api.call('POST', '/api/supervisions', { as, body, headers: newKey() });

describe('recording a supervision', () => {
  it('records an individual supervision with topics, follow-ups and a shared case', async () => {
    const response = await record(supervision());

    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      kind: 'individual',
      supervisorUserId: 'user-takahashi',
      specialistUserIds: ['user-sato'],
      cases: [{ caseId: SHARED_CASE, officeId: 'himawari' }],
      version: 1,
    });
    expect(response.json.followUps).toHaveLength(2);
    expect(response.headers.get('etag')).toBe('"1"');
  });

  it('refuses to link a case not shared with the core center (409), writing nothing', async () => {
    const before = (await api.allItems()).length;
    const response = await record(supervision({ caseIds: [SHARED_CASE, UNSHARED_CASE] }));

    expect(response.status).toBe(409);
    expect(response.json.error.message).toContain('共有されていない');
    expect((await api.allItems()).length).toBe(before);
  });

  it('refuses a specialist not in the tenant, two for an individual supervision, and a future day (400)', async () => {
    expect((await record(supervision({ specialistUserIds: ['user-yamamoto'] }))).status).toBe(400);
    expect((await record(supervision({ specialistUserIds: ['user-sato', 'user-suzuki'] }))).status).toBe(400);
    expect((await record(supervision({ heldOn: addDays(TODAY, 1) }))).status).toBe(400);
  });

  it('is for the core center only (403 for office staff, the municipality and the admin)', async () => {
    for (const as of [SATO, 'tanaka@kibou.example', 'ito@kibou.example', 'admin@kibou.example']) {
      expect((await record(supervision(), as)).status, as).toBe(403);
    }
  });
});

describe('listing supervisions', () => {
  it('shows the core center every supervision of its tenant, newest first', async () => {
    const group = await record(
      supervision({
        kind: 'group',
        specialistUserIds: ['user-suzuki', 'user-sato'],
        caseIds: [AOZORA_SHARED_CASE],
      }),
    );
    expect(group.status).toBe(201);

    const page = (await api.call('GET', '/api/supervisions?limit=100', { as: TAKAHASHI })).json;
    const held = page.items.map((item: { heldOn: string }) => item.heldOn);
    expect(held).toEqual([...held].sort().reverse());
    expect(page.items.map((item: { supervisionId: string }) => item.supervisionId)).toContain(
      group.json.supervisionId,
    );
    expect(
      page.items.some((item: { supervisionId: string }) => item.supervisionId.startsWith('demo-hokushin')),
    ).toBe(false);
  });

  it('shows a specialist only the supervisions about themselves, with their own office’s cases only', async () => {
    const sato = (await api.call('GET', '/api/supervisions?limit=100', { as: SATO })).json;
    expect(sato.items.length).toBeGreaterThan(0);
    for (const item of sato.items) {
      expect(item.specialistUserIds).toContain('user-sato');
      for (const linked of item.cases) expect(linked.officeId).toBe('himawari');
    }
    const group = sato.items.find(
      (item: { kind: string; heldOn: string }) => item.kind === 'group' && item.heldOn === TODAY,
    );
    expect(group.cases).toEqual([]);
    const suzuki = (await api.call('GET', '/api/supervisions?limit=100', { as: SUZUKI })).json;
    expect(
      suzuki.items.every((item: { specialistUserIds: string[] }) =>
        item.specialistUserIds.includes('user-suzuki'),
      ),
    ).toBe(true);
  });

  it('refuses a specialist another specialist’s list (403) and filters the core center’s by specialist', async () => {
    expect(
      (await api.call('GET', '/api/supervisions?specialistUserId=user-suzuki', { as: SATO })).status,
    ).toBe(403);
    const kobayashi = (
      await api.call('GET', '/api/supervisions?specialistUserId=user-kobayashi', { as: TAKAHASHI })
    ).json;
    expect(kobayashi.items.length).toBeGreaterThan(0);
    for (const item of kobayashi.items) expect(item.specialistUserIds).toContain('user-kobayashi');
  });

  it('answers 404 for a supervision not about the caller, and for another tenant’s', async () => {
    // demo-difficult.ts: the third supervision of 希望が丘市 is about 小林 (みどり) only.
    const path = '/api/supervisions/demo-kibougaoka-supervision-3';
    expect((await api.call('GET', path, { as: 'kobayashi@kibou.example' })).status).toBe(200);
    expect((await api.call('GET', path, { as: TAKAHASHI })).status).toBe(200);
    expect((await api.call('GET', path, { as: SATO })).status).toBe(404);
    expect((await api.call('GET', path, { as: NAKAMURA })).status).toBe(404);
  });
});

describe('follow-ups', () => {
  it('are marked done by the supervised specialist at the version they saw; stale → 412, twice → 409', async () => {
    const created = (await record(supervision())).json;
    const [first] = created.followUps;
    const path = `/api/supervisions/${created.supervisionId}/follow-ups/${first.followUpId}/done`;

    const missing = await api.call('POST', path, { as: SATO, body: { doneOn: TODAY }, headers: newKey() });
    expect(missing.status).toBe(428);
    const done = await api.call('POST', path, {
      as: SATO,
      body: { doneOn: TODAY },
      headers: { 'if-match': '"1"', ...newKey() },
    });
    expect(done.status).toBe(200);
    expect(done.json.followUps[0]).toMatchObject({ followUpId: first.followUpId, doneOn: TODAY });
    expect(done.headers.get('etag')).toBe('"2"');

    const stale = await api.call('POST', path, {
      as: TAKAHASHI,
      body: { doneOn: TODAY },
      headers: { 'if-match': '"1"', ...newKey() },
    });
    expect(stale.status).toBe(412);
    const again = await api.call('POST', path, {
      as: TAKAHASHI,
      body: { doneOn: TODAY },
      headers: { 'if-match': '"2"', ...newKey() },
    });
    expect(again.status).toBe(409);
  });

  it('cannot be marked done by a specialist the supervision is not about (404)', async () => {
    const created = (await record(supervision())).json;
    const response = await api.call(
      'POST',
      `/api/supervisions/${created.supervisionId}/follow-ups/${created.followUps[0].followUpId}/done`,
      { as: SUZUKI, body: { doneOn: TODAY }, headers: { 'if-match': '"1"', ...newKey() } },
    );
    expect(response.status).toBe(404);
  });
});
