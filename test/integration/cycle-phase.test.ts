import { addDays, keys, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AOZORA_CASE, HOKUSHIN_CASE } from '../support/personas.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';
import { expectOnlyDenials } from '../support/refusal.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';

const openCase = async () => {
  const created = await api.call('POST', '/api/cases', { as: SATO, body: newCaseBody() });
  expect(created.status).toBe(201);
  return created.json;
};

const move = (
  caseId: string,
  body: unknown,
  version?: number,
  extra: Record<string, string> = {},
  as = SATO,
) =>
  api.call('POST', `/api/cases/${caseId}/phase`, {
    as,
    body,
    headers: { ...(version === undefined ? {} : { 'if-match': `"${version}"` }), ...extra },
  });

const partitionOf = (caseId: string) => api.queryPartition(keys.caseItem('kibougaoka', caseId).pk);
const phaseRecords = async (caseId: string) =>
  (await partitionOf(caseId)).filter((item) => String(item.sk).startsWith('PHASE#'));

describe('moving a case along the cycle', () => {
  it('walks intake → assessment → planning → implementation → monitoring → planning, one record per move', async () => {
    const opened = await openCase();
    const path = ['assessment', 'planning', 'implementation', 'monitoring', 'planning'];
    for (const [index, to] of path.entries()) {
      const response = await move(opened.caseId, { to }, index + 1);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ phase: to, version: index + 2 });
      expect(response.headers.get('etag')).toBe(`"${index + 2}"`);
    }
    const records = await phaseRecords(opened.caseId);
    expect(records.map((record) => [record.from, record.to])).toEqual([
      ['intake', 'assessment'],
      ['assessment', 'planning'],
      ['planning', 'implementation'],
      ['implementation', 'monitoring'],
      ['monitoring', 'planning'],
    ]);
    for (const record of records) expect(record.changedOn).toBe(todayInJapan());
  });

  it('refuses a move off the cycle with 409, naming both phases in Japanese, and writes nothing', async () => {
    const opened = await openCase();
    const count = (await api.allItems()).length;
    const response = await move(opened.caseId, { to: 'monitoring' }, 1);
    expect(response.status).toBe(409);
    expect(response.json.error.message).toBe('インテークからモニタリングへは移行できません');
    expect((await api.allItems()).length).toBe(count);
  });

  it('refuses a move back to the phase the case is in (409)', async () => {
    const opened = await openCase();
    expect((await move(opened.caseId, { to: 'assessment' }, 1)).status).toBe(200);
    const again = await move(opened.caseId, { to: 'assessment' }, 2);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe('アセスメントからアセスメントへは移行できません');
  });

  it('refuses intake as a target (400): nothing goes back to intake', async () => {
    const opened = await openCase();
    const response = await move(opened.caseId, { to: 'intake' }, 1);
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.to');
  });

  it('requires If-Match (428) and refuses a stale one (412 with the current ETag)', async () => {
    const opened = await openCase();
    expect((await move(opened.caseId, { to: 'assessment' })).status).toBe(428);
    expect((await move(opened.caseId, { to: 'assessment' }, 1)).status).toBe(200);
    const stale = await move(opened.caseId, { to: 'planning' }, 1);
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(await phaseRecords(opened.caseId)).toHaveLength(1);
  });

  it('replays a retried move with the same Idempotency-Key instead of refusing it', async () => {
    const opened = await openCase();
    const key = { 'idempotency-key': `phase-retry-${opened.caseId}` };
    const first = await move(opened.caseId, { to: 'assessment' }, 1, key);
    const retry = await move(opened.caseId, { to: 'assessment' }, 1, key);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    expect(await phaseRecords(opened.caseId)).toHaveLength(1);
  });

  it.each([
    ['another office', AOZORA_CASE, SATO],
    ['another tenant', HOKUSHIN_CASE, SATO],
    ['an office, asked by the core center', 'demo-kibougaoka-case-001', 'takahashi@kibou.example'],
  ])('answers 404 for a case of %s, and writes nothing', async (label, caseId, as) => {
    const before = await api.allItems();
    const response = await move(
      caseId,
      { to: 'closed', closedOn: todayInJapan(), reason: 'other', postEvaluation: 'x' },
      1,
      {},
      as,
    );
    expect(response.status).toBe(404);
    await expectOnlyDenials(api, before, label === 'another tenant' ? 0 : 1);
  });

  it('refuses municipal officers and tenant admins (403)', async () => {
    const opened = await openCase();
    for (const as of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await move(opened.caseId, { to: 'assessment' }, 1, {}, as)).status).toBe(403);
    }
  });
});

describe('closing a case', () => {
  const closure = (closedOn: string) => ({
    to: 'closed',
    closedOn,
    reason: 'life_stage_move',
    postEvaluation: '成人期の計画相談支援事業所へ引き継ぎ、本人も新しい担当者と面談できた。',
  });

  it('records the closing date, reason and post-evaluation, and leaves the due list', async () => {
    const opened = await openCase();
    const closedOn = addDays(todayInJapan(), -1);
    const response = await move(opened.caseId, closure(closedOn), 1);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ phase: 'closed', closedOn, nextMonitoringDueOn: null });
    const stored = (await partitionOf(opened.caseId)).find((item) => item.sk === 'CASE');
    expect(stored).toMatchObject({ closedOn, closureReason: 'life_stage_move' });
    expect(stored).not.toHaveProperty('gsi3pk');
    const [record] = await phaseRecords(opened.caseId);
    expect(record).toMatchObject({
      from: 'intake',
      to: 'closed',
      changedOn: closedOn,
      closure: { closedOn, reason: 'life_stage_move', postEvaluation: closure(closedOn).postEvaluation },
    });
  });

  it('refuses a closing date before the case opened (400 on body.closedOn)', async () => {
    const opened = await openCase();
    const response = await move(opened.caseId, closure(addDays(opened.openedOn, -1)), 1);
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual([
      { field: 'body.closedOn', message: '終結日はケースの開始日以降にしてください' },
    ]);
  });

  it('refuses a closure without its post-evaluation (400)', async () => {
    const opened = await openCase();
    const response = await move(
      opened.caseId,
      { to: 'closed', closedOn: todayInJapan(), reason: 'death' },
      1,
    );
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe('body.postEvaluation');
  });

  it('allows nothing after closing (409)', async () => {
    const opened = await openCase();
    expect((await move(opened.caseId, closure(todayInJapan()), 1)).status).toBe(200);
    const reopen = await move(opened.caseId, { to: 'assessment' }, 2);
    expect(reopen.status).toBe(409);
    expect(reopen.json.error.message).toBe('終結からアセスメントへは移行できません');
  });
});
