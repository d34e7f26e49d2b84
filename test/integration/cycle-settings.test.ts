import { keys } from '@kikan/shared';
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

/** A fresh case of Sato's office (ひまわり), so each test starts from version 1. */
const openCase = async (overrides: Record<string, unknown> = {}) => {
  const created = await api.call('POST', '/api/cases', { as: SATO, body: newCaseBody(overrides) });
  expect(created.status).toBe(201);
  return created.json;
};

const storedCase = async (caseId: string) => {
  const items = await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk);
  return items.find((item) => item.sk === 'CASE');
};

const patch = (caseId: string, body: unknown, version?: number, as = SATO) =>
  api.call('PATCH', `/api/cases/${caseId}`, {
    as,
    body,
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });

describe('changing case settings', () => {
  it('changes the fields given, returns the case at version + 1 with its ETag, and audits the write', async () => {
    const opened = await openCase();
    const response = await patch(
      opened.caseId,
      { serviceUseStatus: 'using', monitoringPeriodMonths: 3, specialistUserId: 'user-sato' },
      1,
    );
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      caseId: opened.caseId,
      serviceUseStatus: 'using',
      monitoringPeriodMonths: 3,
      version: 2,
    });
    expect(response.headers.get('etag')).toBe('"2"');
    expect(await storedCase(opened.caseId)).toMatchObject({ serviceUseStatus: 'using', version: 2 });
    const day = new Date().toISOString().slice(0, 10);
    const audits = (await api.queryPartition(keys.auditDay('kibougaoka', day).pk)).filter(
      (entry) => entry.recordId === opened.caseId && entry.action === 'update',
    );
    expect(audits).toHaveLength(1);
  });

  it('switches to a self-plan with its reason and back', async () => {
    const opened = await openCase();
    const selfPlan = await patch(
      opened.caseId,
      { planAuthor: 'self_plan', selfPlanReason: 'person_wish' },
      1,
    );
    expect(selfPlan.json).toMatchObject({ planAuthor: 'self_plan', selfPlanReason: 'person_wish' });
    const back = await patch(opened.caseId, { planAuthor: 'specialist' }, 2);
    expect(back.json.planAuthor).toBe('specialist');
    expect(back.json).not.toHaveProperty('selfPlanReason');
  });

  it('requires If-Match (428) and changes nothing without it', async () => {
    const opened = await openCase();
    const response = await patch(opened.caseId, { serviceUseStatus: 'paused' });
    expect(response.status).toBe(428);
    expect(response.json.error.code).toBe('precondition_required');
    expect(await storedCase(opened.caseId)).toMatchObject({ serviceUseStatus: 'not_started', version: 1 });
  });

  it('refuses a stale version with 412 and the current ETag', async () => {
    const opened = await openCase();
    expect((await patch(opened.caseId, { serviceUseStatus: 'using' }, 1)).status).toBe(200);
    const stale = await patch(opened.caseId, { serviceUseStatus: 'paused' }, 1);
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(stale.json.error.code).toBe('version_mismatch');
    expect(await storedCase(opened.caseId)).toMatchObject({ serviceUseStatus: 'using', version: 2 });
  });

  const refusals: [string, unknown, string][] = [
    ['an empty change', {}, 'body'],
    ['a self-plan without its reason', { planAuthor: 'self_plan' }, 'body.selfPlanReason'],
    ['a reason for a specialist-written plan', { selfPlanReason: 'other' }, 'body.selfPlanReason'],
    ['a specialist of another office', { specialistUserId: 'user-suzuki' }, 'body.specialistUserId'],
    ['a municipal officer as specialist', { specialistUserId: 'user-ito' }, 'body.specialistUserId'],
    ['an unknown user as specialist', { specialistUserId: 'user-nobody' }, 'body.specialistUserId'],
    ['a phase (moved only by the phase route)', { phase: 'closed' }, 'body.phase'],
    ['a server-owned version', { serviceUseStatus: 'using', version: 9 }, 'body.version'],
    ['an office chosen by the client', { officeId: 'aozora' }, 'body.officeId'],
    ['an unknown monitoring period', { monitoringPeriodMonths: 4 }, 'body.monitoringPeriodMonths'],
  ];
  for (const [label, body, field] of refusals) {
    it(`refuses ${label} with 400 on ${field}, and writes nothing`, async () => {
      const opened = await openCase();
      const count = (await api.allItems()).length;
      const response = await patch(opened.caseId, body, 1);
      expect(response.status).toBe(400);
      expect(response.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect((await api.allItems()).length).toBe(count);
    });
  }

  it.each([
    ['another office', AOZORA_CASE, SATO],
    ['another tenant', HOKUSHIN_CASE, SATO],
    ['an office, asked by the core center', 'demo-kibougaoka-case-001', 'takahashi@kibou.example'],
  ])('answers 404 for a case of %s, and writes nothing', async (label, caseId, as) => {
    const before = await api.allItems();
    const response = await patch(caseId, { serviceUseStatus: 'paused' }, 1, as);
    expect(response.status).toBe(404);
    await expectOnlyDenials(api, before, label === 'another tenant' ? 0 : 1);
  });

  it('refuses municipal officers and tenant admins (403)', async () => {
    const opened = await openCase();
    for (const as of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await patch(opened.caseId, { serviceUseStatus: 'paused' }, 1, as)).status).toBe(403);
    }
  });

  it('refuses to change a closed case (409)', async () => {
    const opened = await openCase();
    const closed = await api.call('POST', `/api/cases/${opened.caseId}/phase`, {
      as: SATO,
      body: { to: 'closed', closedOn: opened.openedOn, reason: 'moved_away', postEvaluation: '転出' },
      headers: { 'if-match': '"1"' },
    });
    expect(closed.status).toBe(200);
    const response = await patch(opened.caseId, { serviceUseStatus: 'ended' }, 2);
    expect(response.status).toBe(409);
    expect(response.json.error.message).toBe('終結したケースは変更できません');
  });
});

