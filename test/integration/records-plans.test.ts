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

const SUZUKI = 'suzuki@kibou.example';
const TODAY = todayInJapan();
/** あおぞら's cases in intake (demo-data.ts): no plan yet. */
const FRESH_CASE = 'demo-kibougaoka-case-029';
const OTHER_FRESH_CASE = 'demo-kibougaoka-case-036';
const plans = (caseId: string) => `/api/cases/${caseId}/plans`;

const content = (personWishes: string) => ({
  personWishes,
  overallPolicy: '本人の思いを軸に支援する',
  needs: [
    {
      priority: 1,
      need: '日中の居場所がほしい',
      goal: '週3日通所する',
      services: [{ serviceType: 'daily_life_care', provider: '事業所さくら', amount: '月12日' }],
    },
  ],
});
const storedPlans = async (caseId: string) =>
  (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).filter((item) =>
    String(item.sk).startsWith('PLAN#'),
  );

describe('plan versions', () => {
  it('are never overwritten: v1 finalised, v2 drafted, v1 unchanged and closed to changes', async () => {
    const v1 = await api.call('POST', plans(FRESH_CASE), {
      as: SUZUKI,
      body: content('一人暮らしを続けたい'),
    });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ planVersion: 1, status: 'draft', version: 1, createdBy: 'user-suzuki' });
    expect(v1.json.content.needs[0]).toMatchObject({ period: '', personRole: '', supporters: '' });

    const final = await api.call('POST', `${plans(FRESH_CASE)}/1/finalize`, {
      as: SUZUKI,
      body: { consentOn: TODAY },
      headers: { 'if-match': '"1"' },
    });
    expect(final.status).toBe(200);
    expect(final.json).toMatchObject({ status: 'final', consentOn: TODAY, version: 2 });
    const caseItem = (await api.queryPartition(keys.caseItem('kibougaoka', FRESH_CASE).pk)).find(
      (item) => item.sk === 'CASE',
    );
    expect(caseItem?.currentPlanVersion).toBe(1);

    const v2 = await api.call('POST', plans(FRESH_CASE), { as: SUZUKI, body: content('働いてみたい') });
    expect(v2.json).toMatchObject({ planVersion: 2, status: 'draft' });
    expect(v2.json.content.personWishes).toBe('働いてみたい');

    const v1Again = await api.call('GET', `${plans(FRESH_CASE)}/1`, { as: SUZUKI });
    expect(v1Again.json).toEqual(final.json);
    const put = await api.call('PUT', `${plans(FRESH_CASE)}/1`, {
      as: SUZUKI,
      body: content('書き換え'),
      headers: { 'if-match': '"2"' },
    });
    expect(put.status).toBe(409);
    expect(put.json.error.message).toBe('本計画は変更できません。新しい版を作成してください');

    const list = await api.call('GET', plans(FRESH_CASE), { as: SUZUKI });
    expect(list.json.items.map((plan: { planVersion: number }) => plan.planVersion)).toEqual([2, 1]);
    expect(list.json.items[0]).not.toHaveProperty('content');
    expect(await storedPlans(FRESH_CASE)).toHaveLength(2);
  });

  it('change a draft only with the current If-Match: 428 without, 412 stale, then 200 and a new ETag', async () => {
    const created = await api.call('POST', plans(OTHER_FRESH_CASE), { as: SUZUKI, body: content('最初') });
    const path = `${plans(OTHER_FRESH_CASE)}/${created.json.planVersion}`;
    expect((await api.call('PUT', path, { as: SUZUKI, body: content('変更') })).status).toBe(428);
    const stale = await api.call('PUT', path, {
      as: SUZUKI,
      body: content('変更'),
      headers: { 'if-match': '"9"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"1"');
    const changed = await api.call('PUT', path, {
      as: SUZUKI,
      body: content('変更'),
      headers: { 'if-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.json.content.personWishes).toBe('変更');
    expect(changed.json.recordId).toBe(created.json.recordId);
    const again = await api.call('PUT', path, {
      as: SUZUKI,
      body: content('再変更'),
      headers: { 'if-match': '"1"' },
    });
    expect(again.status).toBe(412);
  });

  it('cannot finalise an older draft once a newer version is the final plan', async () => {
    const caseId = 'demo-kibougaoka-case-043';
    await api.call('POST', plans(caseId), { as: SUZUKI, body: content('一版') });
    await api.call('POST', plans(caseId), { as: SUZUKI, body: content('二版') });
    const finalV2 = await api.call('POST', `${plans(caseId)}/2/finalize`, {
      as: SUZUKI,
      body: { consentOn: TODAY },
      headers: { 'if-match': '"1"' },
    });
    expect(finalV2.status).toBe(200);
    const finalV1 = await api.call('POST', `${plans(caseId)}/1/finalize`, {
      as: SUZUKI,
      body: { consentOn: TODAY },
      headers: { 'if-match': '"1"' },
    });
    expect(finalV1.status).toBe(409);
  });

  it('store one version for a retried Idempotency-Key', async () => {
    const caseId = 'demo-kibougaoka-case-050';
    const headers = { 'idempotency-key': 'plan-retry-000001' };
    const first = await api.call('POST', plans(caseId), { as: SUZUKI, body: content('再送'), headers });
    const second = await api.call('POST', plans(caseId), { as: SUZUKI, body: content('再送'), headers });
    expect(second.json).toEqual(first.json);
    expect(await storedPlans(caseId)).toHaveLength(1);
  });

  it('replay a retried finalize instead of refusing it as already final', async () => {
    const caseId = 'demo-kibougaoka-case-044';
    await api.call('POST', plans(caseId), { as: SUZUKI, body: content('一版') });
    const request = {
      as: SUZUKI,
      body: { consentOn: TODAY },
      headers: { 'if-match': '"1"', 'idempotency-key': 'finalize-retry-01' },
    };
    const first = await api.call('POST', `${plans(caseId)}/1/finalize`, request);
    const second = await api.call('POST', `${plans(caseId)}/1/finalize`, request);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json).toEqual(first.json);
  });
});

describe('refused plan requests', () => {
  it('name the offending fields (400) and write nothing', async () => {
    const count = (await api.allItems()).length;
    const cases: [string, string, unknown, string][] = [
      ['POST', plans(FRESH_CASE), { needs: [{ priority: 1, goal: '目標' }] }, 'body.needs.0.need'],
      ['POST', plans(FRESH_CASE), { status: 'final' }, 'body.status'],
      ['POST', plans(FRESH_CASE), { version: 3 }, 'body.version'],
      ['POST', plans(FRESH_CASE), { createdBy: 'user-tanaka' }, 'body.createdBy'],
      ['GET', `${plans(FRESH_CASE)}/abc`, undefined, 'params.planVersion'],
      ['POST', `${plans(FRESH_CASE)}/2/finalize`, { consentOn: '2026-13-01' }, 'body.consentOn'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await api.call(method, path, {
        as: SUZUKI,
        ...(body === undefined ? {} : { body }),
        headers: { 'if-match': '"1"' },
      });
      expect(response.status, field).toBe(400);
      expect(response.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect((await api.allItems()).length).toBe(count);
  });

  it('are a 404 for another office (the core center too) and another tenant, with nothing written', async () => {
    const keyOf = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;
    const before = new Set((await api.allItems()).map(keyOf));
    for (const email of ['sato@kibou.example', 'takahashi@kibou.example', 'yamamoto@hokushin.example']) {
      expect((await api.call('GET', `${plans(FRESH_CASE)}/1`, { as: email })).status, email).toBe(404);
      expect((await api.call('GET', plans(FRESH_CASE), { as: email })).status, email).toBe(404);
      const created = await api.call('POST', plans(FRESH_CASE), { as: email, body: content('他') });
      expect(created.status, email).toBe(404);
    }
    const finalize = await api.call('POST', `${plans(FRESH_CASE)}/2/finalize`, {
      as: 'sato@kibou.example',
      body: { consentOn: TODAY },
      headers: { 'if-match': '"1"' },
    });
    expect(finalize.status).toBe(404);
    // Only the audit entries of the refusals inside the tenant: Sato's and Takahashi's two reads and
    // one create each, and Sato's finalize (row 15: refused reads and writes alike); none for 北信.
    const added = (await api.allItems()).filter((item) => !before.has(keyOf(item)));
    expect(added.map((item) => [item.entity, item.action])).toEqual(Array(7).fill(['audit', 'denied']));
  });

  it('are a 404 for a version that does not exist', async () => {
    expect((await api.call('GET', `${plans(FRESH_CASE)}/99`, { as: SUZUKI })).status).toBe(404);
  });
});
