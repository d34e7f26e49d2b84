import { addDays, addMonths, keys, lastDayOfMonth, todayInJapan } from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AOZORA_CASE, HOKUSHIN_CASE } from '../support/personas.ts';
import { newCaseBody, startTestApi, type ApiResponse, type TestApi } from '../support/test-api.ts';
import { expectOnlyDenials } from '../support/refusal.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.stop();
});

const SATO = 'sato@kibou.example';
const today = () => todayInJapan();
const thisMonth = () => today().slice(0, 7);
const nextMonth = () => addMonths(`${thisMonth()}-01`, 1).slice(0, 7);

/** A case opened eight months ago at Sato's office, so dates in the past months are valid. */
const openCase = async () => {
  const created = await api.call('POST', '/api/cases', {
    as: SATO,
    body: newCaseBody({ openedOn: addMonths(today(), -8) }),
  });
  expect(created.status).toBe(201);
  return created.json;
};

/** Monthly monitoring from a decision that started six months ago: the case is overdue at once. */
const overdueDecision = () => {
  const validFrom = addMonths(`${thisMonth()}-01`, -6);
  return {
    decidedOn: addDays(validFrom, -10),
    validFrom,
    validTo: addDays(addMonths(validFrom, 12), -1),
    monitoringPeriodMonths: 1,
    intensiveStart: false,
    services: ['生活介護'],
  };
};

const monitoring = (overrides: Record<string, unknown> = {}) => ({
  conductedOn: today(),
  kind: 'regular',
  method: 'home_visit',
  progress: [
    {
      goal: '日中活動に週4日通う',
      progress: '週3日は通えている',
      achieved: 'partly',
      changeServiceKind: false,
      changeServiceAmount: false,
      changeWeeklySchedule: false,
    },
  ],
  personSatisfaction: '作業が楽しいと話す',
  planChangeNeeded: false,
  notes: '',
  ...overrides,
});

const decide = (caseId: string, body: unknown, headers: Record<string, string> = {}, as = SATO) =>
  api.call('POST', `/api/cases/${caseId}/service-decisions`, { as, body, headers });
const monitor = (caseId: string, body: unknown, headers: Record<string, string> = {}, as = SATO) =>
  api.call('POST', `/api/cases/${caseId}/monitorings`, { as, body, headers });

const recordsOf = async (caseId: string, kind: string) =>
  (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).filter((item) =>
    String(item.sk).startsWith(`${kind}#`),
  );
const storedCase = async (caseId: string) =>
  (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).find((item) => item.sk === 'CASE');

const dueList = async (query: string, as = SATO) => {
  const response = await api.call('GET', `/api/monitoring/due${query}`, { as });
  expect(response.status).toBe(200);
  return response.json;
};
const idsOf = (items: { caseId: string }[]) => items.map((item) => item.caseId);

describe('service decisions (支給決定)', () => {
  it('stores the decision and sets the schedule on the case in one go', async () => {
    const opened = await openCase();
    const decision = overdueDecision();
    const response = await decide(opened.caseId, decision);
    expect(response.status).toBe(201);
    expect(response.json.decision).toMatchObject({
      ...decision,
      caseId: opened.caseId,
      createdBy: 'user-sato',
    });
    const firstDue = lastDayOfMonth(addMonths(decision.validFrom, 1).slice(0, 7));
    expect(response.json.case).toMatchObject({
      monitoringPeriodMonths: 1,
      nextMonitoringDueOn: firstDue,
      monitoringOverdue: true,
      version: 2,
    });
    expect(await recordsOf(opened.caseId, 'DECISION')).toHaveLength(1);
    expect(await storedCase(opened.caseId)).toMatchObject({
      decision: { validFrom: decision.validFrom, periodMonths: 1, intensiveStart: false },
      nextMonitoringDueOn: firstDue,
      gsi3sk: `${firstDue}#${opened.caseId}`,
    });
  });

  it('stores one decision for a retried Idempotency-Key and answers the retry with the first response', async () => {
    const opened = await openCase();
    const headers = { 'idempotency-key': `decision-${opened.caseId}` };
    const first = await decide(opened.caseId, overdueDecision(), headers);
    const retry = await decide(opened.caseId, overdueDecision(), headers);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(await recordsOf(opened.caseId, 'DECISION')).toHaveLength(1);
  });

  it('refuses a validity that ends before it starts (400 on body.validTo), writing nothing', async () => {
    const opened = await openCase();
    const count = (await api.allItems()).length;
    const response = await decide(opened.caseId, { ...overdueDecision(), validTo: addMonths(today(), -7) });
    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.validTo']);
    expect((await api.allItems()).length).toBe(count);
  });

  it('refuses a decision dated in the future (400 on body.decidedOn)', async () => {
    const opened = await openCase();
    const response = await decide(opened.caseId, { ...overdueDecision(), decidedOn: addDays(today(), 1) });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0]).toEqual({
      field: 'body.decidedOn',
      message: '決定日に未来の日付は指定できません',
    });
  });

  it.each([
    ['another office', AOZORA_CASE, SATO],
    ['another tenant', HOKUSHIN_CASE, SATO],
    ['an office, asked by the core center', 'demo-kibougaoka-case-001', 'takahashi@kibou.example'],
  ])('answers 404 for a case of %s, and writes nothing', async (label, caseId, as) => {
    const before = await api.allItems();
    expect((await decide(caseId, overdueDecision(), {}, as)).status).toBe(404);
    await expectOnlyDenials(api, before, label === 'another tenant' ? 0 : 1);
  });
});