describe('two editors at once', () => {
  const ROUNDS = 5;
  const USE_STATUSES = ['not_started', 'using', 'paused', 'ended'];
  const PERIODS = [1, 2, 3, 6, 12];
  const after = <T>(values: T[], current: T): T =>
    values[(values.indexOf(current) + 1) % values.length] ?? current;

  it(`lets exactly one of two concurrent edits of the same version win, ${ROUNDS} times over, losing no update`, async ({
    annotate,
  }) => {
    const opened = await openCase();
    const outcomes: string[] = [];
    for (let version = 1; version <= ROUNDS; version += 1) {
      const before = await storedCase(opened.caseId);
      // Each editor changes a different field to a value it does not have yet: the loser's change
      // would show if it were applied.
      const first = { serviceUseStatus: after(USE_STATUSES, before?.serviceUseStatus) };
      const second = { monitoringPeriodMonths: after(PERIODS, before?.monitoringPeriodMonths) };
      const responses = await Promise.all([
        patch(opened.caseId, first, version),
        patch(opened.caseId, second, version),
      ]);
      const statuses = responses.map((response) => response.status);
      outcomes.push(statuses.join('/'));
      expect([...statuses].sort()).toEqual([200, 412]);

      const loser = responses.find((response) => response.status === 412);
      expect(loser?.headers.get('etag')).toBe(`"${version + 1}"`);
      expect(loser?.json.error.code).toBe('version_mismatch');

      const stored = await storedCase(opened.caseId);
      expect(stored?.version).toBe(version + 1);
      const [winnerBody, loserField] =
        statuses[0] === 200 ? [first, 'monitoringPeriodMonths'] : [second, 'serviceUseStatus'];
      expect(stored).toMatchObject(winnerBody);
      expect(stored?.[loserField]).toBe(before?.[loserField]);
    }
    await annotate(`statuses per round (first/second): ${outcomes.join(', ')}`);
  });
});
