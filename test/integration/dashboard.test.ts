import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  addDays,
  addMonths,
  dateOfReachingAge,
  lastDayOfMonth,
  Office,
  todayInJapan,
  type OfficeDashboard,
  type TenantContext,
} from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, demoCases } from '../../services/local/demo-data.ts';
import { writeItems } from '../../services/local/seed.ts';
import { localClient } from '../../services/local/table.ts';
import { CaseRecord, caseItem, putCaseIfVersion } from '../../services/src/data/case-store.ts';
import { officeItem } from '../../services/src/data/directory-store.ts';
import { instrumentClients } from '../../services/src/data/client.ts';
import { officeFigureItems } from '../../services/src/data/office-stats-store.ts';
import { writeTransaction } from '../../services/src/data/transaction.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The core center's dashboard keeps per-office counters in the transactions of the case writes
 * and reads time-dependent figures from key ranges. These tests prove that what it shows equals a
 * recount from the raw case items, that one load costs the same number of DynamoDB requests
 * whatever the caseload, and that no person can be recognised in it.
 */

let api: TestApi;
/** Every DynamoDB request the handlers send, by command name (the one DocumentClient, in-process). */
const requests: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  instrumentClients({
    middleware: (next, context) => async (args) => {
      requests.push(String(context.commandName));
      return next(args);
    },
    options: { step: 'initialize', name: 'dashboardTestRequestCount' },
  });
});
afterAll(async () => {
  await api.stop();
});

const TAKAHASHI = 'takahashi@kibou.example';
const SATO = 'sato@kibou.example';
const SUZUKI = 'suzuki@kibou.example';
const TANAKA = 'tanaka@kibou.example';
const TODAY = todayInJapan();
const caseOf = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;

// ── The recount, stated from the raw items without the services' code ────────

interface Recount {
  activeCases: number;
  specialists: Record<string, number>;
  monitoringOverdue: number;
  monitoringDueThisMonth: number;
  decisionEnding: number;
  decisionExpired: number;
  planCases: number;
  withoutFinalPlan: number;
  selfPlan: number;
  selfPlanByReason: Record<string, number>;
  openDifficult: number;
  openDifficultByCategory: Record<string, number>;
  nearing18: number;
  nearing65: number;
  /** The case ids behind each drill-down figure. */
  lists: Record<string, string[]>;
}

const caseItemsOf = async (tenantId: string) =>
  (await api.allItems()).filter((item) => item.entity === 'case' && item.tenantId === tenantId);

const recount = (items: Record<string, unknown>[], today: string): Map<string, Recount> => {
  const monthEnd = lastDayOfMonth(today.slice(0, 7));
  const horizon = addMonths(today, 6);
  const byOffice = new Map<string, Recount>();
  for (const item of items) {
    const officeId = String(item.officeId);
    const row = byOffice.get(officeId) ?? {
      activeCases: 0,
      specialists: {},
      monitoringOverdue: 0,
      monitoringDueThisMonth: 0,
      decisionEnding: 0,
      decisionExpired: 0,
      planCases: 0,
      withoutFinalPlan: 0,
      selfPlan: 0,
      selfPlanByReason: {},
      openDifficult: 0,
      openDifficultByCategory: {},
      nearing18: 0,
      nearing65: 0,
      lists: {},
    };
    byOffice.set(officeId, row);
    const caseId = String(item.caseId);
    const list = (figure: string) => (row.lists[figure] ??= []).push(caseId);
    const difficulty = item.difficulty as { status: string; categories: string[] } | undefined;
    if (difficulty && difficulty.status !== 'closed') {
      row.openDifficult += 1;
      list('difficult');
      for (const category of new Set(difficulty.categories)) {
        row.openDifficultByCategory[category] = (row.openDifficultByCategory[category] ?? 0) + 1;
      }
    }
    if (item.phase === 'closed') continue;
    row.activeCases += 1;
    list('active');
    const specialist = String(item.specialistUserId);
    row.specialists[specialist] = (row.specialists[specialist] ?? 0) + 1;
    const due = item.nextMonitoringDueOn as string | null;
    if (due && due < today) {
      row.monitoringOverdue += 1;
      list('overdue');
    }
    if (due && due >= today && due <= monthEnd) {
      row.monitoringDueThisMonth += 1;
      list('due');
    }
    // Renewals (支給決定の更新): the decision in force ends within 3 months, or ended before today.
    const validTo = (item.decision as { validTo?: string } | undefined)?.validTo;
    if (validTo && validTo < today) {
      row.decisionExpired += 1;
      list('expired');
    }
    if (validTo && validTo >= today && validTo <= addMonths(today, 3)) {
      row.decisionEnding += 1;
      list('renewal');
    }
    if (item.serviceKind !== 'basic_consultation') {
      row.planCases += 1;
      if (item.planAuthor === 'self_plan') {
        row.selfPlan += 1;
        list('selfPlan');
        const reason = String(item.selfPlanReason);
        row.selfPlanByReason[reason] = (row.selfPlanByReason[reason] ?? 0) + 1;
      } else if (item.currentPlanVersion === undefined) {
        row.withoutFinalPlan += 1;
        list('withoutPlan');
      }
    }
    for (const age of [18, 65] as const) {
      const reachesOn = dateOfReachingAge(String(item.birthDate), age);
      if (reachesOn >= today && reachesOn <= horizon) {
        row[age === 18 ? 'nearing18' : 'nearing65'] += 1;
        list(`nearing${age}`);
      }
    }
  }
  return byOffice;
};

