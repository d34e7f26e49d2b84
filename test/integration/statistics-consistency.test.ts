import {
  PLAN_SERVICE_KINDS,
  addDays,
  addMonths,
  fiscalYearMonths,
  fiscalYearOf,
  keys,
  lastDayOfMonth,
  DEFAULT_PLAN_PERIODS,
  planPeriodOf,
  scheduledMonths,
  todayInJapan,
  type FiguresView,
  type IndicatorFigures,
} from '@kikan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANTS, demoCases } from '../../services/local/demo-data.ts';
import { CaseRecord } from '../../services/src/data/case-store.ts';
import {
  parseCounterName,
  statisticsCellsOf,
  type StatisticsCounters,
} from '../../services/src/data/statistics-counters.ts';
import { newCaseBody, startTestApi, type TestApi } from '../support/test-api.ts';

/**
 * The plan-indicator counters are kept by adding each case write's difference in its transaction
 * (ADR 0012). After a mixed sequence of real writes through the API, the stored statistics items
 * must equal a recount of the case items as they are now, and the municipality's figures must show
 * the writes without a single personal detail.
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
const ITO = 'ito@kibou.example';
const TODAY = todayInJapan();
const THIS_MONTH = TODAY.slice(0, 7);
const FISCAL_YEAR = fiscalYearOf(TODAY);
const MONTH_INDEX = fiscalYearMonths(FISCAL_YEAR).indexOf(THIS_MONTH);
const caseOf = (n: number) => `demo-kibougaoka-case-${String(n).padStart(3, '0')}`;

const caseItemsOf = async (tenantId: string) =>
  (await api.allItems()).filter((item) => item.entity === 'case' && item.tenantId === tenantId);
const stored = async (caseId: string) =>
  (await api.queryPartition(keys.caseItem('kibougaoka', caseId).pk)).find((item) => item.sk === 'CASE');
const ifMatch = async (caseId: string) => ({ 'if-match': `"${String((await stored(caseId))?.version)}"` });

const call = async (
  as: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const response = await api.call(method, path, { as, body, headers });
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  return response.json;
};
const created = async (as: string, overrides: Record<string, unknown>) =>
  String((await call(as, 'POST', '/api/cases', newCaseBody(overrides))).caseId);
const patch = async (as: string, caseId: string, body: unknown) =>
  call(as, 'PATCH', `/api/cases/${caseId}`, body, await ifMatch(caseId));
const move = async (as: string, caseId: string, body: unknown) =>
  call(as, 'POST', `/api/cases/${caseId}/phase`, body, await ifMatch(caseId));
const monitor = (as: string, caseId: string, conductedOn: string) =>
  call(as, 'POST', `/api/cases/${caseId}/monitorings`, {
    conductedOn,
    kind: 'regular',
    method: 'home_visit',
    progress: [],
    personSatisfaction: '',
    planChangeNeeded: false,
    notes: '',
  });
const decide = (as: string, caseId: string, validFrom: string, validTo: string) =>
  call(as, 'POST', `/api/cases/${caseId}/service-decisions`, {
    decidedOn: addDays(validFrom, -10) < TODAY ? addDays(validFrom, -10) : TODAY,
    validFrom,
    validTo,
    monitoringPeriodMonths: 3,
    intensiveStart: false,
    services: ['生活介護'],
  });

const figures = async (fiscalYear = FISCAL_YEAR): Promise<FiguresView> => {
  const response = await api.call('GET', `/api/statistics/figures?fiscalYear=${fiscalYear}`, { as: ITO });
  expect(response.status).toBe(200);
  return response.json as FiguresView;
};
const indicatorOf = (view: FiguresView, indicatorId: string): IndicatorFigures => {
  const found = view.figures.indicators.find((indicator) => indicator.indicatorId === indicatorId);
  if (!found) throw new Error(`no indicator ${indicatorId}`);
  return found;
};
const thisMonth = (view: FiguresView, indicatorId: string) =>
  indicatorOf(view, indicatorId).total.months[MONTH_INDEX] ?? 0;

/** Stored counters by `<fiscal year>/<office>`, zeros left out (ADD leaves a counter at 0). */
const storedCounters = async (tenantId: string): Promise<Map<string, StatisticsCounters>> => {
  const years = new Set(
    (await api.allItems())
      .filter((item) => item.entity === 'case_statistics' && item.tenantId === tenantId)
      .map((item) => Number(item.fiscalYear)),
  );
  const byCell = new Map<string, StatisticsCounters>();
  for (const fiscalYear of years) {
    for (const item of await api.queryPartition(keys.caseStatistics(tenantId, fiscalYear).pk)) {
      const counters = Object.fromEntries(
        Object.entries(item).filter(
          ([name, value]) => parseCounterName(name) && typeof value === 'number' && value !== 0,
        ),
      ) as StatisticsCounters;
      if (Object.keys(counters).length) byCell.set(`${fiscalYear}/${String(item.officeId)}`, counters);
    }
  }
  return byCell;
};