describe('monitorings', () => {
  it('stores the monitoring and moves the case on, leaving the phase alone', async () => {
    const opened = await openCase();
    await decide(opened.caseId, overdueDecision());
    const response = await monitor(opened.caseId, monitoring({ planChangeNeeded: true }));
    expect(response.status).toBe(201);
    expect(response.json.planReviewNeeded).toBe(true);
    expect(response.json.monitoring).toMatchObject({ conductedOn: today(), planChangeNeeded: true });
    expect(response.json.case).toMatchObject({
      phase: 'intake',
      lastMonitoringOn: today(),
      nextMonitoringDueOn: lastDayOfMonth(nextMonth()),
      monitoringOverdue: false,
      version: 3,
    });
    const [stored] = await recordsOf(opened.caseId, 'MONITORING');
    expect(stored?.sk).toBe(`MONITORING#${today()}#${response.json.monitoring.recordId}`);
  });

  it('says when no plan review is needed', async () => {
    const opened = await openCase();
    const response = await monitor(opened.caseId, monitoring());
    expect(response.status).toBe(201);
    expect(response.json.planReviewNeeded).toBe(false);
    // No decision yet: nothing to schedule.
    expect(response.json.case.nextMonitoringDueOn).toBeNull();
  });

  it('never moves the latest monitoring back for one entered late', async () => {
    const opened = await openCase();
    await monitor(opened.caseId, monitoring());
    const late = await monitor(opened.caseId, monitoring({ conductedOn: addMonths(today(), -2) }));
    expect(late.status).toBe(201);
    expect(late.json.case.lastMonitoringOn).toBe(today());
  });

  it.each([
    [
      'before the case opened',
      () => addMonths(today(), -9),
      'モニタリング実施日はケースの開始日以降にしてください',
    ],
    ['in the future', () => addDays(today(), 1), 'モニタリング実施日に未来の日付は指定できません'],
  ])('refuses a date %s (400 on body.conductedOn), writing nothing', async (_label, date, message) => {
    const opened = await openCase();
    const count = (await api.allItems()).length;
    const response = await monitor(opened.caseId, monitoring({ conductedOn: date() }));
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual([{ field: 'body.conductedOn', message }]);
    expect((await api.allItems()).length).toBe(count);
  });

  it('refuses unknown and server-owned fields (400)', async () => {
    const opened = await openCase();
    const response = await monitor(opened.caseId, {
      ...monitoring(),
      recordId: 'chosen-by-client',
      nextDueOn: today(),
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'body.nextDueOn',
      'body.recordId',
    ]);
  });

  it('stores one monitoring for a retried Idempotency-Key, and refuses the key with another body (422)', async () => {
    const opened = await openCase();
    const headers = { 'idempotency-key': `monitoring-${opened.caseId}` };
    const first = await monitor(opened.caseId, monitoring(), headers);
    const retry = await monitor(opened.caseId, monitoring(), headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    const other = await monitor(opened.caseId, monitoring({ notes: '別の内容' }), headers);
    expect(other.status).toBe(422);
    expect(await recordsOf(opened.caseId, 'MONITORING')).toHaveLength(1);
  });

  it('refuses a monitoring of a closed case (409)', async () => {
    const opened = await openCase();
    await api.call('POST', `/api/cases/${opened.caseId}/phase`, {
      as: SATO,
      body: { to: 'closed', closedOn: today(), reason: 'moved_away', postEvaluation: '転出' },
      headers: { 'if-match': '"1"' },
    });
    const response = await monitor(opened.caseId, monitoring());
    expect(response.status).toBe(409);
  });

  it.each([
    ['another office', AOZORA_CASE, SATO],
    ['another tenant', HOKUSHIN_CASE, SATO],
    ['an office, asked by the core center', 'demo-kibougaoka-case-001', 'takahashi@kibou.example'],
  ])('answers 404 for a case of %s, and writes nothing', async (label, caseId, as) => {
    const before = await api.allItems();
    expect((await monitor(caseId, monitoring(), {}, as)).status).toBe(404);
    await expectOnlyDenials(api, before, label === 'another tenant' ? 0 : 1);
  });

  it('refuses municipal officers and tenant admins (403)', async () => {
    const opened = await openCase();
    for (const as of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await monitor(opened.caseId, monitoring(), {}, as)).status).toBe(403);
      expect((await decide(opened.caseId, overdueDecision(), {}, as)).status).toBe(403);
    }
  });
});