const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));

/** The dashboard row of an office in the recount's terms. */
const shownAsRecount = (row: OfficeDashboard) => ({
  activeCases: row.activeCases,
  specialists: nonZero(Object.fromEntries(row.specialists.map((load) => [load.userId, load.activeCases]))),
  monitoringOverdue: row.monitoringOverdue,
  monitoringDueThisMonth: row.monitoringDueThisMonth,
  decisionEnding: row.decisionEnding,
  decisionExpired: row.decisionExpired,
  planCases: row.planCases,
  withoutFinalPlan: row.withoutFinalPlan,
  selfPlan: row.selfPlan,
  selfPlanByReason: nonZero(row.selfPlanByReason),
  openDifficult: row.openDifficult,
  openDifficultByCategory: nonZero(row.openDifficultByCategory),
  nearing18: row.nearing18,
  nearing65: row.nearing65,
});

const expectDashboardToEqualRecount = async (as: string, tenantId: string) => {
  const response = await api.call('GET', '/api/dashboard', { as });
  expect(response.status).toBe(200);
  const expected = recount(await caseItemsOf(tenantId), response.json.today);
  const officesWithCases = [...expected.keys()].sort();
  expect(
    response.json.offices
      .filter(
        (row: { activeCases: number; openDifficult: number }) => row.activeCases + row.openDifficult > 0,
      )
      .map((row: { officeId: string }) => row.officeId)
      .sort(),
  ).toEqual(officesWithCases);
  for (const row of response.json.offices as OfficeDashboard[]) {
    const counted = expected.get(row.officeId);
    if (!counted) {
      expect(row.activeCases).toBe(0);
      continue;
    }
    const { lists: _lists, ...figures } = counted;
    expect({ officeId: row.officeId, ...shownAsRecount(row) }).toEqual({
      officeId: row.officeId,
      ...figures,
    });
    expect(row.selfPlanRate).toBe(
      row.planCases ? Math.round((row.selfPlan / row.planCases) * 10_000) / 10_000 : null,
    );
  }
  const total = (name: keyof Recount) =>
    [...expected.values()].reduce((sum, row) => sum + (row[name] as number), 0);
  expect(response.json.totals).toMatchObject({
    activeCases: total('activeCases'),
    monitoringOverdue: total('monitoringOverdue'),
    monitoringDueThisMonth: total('monitoringDueThisMonth'),
    decisionEnding: total('decisionEnding'),
    decisionExpired: total('decisionExpired'),
    withoutFinalPlan: total('withoutFinalPlan'),
    selfPlan: total('selfPlan'),
    openDifficult: total('openDifficult'),
    nearing18: total('nearing18'),
    nearing65: total('nearing65'),
  });
  return { response, expected };
};