const recounted = async (tenantId: string): Promise<Map<string, StatisticsCounters>> => {
  const records = (await caseItemsOf(tenantId)).map((item) => CaseRecord.parse(item));
  return new Map(
    statisticsCellsOf(records).map((cell) => [`${cell.fiscalYear}/${cell.officeId}`, cell.counters]),
  );
};

const expectCountersToEqualRecount = async (tenantId: string) => {
  const expected = await recounted(tenantId);
  expect(expected.size).toBeGreaterThan(0);
  expect(Object.fromEntries(await storedCounters(tenantId))).toEqual(Object.fromEntries(expected));
};

/**
 * 期限内実施率 recounted from the raw records, not the counters (ADR 0024): for each specialist plan
 * of 計画相談・障害児相談, the due months of each decision on the case (up to the next decision's first
 * month, from the month the case opened, with a deadline on or before the closing day) that fall in
 * the year and are over; each met on time when a monitoring record of the case is dated in it.
 */
const recountOnTimeRate = async (tenantId: string, fiscalYear: number) => {
  const items = await api.allItems();
  const monitoredMonths = new Map<string, Set<string>>();
  for (const item of items.filter((entry) => entry.entity === 'monitoring' && entry.tenantId === tenantId)) {
    const months = monitoredMonths.get(String(item.caseId)) ?? new Set<string>();
    months.add(String(item.conductedOn).slice(0, 7));
    monitoredMonths.set(String(item.caseId), months);
  }
  const yearMonths = fiscalYearMonths(fiscalYear).filter((month) => month < THIS_MONTH);
  let due = 0;
  let onTime = 0;
  for (const record of (await caseItemsOf(tenantId)).map((item) => CaseRecord.parse(item))) {
    if (!(PLAN_SERVICE_KINDS as readonly string[]).includes(record.serviceKind)) continue;
    if (record.planAuthor !== 'specialist') continue;
    const decisions = [...(record.decisionHistory ?? []), ...(record.decision ? [record.decision] : [])];
    const months = new Set<string>();
    decisions.forEach((decision, index) => {
      if (decision.periodMonths === undefined) return;
      const nextStarts = decisions.slice(index + 1).map((later) => later.validFrom.slice(0, 7));
      for (const month of scheduledMonths({
        ...decision,
        periodMonths: decision.periodMonths,
        intensiveStart: decision.intensiveStart ?? false,
      })) {
        if (nextStarts.some((start) => month >= start)) continue;
        if (month < record.openedOn.slice(0, 7)) continue;
        if (record.closedOn && lastDayOfMonth(month) > record.closedOn) continue;
        if (yearMonths.includes(month)) months.add(month);
      }
    });
    for (const month of months) {
      due += 1;
      if (monitoredMonths.get(record.caseId)?.has(month)) onTime += 1;
    }
  }
  return { due, onTime };
};

/**
 * 協議会の参加事業者・機関数 recounted from the stored events: the offices taking part and the
 * organisations named, once each over the year (a name that is an office's is that office), plus
 * the unnamed ones of each session.
 */
const recountCouncilParticipants = async (tenantId: string, fiscalYear: number) => {
  const items = await api.allItems();
  const officeIdByName = new Map(
    items
      .filter((item) => item.entity === 'office' && item.tenantId === tenantId)
      .map((item) => [String(item.name).normalize('NFKC').replace(/\s+/gu, ''), String(item.officeId)]),
  );
  const sessions = items.filter(
    (item) =>
      item.entity === 'ledger_event' &&
      item.pk === keys.ledgerEvent(tenantId, String(item.eventId)).pk &&
      item.kind === 'council_session' &&
      item.fiscalYear === fiscalYear,
  );
  const participants = new Set<string>();
  let unnamed = 0;
  for (const session of sessions) {
    for (const officeId of session.officeIds as string[]) participants.add(officeId);
    for (const name of session.organisations as string[]) {
      const key = name.normalize('NFKC').replace(/\s+/gu, '');
      participants.add(officeIdByName.get(key) ?? `name:${key}`);
    }
    unnamed += Number(session.unnamedOrganisationCount ?? 0);
  }
  return { sessions: sessions.length, participants: participants.size, unnamed };
};

const person = (name: string, kana: string, birthDate: string, recipientNumber: string) => ({
  ...newCaseBody().person,
  name,
  kana,
  birthDate,
  recipientNumber,
});
const STATISTICS_PERSONS = [
  person('統計 一郎', 'トウケイ イチロウ', '1970-08-12', '5560000001'),
  person('統計 若葉', 'トウケイ ワカバ', addDays(addMonths(TODAY, -12 * 17), -20), '5560000002'),
];

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