describe('concurrent monitorings of one case', () => {
  const WRITERS = 10;
  const MAX_ATTEMPTS = 20;

  /** What a client does on 409/412: send the same request again, same Idempotency-Key. */
  const sendUntilSettled = async (caseId: string, body: unknown, key: string) => {
    const statuses: number[] = [];
    let response: ApiResponse;
    do {
      response = await monitor(caseId, body, { 'idempotency-key': key });
      statuses.push(response.status);
    } while ((response.status === 409 || response.status === 412) && statuses.length < MAX_ATTEMPTS);
    return { response, statuses };
  };

  it(`records all ${WRITERS} monitorings sent at once, once each, and keeps the latest date`, async ({
    annotate,
  }) => {
    const opened = await openCase();
    await decide(opened.caseId, overdueDecision());
    const dates = Array.from({ length: WRITERS }, (_, index) => addDays(today(), -7 * index));
    const results = await Promise.all(
      dates.map((conductedOn, index) =>
        sendUntilSettled(opened.caseId, monitoring({ conductedOn }), `concurrent-${opened.caseId}-${index}`),
      ),
    );

    const created = results.filter(({ response }) => response.status === 201);
    expect(created).toHaveLength(WRITERS);
    const stored = await recordsOf(opened.caseId, 'MONITORING');
    expect(stored).toHaveLength(created.length);
    expect(new Set(stored.map((item) => item.recordId))).toEqual(
      new Set(created.map(({ response }) => response.json.monitoring.recordId)),
    );
    const finalCase = await storedCase(opened.caseId);
    expect(finalCase).toMatchObject({
      lastMonitoringOn: today(),
      nextMonitoringDueOn: lastDayOfMonth(nextMonth()),
      // Created at 1, the decision made it 2, then one version per monitoring.
      version: 2 + WRITERS,
    });

    const attempts = results.flatMap(({ statuses }) => statuses);
    const count = (status: number) => attempts.filter((value) => value === status).length;
    await annotate(
      `${WRITERS} writers, ${attempts.length} requests: ${count(201)}×201, ${count(409)}×409, ${count(412)}×412`,
    );
  });
});