/** One dashboard load and the DynamoDB requests it made. */
const loadDashboard = async (as = TAKAHASHI) => {
  requests.length = 0;
  const response = await api.call('GET', '/api/dashboard', { as });
  expect(response.status).toBe(200);
  return { response, requests: [...requests] };
};

// ── Writes through the API ────────────────────────────────────────────────────

const stored = async (caseId: string) =>
  (await api.queryPartition(`T#kibougaoka#CASE#${caseId}`)).find((item) => item.sk === 'CASE');
const ifMatch = async (caseId: string) => ({ 'if-match': `"${String((await stored(caseId))?.version)}"` });

const created = async (as: string, overrides: Record<string, unknown>) => {
  const response = await api.call('POST', '/api/cases', { as, body: newCaseBody(overrides) });
  expect(response.status).toBe(201);
  return String(response.json.caseId);
};
const person = (name: string, kana: string, birthDate: string, recipientNumber: string) => ({
  ...newCaseBody().person,
  name,
  kana,
  birthDate,
  recipientNumber,
});
const patch = async (as: string, caseId: string, body: unknown) => {
  const response = await api.call('PATCH', `/api/cases/${caseId}`, {
    as,
    body,
    headers: await ifMatch(caseId),
  });
  expect(response.status).toBe(200);
};
const move = async (as: string, caseId: string, body: unknown) => {
  const response = await api.call('POST', `/api/cases/${caseId}/phase`, {
    as,
    body,
    headers: await ifMatch(caseId),
  });
  expect(response.status).toBe(200);
};
const post = async (as: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await api.call('POST', path, { as, body, headers });
  expect(response.status, path).toBeLessThan(300);
  return response.json;
};

/** A data-layer write, as the difficult-case and sharing routes make it (central case write). */
const rewriteCase = async (caseId: string, change: (record: CaseRecord) => Partial<CaseRecord>) => {
  const previous = CaseRecord.parse(await stored(caseId));
  const record = { ...previous, ...change(previous), version: previous.version + 1 };
  const ctx: TenantContext = {
    tenantId: 'kibougaoka',
    role: 'core_supervisor',
    officeId: 'kibou-core',
    userId: 'user-takahashi',
  };
  await writeTransaction(
    { ctx, requestId: 'dashboard-test', now: new Date() },
    putCaseIfVersion(record, previous),
    [],
  );
};

const planContent = {
  personWishes: '地域で暮らし続けたい',
  overallPolicy: '本人の思いを軸に支援する',
  needs: [
    {
      priority: 1,
      need: '日中の居場所がほしい',
      goal: '週3日通所する',
      services: [{ serviceType: 'daily_life_care', provider: '事業所さくら', amount: '月12日' }],
    },
  ],
};

const DASHBOARD_PERSONS = [
  person('試験 未来', 'シケン ミライ', addDays(addMonths(TODAY, -12 * 18), 40), '5550000001'),
  person('試験 和子', 'シケン カズコ', addDays(addMonths(TODAY, -12 * 65), 75), '5550000002'),
  person('試験 次郎', 'シケン ジロウ', '1985-02-11', '5550000003'),
  person('試験 三郎', 'シケン サブロウ', '1979-09-30', '5550000004'),
];

// ── The tests ─────────────────────────────────────────────────────────────────

let requestsAtDemoSize = 0;