describe('the plan-indicator counters', () => {
  it('equal a recount of the seeded case items', async () => {
    await expectCountersToEqualRecount('kibougaoka');
    await expectCountersToEqualRecount('hokushin');
  });

  it('count a paused, late monitoring as a user of the month, meeting no due month on time', async () => {
    const before = await figures();
    // A plan case of ひまわり or あおぞら already overdue, with no billable act yet this month.
    const overdue = (await caseItemsOf('kibougaoka'))
      .map((item) => CaseRecord.parse(item))
      .find(
        (record) =>
          ['himawari', 'aozora'].includes(record.officeId) &&
          ['plan_consultation', 'child_plan_consultation'].includes(record.serviceKind) &&
          record.phase !== 'closed' &&
          record.nextMonitoringDueOn !== null &&
          record.nextMonitoringDueOn < TODAY &&
          !record.activity?.[THIS_MONTH] &&
          ![caseOf(5), caseOf(20), caseOf(33)].includes(record.caseId),
      );
    expect(overdue, 'an overdue plan case without an act this month in the demo data').toBeDefined();
    const caseId = String(overdue?.caseId);
    const as = overdue?.officeId === 'himawari' ? SATO : SUZUKI;
    const users = `${String(overdue?.serviceKind)}_users`;

    await patch(as, caseId, { serviceUseStatus: 'paused' });
    await monitor(as, caseId, TODAY);

    const after = await figures();
    expect(thisMonth(after, users)).toBe(thisMonth(before, users) + 1);
    // ADR 0024: the month it was due stays due and unmet (its deadline has passed), and this month,
    // due or not, is not over: the rate's counts do not move. Counting monitorings done, it fell.
    const rate = (view: FiguresView) => indicatorOf(view, 'monitoring_on_time_rate').total;
    expect(rate(after).denominator).toBe(rate(before).denominator);
    expect(rate(after).numerator).toBe(rate(before).numerator);
    const overdueMonth = String(overdue?.nextMonitoringDueOn).slice(0, 7);
    expect(
      Object.keys(
        (await recounted('kibougaoka')).get(`${fiscalYearOf(`${overdueMonth}-01`)}/${overdue?.officeId}`) ??
          {},
      ),
    ).toContain(`monitoringsDue|${String(overdue?.municipalityCode)}|${overdueMonth}`);
    expect((await stored(caseId))?.activity).toMatchObject({
      [THIS_MONTH]: { monitorings: 1, monitoringsOnTime: 0 },
    });
    await expectCountersToEqualRecount('kibougaoka');
  });

  it('count a difficult case flagged today in this month and its categories', async () => {
    const before = await figures();
    const unflagged = (await caseItemsOf('kibougaoka')).find(
      (item) =>
        item.officeId === 'himawari' &&
        item.phase !== 'closed' &&
        item.difficulty === undefined &&
        ![caseOf(5), caseOf(20)].includes(String(item.caseId)),
    );
    const caseId = String(unflagged?.caseId);

    await call(
      SATO,
      'POST',
      `/api/cases/${caseId}/difficulty`,
      { categories: ['young_carer', 'poverty'], note: '家族全体の支援が必要' },
      await ifMatch(caseId),
    );

    const after = await figures();
    expect(thisMonth(after, 'difficult_cases')).toBe(thisMonth(before, 'difficult_cases') + 1);
    const category = (view: FiguresView, key: string) =>
      indicatorOf(view, 'difficult_cases').breakdown.find((row) => row.key === key)?.value ?? 0;
    expect(category(after, 'young_carer')).toBe(category(before, 'young_carer') + 1);
    expect(category(after, 'poverty')).toBe(category(before, 'poverty') + 1);
  });

  it('equal a recount after a mixed sequence of real writes', async () => {
    // A new adult case through the cycle: a decision, its renewal, a final plan, a monitoring on time.
    const adult = await created(SATO, { person: STATISTICS_PERSONS[0], openedOn: addMonths(TODAY, -3) });
    const firstMonth = `${addMonths(TODAY, -3).slice(0, 7)}-01`;
    const renewalFrom = `${THIS_MONTH}-01`;
    await decide(SATO, adult, firstMonth, addDays(renewalFrom, -1));
    await decide(SATO, adult, renewalFrom, addDays(addMonths(renewalFrom, 12), -1));
    // The replaced decision keeps its schedule: the monitorings due under it keep counting (ADR 0024).
    expect((await stored(adult))?.decisionHistory).toEqual([
      { validFrom: firstMonth, validTo: addDays(renewalFrom, -1), periodMonths: 3, intensiveStart: false },
    ]);
    await move(SATO, adult, { to: 'assessment' });
    await move(SATO, adult, { to: 'planning' });
    const plan = await call(SATO, 'POST', `/api/cases/${adult}/plans`, planContent);
    await call(
      SATO,
      'POST',
      `/api/cases/${adult}/plans/${String(plan.planVersion)}/finalize`,
      { consentOn: TODAY },
      { 'if-match': `"${String(plan.version)}"` },
    );
    await move(SATO, adult, { to: 'implementation' });
    await monitor(SATO, adult, TODAY);

    // A child's self-plan for want of an office, at another office; then a specialist plan back.
    const child = await created(SUZUKI, {
      person: STATISTICS_PERSONS[1],
      serviceKind: 'child_plan_consultation',
      planAuthor: 'self_plan',
      selfPlanReason: 'no_office_available',
      openedOn: addMonths(TODAY, -1),
    });
    await decide(SUZUKI, child, `${THIS_MONTH}-01`, addDays(addMonths(`${THIS_MONTH}-01`, 6), -1));
    await patch(SUZUKI, caseOf(33), { planAuthor: 'self_plan', selfPlanReason: 'person_wish' });
    await patch(SUZUKI, child, { planAuthor: 'specialist' });

    // Closing, and the transfer at 18 that closes a child case and opens an adult one elsewhere.
    await move(SATO, caseOf(5), {
      to: 'closed',
      closedOn: TODAY,
      reason: 'moved_away',
      postEvaluation: '転出',
    });
    await call(
      SATO,
      'POST',
      `/api/cases/${caseOf(20)}/transfer-to-adult`,
      { transferOn: TODAY, targetOfficeId: 'aozora' },
      await ifMatch(caseOf(20)),
    );

    await expectCountersToEqualRecount('kibougaoka');
    await expectCountersToEqualRecount('hokushin');
    const adultCounters = [...(await recounted('kibougaoka'))]
      .filter(([cell]) => cell.endsWith('/himawari'))
      .flatMap(([, counters]) => Object.keys(counters));
    expect(adultCounters).toContain(`users:plan_consultation|990001|${THIS_MONTH}`);
  });
});