describe('due lists', () => {
  it("moves a case out of the overdue list once it is monitored, into the next month's", async () => {
    const opened = await openCase();
    await decide(opened.caseId, overdueDecision());
    const before = await dueList('?scope=mine');
    expect(idsOf(before.overdue)).toContain(opened.caseId);
    expect(idsOf(before.dueThisMonth)).not.toContain(opened.caseId);

    expect((await monitor(opened.caseId, monitoring())).status).toBe(201);

    const after = await dueList('?scope=mine');
    expect(idsOf(after.overdue)).not.toContain(opened.caseId);
    expect(idsOf(after.dueThisMonth)).not.toContain(opened.caseId);
    const following = await dueList(`?scope=mine&month=${nextMonth()}`);
    expect(idsOf(following.dueThisMonth)).toContain(opened.caseId);
    expect(following.month).toBe(nextMonth());
  });

  it('keeps a paused case on the list: paused service use is still monitored', async () => {
    const opened = await openCase();
    await decide(opened.caseId, overdueDecision());
    const paused = await api.call('PATCH', `/api/cases/${opened.caseId}`, {
      as: SATO,
      body: { serviceUseStatus: 'paused' },
      headers: { 'if-match': '"2"' },
    });
    expect(paused.json).toMatchObject({ serviceUseStatus: 'paused', monitoringOverdue: true });
    expect(idsOf((await dueList('?scope=mine')).overdue)).toContain(opened.caseId);
    const monitored = await monitor(opened.caseId, monitoring());
    expect(monitored.json.case.nextMonitoringDueOn).toBe(lastDayOfMonth(nextMonth()));
  });

  it('drops a closed case from the list', async () => {
    const opened = await openCase();
    await decide(opened.caseId, overdueDecision());
    await api.call('POST', `/api/cases/${opened.caseId}/phase`, {
      as: SATO,
      body: { to: 'closed', closedOn: today(), reason: 'other', postEvaluation: '終結' },
      headers: { 'if-match': '"2"' },
    });
    expect(idsOf((await dueList('?scope=office')).overdue)).not.toContain(opened.caseId);
  });

  it("splits by today and the month's end, and lists only the caller's office", async () => {
    const list = await dueList('?scope=office', 'tanaka@kibou.example');
    expect(list).toMatchObject({ scope: 'office', month: thisMonth(), today: today(), truncated: false });
    expect(list.overdue.length + list.dueThisMonth.length).toBeGreaterThan(0);
    for (const item of list.overdue) expect(item.nextMonitoringDueOn < today()).toBe(true);
    for (const item of list.dueThisMonth) {
      expect(item.nextMonitoringDueOn >= today()).toBe(true);
      expect(item.nextMonitoringDueOn <= lastDayOfMonth(thisMonth())).toBe(true);
    }
    for (const item of [...list.overdue, ...list.dueThisMonth]) {
      expect(item).toMatchObject({ officeId: 'aozora', visibility: 'full' });
      expect(item.phase).not.toBe('closed');
    }
  });

  it("narrows to the caller's own cases with scope=mine", async () => {
    const office = await dueList('?scope=office&month=2099-12', 'tanaka@kibou.example');
    const mine = await dueList('?scope=mine&month=2099-12', 'tanaka@kibou.example');
    const all = [...office.overdue, ...office.dueThisMonth];
    expect(new Set(all.map((item: { specialistUserId: string }) => item.specialistUserId))).toEqual(
      new Set(['user-tanaka', 'user-suzuki']),
    );
    const own = [...mine.overdue, ...mine.dueThisMonth];
    expect(own.length).toBeGreaterThan(0);
    expect(idsOf(own).sort()).toEqual(
      idsOf(
        all.filter((item: { specialistUserId: string }) => item.specialistUserId === 'user-tanaka'),
      ).sort(),
    );
  });

  it("shows the core center its own office's cases only, in this issue", async () => {
    const list = await dueList('?scope=office&month=2099-12', 'takahashi@kibou.example');
    expect(list.overdue.length + list.dueThisMonth.length).toBeGreaterThan(0);
    for (const item of [...list.overdue, ...list.dueThisMonth]) expect(item.officeId).toBe('kibou-core');
  });

  it.each([
    ['a malformed month', '?month=2026-13', 'query.month'],
    ['an unknown scope', '?scope=tenant', 'query.scope'],
    ['a tenant in the query', '?tenantId=hokushin', 'query.tenantId'],
  ])('refuses %s (400)', async (_label, query, field) => {
    const response = await api.call('GET', `/api/monitoring/due${query}`, { as: SATO });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].field).toBe(field);
  });

  it('refuses municipal officers and tenant admins (403)', async () => {
    for (const as of ['ito@kibou.example', 'admin@kibou.example']) {
      expect((await api.call('GET', '/api/monitoring/due', { as })).status).toBe(403);
    }
  });
});