describe('the cross-office dashboard', () => {
  it('shows the seeded demo data as a recount of the raw case items finds it', async () => {
    await expectDashboardToEqualRecount(TAKAHASHI, 'kibougaoka');
    await expectDashboardToEqualRecount('nakamura@hokushin.example', 'hokushin');
  });

  it('reads no case on a load: a fixed number of requests with the demo data', async ({ annotate }) => {
    const { response, requests: made } = await loadDashboard();
    const officesWithOpenCases = response.json.offices.filter(
      (row: { activeCases: number }) => row.activeCases > 0,
    ).length;
    // Offices, staff, every office's counters (due days included, ADR 0026), the milestones of the
    // coming months; and the session check every request makes (one GetItem of the caller's user
    // item, ADR 0017). No due-index Query per office with open cases.
    expect(officesWithOpenCases).toBeGreaterThan(1);
    expect(made.length).toBe(4 + 1);
    expect(made.filter((name) => name !== 'QueryCommand')).toEqual(['GetItemCommand']);
    requestsAtDemoSize = made.length;
    const cases = (await caseItemsOf('kibougaoka')).length;
    const message = `DynamoDB requests per dashboard load, demo data (${cases} cases of 希望が丘市): ${made.length}`;
    console.log(message);
    await annotate(message);
  });

  it('equals a recount of the raw case items after a mixed sequence of real writes', async () => {
    const aozoraBefore = (await api.call('GET', '/api/dashboard', { as: TAKAHASHI })).json.offices.find(
      (row: OfficeDashboard) => row.officeId === 'aozora',
    ) as OfficeDashboard;
    // New cases: a self-plan child nearing 18, an adult nearing 65, one assigned by the manager,
    // a basic consultation at the core center itself.
    const nearing18 = await created(SATO, {
      person: DASHBOARD_PERSONS[0],
      serviceKind: 'child_plan_consultation',
      planAuthor: 'self_plan',
      selfPlanReason: 'no_office_available',
      openedOn: addMonths(TODAY, -3),
    });
    const nearing65 = await created(SUZUKI, { person: DASHBOARD_PERSONS[1], openedOn: addMonths(TODAY, -9) });
    const assigned = await created(TANAKA, { person: DASHBOARD_PERSONS[2], specialistUserId: 'user-suzuki' });
    await created(TAKAHASHI, { person: DASHBOARD_PERSONS[3], serviceKind: 'basic_consultation' });

    // Settings: the specialist changes, a plan becomes a self-plan and another one back.
    await patch(TANAKA, assigned, { specialistUserId: 'user-tanaka' });
    await patch(SUZUKI, caseOf(33), { planAuthor: 'self_plan', selfPlanReason: 'person_wish' });
    const selfPlanned = (await caseItemsOf('kibougaoka')).find(
      (item) => item.officeId === 'aozora' && item.planAuthor === 'self_plan' && item.caseId !== caseOf(33),
    );
    await patch(SUZUKI, String(selfPlanned?.caseId), { planAuthor: 'specialist' });

    // Along the cycle: planning, a final plan, a service decision, a monitoring.
    await move(SUZUKI, nearing65, { to: 'assessment' });
    await move(SUZUKI, nearing65, { to: 'planning' });
    const plan = await post(SUZUKI, `/api/cases/${nearing65}/plans`, planContent);
    await post(
      SUZUKI,
      `/api/cases/${nearing65}/plans/${plan.planVersion}/finalize`,
      { consentOn: TODAY },
      {
        'if-match': `"${plan.version}"`,
      },
    );
    await move(SUZUKI, nearing65, { to: 'implementation' });
    const validFrom = addMonths(`${TODAY.slice(0, 7)}-01`, -6);
    await post(SUZUKI, `/api/cases/${nearing65}/service-decisions`, {
      decidedOn: addDays(validFrom, -10),
      validFrom,
      validTo: addDays(addMonths(validFrom, 12), -1),
      monitoringPeriodMonths: 1,
      intensiveStart: false,
      services: ['生活介護'],
    });
    await post(SATO, `/api/cases/${caseOf(6)}/monitorings`, {
      conductedOn: TODAY,
      kind: 'regular',
      method: 'home_visit',
      progress: [],
      personSatisfaction: '',
      planChangeNeeded: false,
      notes: '',
    });

    // Closing, and the transfer at 18 that closes a child case and opens an adult one elsewhere.
    await move(SATO, caseOf(5), {
      to: 'closed',
      closedOn: TODAY,
      reason: 'moved_away',
      postEvaluation: '転出',
    });
    await post(
      SATO,
      `/api/cases/${caseOf(20)}/transfer-to-adult`,
      { transferOn: TODAY, targetOfficeId: 'aozora' },
      await ifMatch(caseOf(20)),
    );

    // A corrected birth date moves the child's 18th birthday out of the coming six months.
    const child = await stored(nearing18);
    const corrected = await api.call('PATCH', `/api/persons/${String(child?.personId)}`, {
      as: SATO,
      body: { birthDate: addDays(addMonths(TODAY, -12 * 18), 300) },
      headers: { 'if-match': '"1"' },
    });
    expect(corrected.status).toBe(200);

    // Difficult cases and sharing go through the same central case write.
    await rewriteCase(caseOf(30), () => ({
      difficulty: { status: 'escalated', categories: ['abuse', 'poverty'], flaggedOn: TODAY },
    }));
    await rewriteCase(caseOf(31), () => ({
      difficulty: { status: 'accepted', categories: ['eighty_fifty'], flaggedOn: TODAY },
      sharedWithCore: true,
      sharing: { basis: 'escalation', since: TODAY },
    }));
    await rewriteCase(caseOf(2), () => ({
      difficulty: { status: 'closed', categories: ['hikikomori'], flaggedOn: TODAY },
    }));

    const { response } = await expectDashboardToEqualRecount(TAKAHASHI, 'kibougaoka');
    const aozora = response.json.offices.find((row: OfficeDashboard) => row.officeId === 'aozora');
    const categories = aozoraBefore.openDifficultByCategory;
    expect(aozora.openDifficultByCategory).toMatchObject({
      abuse: categories.abuse + 1,
      poverty: categories.poverty + 1,
      eighty_fifty: categories.eighty_fifty + 1,
    });
    expect(aozora.specialists).toContainEqual(expect.objectContaining({ userId: 'user-tanaka' }));
    await expectDashboardToEqualRecount('nakamura@hokushin.example', 'hokushin');
  });

  it('keeps due and overdue exact when a case is closed while due and a monitoring is recorded late', async () => {
    const before = await expectDashboardToEqualRecount(TAKAHASHI, 'kibougaoka');
    const himawariBefore = before.response.json.offices.find(
      (row: OfficeDashboard) => row.officeId === 'himawari',
    ) as OfficeDashboard;
    const overdue = (await caseItemsOf('kibougaoka')).filter(
      (item) =>
        item.officeId === 'himawari' &&
        item.phase !== 'closed' &&
        item.decision !== undefined &&
        typeof item.nextMonitoringDueOn === 'string' &&
        item.nextMonitoringDueOn < TODAY,
    );
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const [late, closedWhileDue] = overdue.map((item) => String(item.caseId));
    // The monitoring recorded late moves the case to its next due day (or off the schedule).
    await post(SATO, `/api/cases/${String(late)}/monitorings`, {
      conductedOn: TODAY,
      kind: 'regular',
      method: 'home_visit',
      progress: [],
      personSatisfaction: '',
      planChangeNeeded: false,
      notes: '',
    });
    expect((await stored(String(late)))?.nextMonitoringDueOn ?? null).not.toBe(
      overdue[0]?.nextMonitoringDueOn,
    );
    await move(SATO, String(closedWhileDue), {
      to: 'closed',
      closedOn: TODAY,
      reason: 'moved_away',
      postEvaluation: '転出',
    });

    const { response, expected } = await expectDashboardToEqualRecount(TAKAHASHI, 'kibougaoka');
    const himawari = response.json.offices.find(
      (row: OfficeDashboard) => row.officeId === 'himawari',
    ) as OfficeDashboard;
    expect(himawari.monitoringOverdue).toBe(himawariBefore.monitoringOverdue - 2);
    expect(himawari.monitoringOverdue).toBe(expected.get('himawari')?.monitoringOverdue);
  });

  it('lists behind every figure exactly the cases the recount finds, a page at a time', async () => {
    const response = await api.call('GET', '/api/dashboard', { as: TAKAHASHI });
    const expected = recount(await caseItemsOf('kibougaoka'), response.json.today);
    const figures = [
      'active',
      'overdue',
      'due',
      'renewal',
      'expired',
      'withoutPlan',
      'selfPlan',
      'difficult',
      'nearing18',
      'nearing65',
    ];
    for (const officeId of ['himawari', 'aozora', 'midori', 'kibou-core']) {
      for (const figure of figures) {
        const listed: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = `?figure=${figure}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await api.call('GET', `/api/dashboard/offices/${officeId}/cases${query}`, {
            as: TAKAHASHI,
          });
          expect(page.status).toBe(200);
          listed.push(...page.json.items.map((item: { caseId: string }) => item.caseId));
          cursor = page.json.nextCursor;
        } while (cursor);
        expect({ officeId, figure, cases: listed.sort() }).toEqual({
          officeId,
          figure,
          cases: (expected.get(officeId)?.lists[figure] ?? []).sort(),
        });
      }
    }
  });

  it('pseudonymises the cases of other offices unless shared with the core center', async () => {
    const items = await caseItemsOf('kibougaoka');
    const shared = new Set(items.filter((item) => item.sharedWithCore === true).map((item) => item.caseId));
    const personOf = new Map(items.map((item) => [item.caseId, item.personId]));
    const page = async (officeId: string) =>
      (
        await api.call('GET', `/api/dashboard/offices/${officeId}/cases?figure=active&limit=100`, {
          as: TAKAHASHI,
        })
      ).json.items as Record<string, unknown>[];
    const offices = { himawari: await page('himawari'), aozora: await page('aozora') };
    const listed = [...offices.himawari, ...offices.aozora];
    expect(listed.some((item) => item.visibility === 'pseudonymised')).toBe(true);
    expect(listed.find((item) => item.caseId === caseOf(31))?.visibility).toBe('full');
    for (const item of listed) {
      expect(item.visibility).toBe(shared.has(item.caseId) ? 'full' : 'pseudonymised');
      if (item.visibility === 'full') continue;
      for (const field of ['personId', 'personName', 'personKana', 'birthDate', 'specialistUserId']) {
        expect(item).not.toHaveProperty(field);
      }
    }
    expect((await page('kibou-core')).every((item) => item.visibility === 'full')).toBe(true);

    // Birth dates are covered by the field check above: as text they could match any other date.
    const unshared = listed.filter((item) => item.visibility === 'pseudonymised');
    const unsharedPersons = new Set(unshared.map((item) => personOf.get(item.caseId)));
    const text = JSON.stringify(unshared);
    for (const { person: demoPerson } of demoCases('kibougaoka', new Date())) {
      if (!unsharedPersons.has(demoPerson.personId)) continue;
      for (const value of [demoPerson.name, demoPerson.kana, demoPerson.recipientNumber]) {
        if (value) expect(text).not.toContain(value);
      }
    }
  });

  it("answers 404 for another tenant's office and 403 for an office worker", async () => {
    const path = '/api/dashboard/offices/hokushin-sakura/cases?figure=active';
    expect((await api.call('GET', path, { as: TAKAHASHI })).status).toBe(404);
    expect(
      (await api.call('GET', '/api/dashboard/offices/himawari/cases?figure=active', { as: SATO })).status,
    ).toBe(403);
    const hokushin = await api.call('GET', '/api/dashboard', { as: 'nakamura@hokushin.example' });
    expect(hokushin.json.offices.map((row: { officeId: string }) => row.officeId).sort()).toEqual([
      'hokushin-core',
      'hokushin-sakura',
    ]);
  });

  it('names no person: no name, kana, birth date or recipient number of anyone seeded or created', async () => {
    const people = [
      ...DEMO_TENANTS.flatMap((tenant) => demoCases(tenant.tenantId, new Date()).map(({ person: p }) => p)),
      ...DASHBOARD_PERSONS,
    ];
    for (const as of [TAKAHASHI, 'nakamura@hokushin.example']) {
      const { text } = await api.call('GET', '/api/dashboard', { as });
      for (const p of people) {
        for (const value of [p.name, p.kana, p.birthDate, p.recipientNumber]) {
          if (value) expect(text).not.toContain(value);
        }
      }
      expect(text).not.toMatch(/personId|personName|birthDate|recipientNumber/);
    }
  });

  it('makes as many requests with ten times the cases, and still equals the recount', async ({
    annotate,
  }) => {
    const existing = (await caseItemsOf('kibougaoka')).map((item) => CaseRecord.parse(item));
    const copies = existing.flatMap((record) =>
      Array.from({ length: 9 }, (_, copy) => ({
        ...record,
        caseId: `${record.caseId}-x${copy + 1}`.slice(0, 64),
        personId: `${record.personId}-x${copy + 1}`.slice(0, 64),
      })),
    );
    const all = [...existing, ...copies];
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint), {
      marshallOptions: { removeUndefinedValues: true },
    });
    // The copies are bulk-loaded like the demo data: case items, then the figures computed from
    // every case of the tenant (the stats items replace the maintained ones).
    await writeItems(documents, api.tableName, [...copies.map(caseItem), ...officeFigureItems(all)]);
    expect((await caseItemsOf('kibougaoka')).length).toBe(existing.length * 10);

    const { requests: made } = await loadDashboard();
    expect(made.length).toBe(requestsAtDemoSize);
    const message = `DynamoDB requests per dashboard load, 10× the cases (${all.length} cases of 希望が丘市): ${made.length}`;
    console.log(message);
    await annotate(message);
    await expectDashboardToEqualRecount(TAKAHASHI, 'kibougaoka');
  });

  it('makes as many requests with ten times the offices, and still equals the recount', async ({
    annotate,
  }) => {
    const { requests: beforeAdding } = await loadDashboard();
    const existing = (await caseItemsOf('kibougaoka')).map((item) => CaseRecord.parse(item));
    const offices = (await api.allItems()).filter(
      (item) => item.entity === 'office' && item.tenantId === 'kibougaoka',
    );
    const {
      pk: _pk,
      sk: _sk,
      entity: _entity,
      tenantId: _tenantId,
      ...himawari
    } = offices.find((item) => item.officeId === 'himawari') ?? {};
    const added = Array.from({ length: offices.length * 9 }, (_, index) => ({
      ...Office.parse(himawari),
      officeId: `added-office-${String(index + 1).padStart(3, '0')}`,
      name: `追加相談支援事業所${index + 1}`,
    }));
    // Each added office holds copies of a few of himawari's cases: due days in every office.
    const dueAtHimawari = existing
      .filter((record) => record.officeId === 'himawari' && record.nextMonitoringDueOn)
      .slice(0, 4);
    const copies = added.flatMap((office) =>
      dueAtHimawari.map((record) => ({
        ...record,
        officeId: office.officeId,
        caseId: `${record.caseId}-${office.officeId}`.slice(0, 64),
        personId: `${record.personId}-${office.officeId}`.slice(0, 64),
      })),
    );
    expect(copies.some((record) => record.nextMonitoringDueOn && record.phase !== 'closed')).toBe(true);
    const documents = DynamoDBDocumentClient.from(localClient(api.stack.dynamoDbEndpoint), {
      marshallOptions: { removeUndefinedValues: true },
    });
    await writeItems(documents, api.tableName, [
      ...added.map((office) => officeItem('kibougaoka', office)),
      ...copies.map(caseItem),
      ...officeFigureItems([...existing, ...copies]),
    ]);

    const { response, requests: made } = await loadDashboard();
    expect(response.json.offices.length).toBeGreaterThanOrEqual(offices.length * 10 - 1);
    expect(made.length).toBe(beforeAdding.length);
    const message = `DynamoDB requests per dashboard load, ${response.json.offices.length} offices of 希望が丘市: ${made.length}`;
    console.log(message);
    await annotate(message);
    await expectDashboardToEqualRecount(TAKAHASHI, 'kibougaoka');
  });
});
