import { randomUUID } from 'node:crypto';
import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The assessment (アセスメント, issue 16 point 1): a record of its own per case, versioned like plans —
 * drafts change under If-Match, a finalised one never does, every full read and write is audited.
 */

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
const today = () => todayInJapan();
const assessments = (caseId: string) => `/api/cases/${caseId}/assessments`;

const openCase = async (openedOn: string, as = SATO) => {
  const response = await api.call('POST', '/api/cases', { as, body: newCaseBody({ openedOn }) });
  expect(response.status).toBe(201);
  return response.json.caseId as string;
};

const content = (personWishes: string) => ({
  lifeHistory: '高校卒業後、製造業で5年間勤務。',
  medical: '精神科クリニックに月2回通院。',
  personWishes,
  family: '両親と同居。',
  dailyLife: { health: '体調の波がある', money: '通帳は母が管理' },
  strengths: '作業が丁寧',
  summary: '日中活動の場と金銭管理の練習が必要',
});

const partition = async (caseId: string) => api.queryPartition(keys.caseItem('kibougaoka', caseId).pk);
const storedAssessments = async (caseId: string) =>
  (await partition(caseId)).filter((item) => String(item.sk).startsWith('ASSESSMENT#'));
const auditsOf = async (recordId: string) =>
  (await api.allItems()).filter((item) => item.entity === 'audit' && item.recordId === recordId);

