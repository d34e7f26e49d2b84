import { addDays, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * History has dates (issue 15 point 4): a phase change carries the day it happened and a plan its
 * 計画作成日, so a history entered later keeps its days and the timeline follows them.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const today = () => todayInJapan();

const openCase = async (openedOn: string) => {
  const response = await api.call('POST', '/api/cases', { as: SATO, body: newCaseBody({ openedOn }) });
  expect(response.status).toBe(201);
  return response.json.caseId as string;
};

const moveTo = (caseId: string, body: Record<string, unknown>, version: number) =>
  api.call('POST', `/api/cases/${caseId}/phase`, {
    as: SATO,
    body,
    headers: { 'if-match': `"${version}"` },
  });

const timelineOf = async (caseId: string) =>
  (await api.call('GET', `/api/cases/${caseId}/timeline`, { as: SATO })).json.entries as {
    kind: string;
    date: string;
    record?: { to?: string };
  }[];

describe('phase changes carry the day they happened', () => {
  it('stores the day given, and the timeline orders by it rather than by when it was entered', async () => {
    const openedOn = addDays(today(), -200);
    const caseId = await openCase(openedOn);
    expect((await moveTo(caseId, { to: 'assessment', changedOn: addDays(openedOn, 10) }, 1)).status).toBe(
      200,
    );
    expect((await moveTo(caseId, { to: 'planning', changedOn: addDays(openedOn, 40) }, 2)).status).toBe(200);
    const consultation = await api.call('POST', `/api/cases/${caseId}/consultations`, {
      as: SATO,
      body: {
        consultedOn: addDays(openedOn, 20),
        channel: 'phone',
        counterpart: 'person',
        supportCategories: ['welfare_services'],
        summary: '電話で近況を聞いた',
        minutes: 15,
      },
    });
    expect(consultation.status).toBe(201);

    const entries = await timelineOf(caseId);
    expect(entries.map((entry) => [entry.kind, entry.date])).toEqual([
      ['phase', addDays(openedOn, 10)],
      ['consultation', addDays(openedOn, 20)],
      ['phase', addDays(openedOn, 40)],
    ]);
  });

  it('dates a change today when no day is given', async () => {
    const caseId = await openCase(addDays(today(), -30));
    expect((await moveTo(caseId, { to: 'assessment' }, 1)).status).toBe(200);
    expect((await timelineOf(caseId)).at(-1)?.date).toBe(today());
  });

  it.each([
    ['in the future', () => addDays(today(), 1), '変更日に未来の日付は指定できません'],
    ['before the case opened', () => addDays(today(), -61), '変更日はケースの開始日以降にしてください'],
    [
      'before the previous phase change',
      () => addDays(today(), -41),
      `変更日は前回のフェーズ変更日（${addDays(todayInJapan(), -40)}）以降にしてください`,
    ],
  ])('refuses a day %s with 400 naming body.changedOn, and writes nothing', async (_label, day, message) => {
    const caseId = await openCase(addDays(today(), -60));
    expect((await moveTo(caseId, { to: 'assessment', changedOn: addDays(today(), -40) }, 1)).status).toBe(
      200,
    );
    const refused = await moveTo(caseId, { to: 'planning', changedOn: day() }, 2);
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields).toEqual([{ field: 'body.changedOn', message }]);
    expect((await api.call('GET', `/api/cases/${caseId}`, { as: SATO })).json.phase).toBe('assessment');
  });

  it('refuses a closure before the previous phase change (body.closedOn)', async () => {
    const caseId = await openCase(addDays(today(), -60));
    expect((await moveTo(caseId, { to: 'assessment', changedOn: addDays(today(), -10) }, 1)).status).toBe(
      200,
    );
    const refused = await moveTo(
      caseId,
      { to: 'closed', closedOn: addDays(today(), -11), reason: 'other', postEvaluation: '終結' },
      2,
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields[0].field).toBe('body.closedOn');
  });
});

describe('a plan carries its 計画作成日', () => {
  const createPlan = (caseId: string, body: Record<string, unknown>) =>
    api.call('POST', `/api/cases/${caseId}/plans`, { as: SATO, body });

  it('is stored, editable while a draft, dates the timeline entry, and bounds the consent date', async () => {
    const openedOn = addDays(today(), -90);
    const caseId = await openCase(openedOn);
    const created = await createPlan(caseId, {
      personWishes: '一人暮らしをしたい',
      createdOn: addDays(openedOn, 5),
    });
    expect(created.status).toBe(201);
    expect(created.json.createdOn).toBe(addDays(openedOn, 5));

    const rewritten = await api.call('PUT', `/api/cases/${caseId}/plans/1`, {
      as: SATO,
      body: { personWishes: '一人暮らしをしたい', createdOn: addDays(openedOn, 8) },
      headers: { 'if-match': '"1"' },
    });
    expect(rewritten.status).toBe(200);
    expect(rewritten.json.createdOn).toBe(addDays(openedOn, 8));
    const planEntry = (await timelineOf(caseId)).find((entry) => entry.kind === 'plan');
    expect(planEntry?.date).toBe(addDays(openedOn, 8));

    const early = await api.call('POST', `/api/cases/${caseId}/plans/1/finalize`, {
      as: SATO,
      body: { consentOn: addDays(openedOn, 7) },
      headers: { 'if-match': '"2"' },
    });
    expect(early.status).toBe(400);
    expect(early.json.error.fields).toEqual([
      { field: 'body.consentOn', message: `同意日は計画作成日（${addDays(openedOn, 8)}）以降にしてください` },
    ]);
    const final = await api.call('POST', `/api/cases/${caseId}/plans/1/finalize`, {
      as: SATO,
      body: { consentOn: addDays(openedOn, 8) },
      headers: { 'if-match': '"2"' },
    });
    expect(final.status).toBe(200);
    expect(final.json).toMatchObject({ status: 'final', createdOn: addDays(openedOn, 8) });
  });

  it('defaults to today', async () => {
    const caseId = await openCase(addDays(today(), -10));
    expect((await createPlan(caseId, {})).json.createdOn).toBe(today());
  });

  it.each([
    ['in the future', () => addDays(today(), 1), '計画作成日に未来の日付は指定できません'],
    ['before the case opened', () => addDays(today(), -11), '計画作成日はケースの開始日以降にしてください'],
  ])('refuses a 計画作成日 %s with 400 naming body.createdOn', async (_label, day, message) => {
    const caseId = await openCase(addDays(today(), -10));
    const refused = await createPlan(caseId, { createdOn: day() });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields).toEqual([{ field: 'body.createdOn', message }]);
  });
});