describe('the figures the municipal officer reads', () => {
  const YEARS = [FISCAL_YEAR - 1, FISCAL_YEAR].filter((year) => planPeriodOf(DEFAULT_PLAN_PERIODS, year));

  it.each(YEARS)(
    'give 期限内実施率 of %i as the due months met on time over those that fell due, recounted from the records',
    async (fiscalYear) => {
      const { due, onTime } = await recountOnTimeRate('kibougaoka', fiscalYear);
      const rate = indicatorOf(await figures(fiscalYear), 'monitoring_on_time_rate').total;

      expect(due).toBeGreaterThan(0);
      expect({ numerator: rate.numerator, denominator: rate.denominator }).toEqual({
        numerator: onTime,
        denominator: due,
      });
      // The demo data skips and delays some monitorings (demo-data.ts demoMonitorings).
      expect(onTime).toBeLessThan(due);
    },
  );

  it.each(YEARS)(
    'give the council participants of %i as the offices and organisations, each once, plus the unnamed',
    async (fiscalYear) => {
      const { sessions, participants, unnamed } = await recountCouncilParticipants('kibougaoka', fiscalYear);
      const organisations = indicatorOf(await figures(fiscalYear), 'council_organisations').total;

      expect(organisations.value).toBe(participants + unnamed);
      // Seeded sessions name the city's division both as an office taking part and by name.
      if (sessions > 0) expect(participants).toBeGreaterThan(0);
    },
  );

  it('name no case and no person of the seeded demo or created here', async () => {
    const response = await api.call('GET', `/api/statistics/figures?fiscalYear=${FISCAL_YEAR}`, { as: ITO });
    expect(response.status).toBe(200);
    const caseIds = (await caseItemsOf('kibougaoka')).map((item) => String(item.caseId));
    expect(caseIds.length).toBeGreaterThan(20);
    const people = [
      ...DEMO_TENANTS.flatMap((tenant) => demoCases(tenant.tenantId, new Date()).map(({ person: p }) => p)),
      ...STATISTICS_PERSONS,
    ];
    const secrets = [
      ...caseIds,
      ...people.flatMap((p) => [p.name, p.kana, p.recipientNumber ?? '']).filter((value) => value),
    ];
    for (const secret of secrets) expect(response.text).not.toContain(secret);
    expect(response.text).not.toMatch(/caseId|personId|personName|kana|recipientNumber|birthDate/);
  });

  it('refuses the municipal officer the case list and a case (403)', async () => {
    expect((await api.call('GET', '/api/cases', { as: ITO })).status).toBe(403);
    expect((await api.call('GET', `/api/cases/${caseOf(1)}`, { as: ITO })).status).toBe(403);
  });
});