describe('assessments', () => {
  it('are created as drafts with every domain, changed under If-Match, then finalised and immutable', async () => {
    const openedOn = addDays(today(), -60);
    const caseId = await openCase(openedOn);
    const created = await api.call('POST', assessments(caseId), {
      as: SATO,
      body: { ...content('一人暮らしをしたい'), conductedOn: addDays(openedOn, 7) },
      headers: { 'idempotency-key': `assessment-${randomUUID()}` },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      assessmentVersion: 1,
      status: 'draft',
      version: 1,
      conductedOn: addDays(openedOn, 7),
      createdBy: 'user-sato',
    });
    // Domains left out are stored empty, never missing.
    expect(created.json.content.dailyLife).toEqual({
      health: '体調の波がある',
      dailyActivities: '',
      housework: '',
      socialParticipation: '',
      communication: '',
      money: '通帳は母が管理',
      housing: '',
    });
    const path = `${assessments(caseId)}/1`;

    expect((await api.call('PUT', path, { as: SATO, body: content('変更') })).status).toBe(428);
    const stale = await api.call('PUT', path, {
      as: SATO,
      body: content('変更'),
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"1"');
    const changed = await api.call('PUT', path, {
      as: SATO,
      body: content('働いてみたい'),
      headers: { 'if-match': '"1"' },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    // A rewrite that leaves the 実施日 out keeps it.
    expect(changed.json).toMatchObject({ version: 2, conductedOn: addDays(openedOn, 7) });
    expect(changed.json.content.personWishes).toBe('働いてみたい');

    const finalizeWithoutVersion = await api.call('POST', `${path}/finalize`, { as: SATO, body: {} });
    expect(finalizeWithoutVersion.status).toBe(428);
    const final = await api.call('POST', `${path}/finalize`, {
      as: SATO,
      body: {},
      headers: { 'if-match': '"2"' },
    });
    expect(final.status).toBe(200);
    expect(final.json).toMatchObject({ status: 'final', version: 3 });
    expect(final.json.finalizedAt).toEqual(expect.any(String));

    const rewrite = await api.call('PUT', path, {
      as: SATO,
      body: content('書き換え'),
      headers: { 'if-match': '"3"' },
    });
    expect(rewrite.status).toBe(409);
    expect(rewrite.json.error.message).toBe(
      '確定したアセスメントは変更できません。新しいアセスメントを作成してください',
    );
    const again = await api.call('POST', `${path}/finalize`, {
      as: SATO,
      body: {},
      headers: { 'if-match': '"3"' },
    });
    expect(again.status).toBe(409);
    const read = await api.call('GET', path, { as: SATO });
    expect(read.json).toEqual(final.json);
    expect(read.headers.get('etag')).toBe('"3"');

    const second = await api.call('POST', assessments(caseId), { as: SATO, body: content('再アセスメント') });
    expect(second.json).toMatchObject({ assessmentVersion: 2, status: 'draft', conductedOn: today() });
    const list = await api.call('GET', assessments(caseId), { as: SATO });
    expect(list.status).toBe(200);
    expect(list.json.items.map((item: { assessmentVersion: number }) => item.assessmentVersion)).toEqual([
      2, 1,
    ]);
    expect(list.json.items[0]).not.toHaveProperty('content');
    expect(await storedAssessments(caseId)).toHaveLength(2);
    // The case's last record day follows the assessment (retention, ADR 0018).
    expect((await partition(caseId)).find((item) => item.sk === 'CASE')?.lastRecordOn).toBe(today());
  });

  it('audit each write and each full read, and not the list of summaries', async () => {
    const caseId = await openCase(addDays(today(), -10));
    const created = await api.call('POST', assessments(caseId), { as: SATO, body: content('監査') });
    const { recordId } = created.json as { recordId: string };
    await api.call('PUT', `${assessments(caseId)}/1`, {
      as: SATO,
      body: content('監査2'),
      headers: { 'if-match': '"1"' },
    });
    await api.call('POST', `${assessments(caseId)}/1/finalize`, {
      as: SATO,
      body: {},
      headers: { 'if-match': '"2"' },
    });
    await api.call('GET', `${assessments(caseId)}/1`, { as: SATO });
    await api.call('GET', assessments(caseId), { as: SATO });

    const entries = await auditsOf(recordId);
    expect(entries.map((entry) => entry.action).sort()).toEqual(['create', 'read', 'update', 'update']);
    for (const entry of entries) {
      expect(entry).toMatchObject({ recordType: 'assessment', actorUserId: 'user-sato' });
      // The entry names the record, never its content.
      expect(JSON.stringify(entry)).not.toContain('監査');
    }
  });

  it('store one assessment for a retried Idempotency-Key and replay a retried finalise', async () => {
    const caseId = await openCase(addDays(today(), -10));
    const headers = { 'idempotency-key': `assessment-retry-${randomUUID()}` };
    const first = await api.call('POST', assessments(caseId), { as: SATO, body: content('再送'), headers });
    const second = await api.call('POST', assessments(caseId), { as: SATO, body: content('再送'), headers });
    expect(second.json).toEqual(first.json);
    expect(await storedAssessments(caseId)).toHaveLength(1);

    const finalize = {
      as: SATO,
      body: {},
      headers: { 'if-match': '"1"', 'idempotency-key': `assessment-final-${randomUUID()}` },
    };
    const once = await api.call('POST', `${assessments(caseId)}/1/finalize`, finalize);
    const twice = await api.call('POST', `${assessments(caseId)}/1/finalize`, finalize);
    expect([once.status, twice.status]).toEqual([200, 200]);
    expect(twice.json).toEqual(once.json);
  });
});

describe('the 実施日 of an assessment', () => {
  it.each([
    ['in the future', () => addDays(today(), 1), '実施日に未来の日付は指定できません'],
    ['before the case opened', () => addDays(today(), -11), '実施日はケースの開始日以降にしてください'],
  ])(
    'is refused %s with 400 naming body.conductedOn, on create and on rewrite',
    async (_label, day, message) => {
      const caseId = await openCase(addDays(today(), -10));
      const refused = await api.call('POST', assessments(caseId), { as: SATO, body: { conductedOn: day() } });
      expect(refused.status).toBe(400);
      expect(refused.json.error.fields).toEqual([{ field: 'body.conductedOn', message }]);
      expect(await storedAssessments(caseId)).toHaveLength(0);

      await api.call('POST', assessments(caseId), { as: SATO, body: {} });
      const rewrite = await api.call('PUT', `${assessments(caseId)}/1`, {
        as: SATO,
        body: { conductedOn: day() },
        headers: { 'if-match': '"1"' },
      });
      expect(rewrite.status).toBe(400);
      expect(rewrite.json.error.fields).toEqual([{ field: 'body.conductedOn', message }]);
    },
  );

  it('reads 和暦 as ADR 0032 does', async () => {
    const caseId = await openCase('2026-04-01');
    const created = await api.call('POST', assessments(caseId), {
      as: SATO,
      body: { conductedOn: '令和8年4月２日' },
    });
    expect(created.status).toBe(201);
    expect(created.json.conductedOn).toBe('2026-04-02');
  });
});

describe('refused assessment requests', () => {
  it('name the offending field (400) and write nothing: lengths, server-owned keys, unknown domains', async () => {
    const caseId = await openCase(addDays(today(), -10));
    const count = (await api.allItems()).length;
    const cases: [string, string, unknown, string][] = [
      ['POST', assessments(caseId), { lifeHistory: 'あ'.repeat(2001) }, 'body.lifeHistory'],
      ['POST', assessments(caseId), { dailyLife: { money: 'あ'.repeat(1001) } }, 'body.dailyLife.money'],
      ['POST', assessments(caseId), { dailyLife: { hobby: '釣り' } }, 'body.dailyLife'],
      ['POST', assessments(caseId), { status: 'final' }, 'body'],
      ['POST', assessments(caseId), { version: 3 }, 'body'],
      ['GET', `${assessments(caseId)}/abc`, undefined, 'params.assessmentVersion'],
      ['POST', `${assessments(caseId)}/1/finalize`, { conductedOn: today() }, 'body'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await api.call(method, path, {
        as: SATO,
        ...(body === undefined ? {} : { body }),
        headers: { 'if-match': '"1"' },
      });
      expect(response.status, field).toBe(400);
      const fields = response.json.error.fields.map((f: { field: string }) => f.field);
      expect(
        fields.some((name: string) => name.startsWith(field)),
        `${field} in ${fields}`,
      ).toBe(true);
    }
    expect((await api.allItems()).length).toBe(count);
  });

  it('are a 404 for another office, the core center without sharing, and another tenant', async () => {
    const caseId = await openCase(addDays(today(), -10));
    await api.call('POST', assessments(caseId), { as: SATO, body: content('他の事業所') });
    for (const email of [SUZUKI, TAKAHASHI, YAMAMOTO]) {
      expect((await api.call('GET', `${assessments(caseId)}/1`, { as: email })).status, email).toBe(404);
      expect((await api.call('GET', assessments(caseId), { as: email })).status, email).toBe(404);
      expect(
        (await api.call('POST', assessments(caseId), { as: email, body: content('他') })).status,
        email,
      ).toBe(404);
    }
    expect(await storedAssessments(caseId)).toHaveLength(1);
    expect((await api.call('GET', `${assessments(caseId)}/9`, { as: SATO })).status).toBe(404);
  });

  it('refuse the municipal officer (403)', async () => {
    const caseId = await openCase(addDays(today(), -10));
    const response = await api.call('GET', assessments(caseId), { as: 'ito@kibou.example' });
    expect(response.status).toBe(403);
  });
});

describe('the core center', () => {
  it('reads an assessment of a case shared with it by a supervision request, audited as its read', async () => {
    // demo-records.ts: case 013 (index 12) consented to core-center sharing.
    const caseId = 'demo-kibougaoka-case-013';
    const created = await api.call('POST', assessments(caseId), { as: SATO, body: content('共有') });
    expect(created.status).toBe(201);
    expect((await api.call('GET', `${assessments(caseId)}/1`, { as: TAKAHASHI })).status).toBe(404);

    const caseItem = (await partition(caseId)).find((item) => item.sk === 'CASE');
    const shared = await api.call('POST', `/api/cases/${caseId}/supervision-request`, {
      as: SATO,
      body: { topic: 'アセスメントの進め方について助言がほしい' },
      headers: { 'if-match': `"${String(caseItem?.version)}"`, 'idempotency-key': `share-${randomUUID()}` },
    });
    expect(shared.status).toBe(200);

    const read = await api.call('GET', `${assessments(caseId)}/1`, { as: TAKAHASHI });
    expect(read.status).toBe(200);
    expect(read.json.content.personWishes).toBe('共有');
    const reads = (await auditsOf(created.json.recordId)).filter((entry) => entry.action === 'read');
    expect(reads.map((entry) => entry.actorUserId)).toEqual(['user-takahashi']);
    // Reading is not writing: the core center does not change an office's assessment.
    const write = await api.call('PUT', `${assessments(caseId)}/1`, {
      as: TAKAHASHI,
      body: content('書き換え'),
      headers: { 'if-match': '"1"' },
    });
    expect(write.status).toBe(404);
  });
});
