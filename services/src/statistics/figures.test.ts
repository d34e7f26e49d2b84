import {
  achievementOf,
  defaultPlanPeriod,
  type FiscalYearFigures,
  type IndicatorFigures,
  type ServiceUseStatus,
  type StatisticsSettings,
} from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  statisticsCellsOf,
  type StatisticsCase,
  type StatisticsCounters,
} from '../data/statistics-counters.ts';
import { computeFigures, subcommitteeName, type FigureFacts, type FigureLedgerEvent } from './figures.ts';
import { figuresForOffice } from './office-scope.ts';

/**
 * A joint core center (共同設置) of two member municipalities with three offices, its cases written
 * by hand, and every expected figure worked out by hand from ADR 0012's definitions, with the
 * arithmetic beside it. Month index 0 = April 2025 … 11 = March 2026 (fiscal year 2025).
 */

const NORTH = '990011';
const SOUTH = '990012';

type CaseFixture = StatisticsCase & { label: string; serviceUseStatus: ServiceUseStatus };

const fixture = (fields: Partial<CaseFixture> & Pick<CaseFixture, 'label' | 'officeId'>): CaseFixture => ({
  tenantId: 'joint',
  municipalityCode: NORTH,
  birthDate: '1975-05-05',
  openedOn: '2025-04-01',
  phase: 'monitoring',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  serviceUseStatus: 'using',
  ...fields,
});

const act = (monitorings: number, monitoringsOnTime: number, plansFinalised = 0) => ({
  monitorings,
  monitoringsOnTime,
  plansFinalised,
});
const WHOLE_FY2025 = { validFrom: '2025-04-01', validTo: '2026-03-31' };

const CASES: CaseFixture[] = [
  // P1: plan made final in April; quarterly from March (due Jun, Sep, Dec, Mar), monitored Jun, Sep
  // and Mar, December skipped; flagged difficult (abuse) in Sep.
  fixture({
    label: 'P1',
    officeId: 'east',
    decision: { validFrom: '2025-03-01', validTo: '2026-03-31', periodMonths: 3, intensiveStart: false },
    activity: { '2025-04': act(0, 0, 1), '2025-06': act(1, 1), '2025-09': act(1, 1), '2026-03': act(1, 1) },
    difficulty: { categories: ['abuse'], flaggedOn: '2025-09-01' },
  }),
  // P2: a self-plan for want of an office (のぞまないセルフプラン), decided May 2025 – Apr 2026; born
  // 1961-04-02, 65 on 2026-04-01 (next year). A self-plan has no monitoring by the office: nothing
  // falls due, whatever the decision's period.
  fixture({
    label: 'P2',
    officeId: 'east',
    municipalityCode: SOUTH,
    birthDate: '1961-04-02',
    openedOn: '2025-05-10',
    phase: 'implementation',
    planAuthor: 'self_plan',
    selfPlanReason: 'no_office_available',
    decision: { validFrom: '2025-05-01', validTo: '2026-04-30', periodMonths: 3, intensiveStart: false },
  }),
  // P3: service use paused, still monitored; every 4 months from April (due Aug, Dec), monitored in
  // both and once more in May (a monitoring no due month asks for); renewed from a decision replaced
  // before decisions kept their schedule (no due months); 65 on 2026-05-31.
  fixture({
    label: 'P3',
    officeId: 'west',
    municipalityCode: SOUTH,
    birthDate: '1961-06-01',
    openedOn: '2024-10-01',
    serviceUseStatus: 'paused',
    decisionHistory: [{ validFrom: '2024-10-01', validTo: '2025-03-31' }],
    decision: { ...WHOLE_FY2025, periodMonths: 4, intensiveStart: false },
    activity: { '2025-05': act(1, 0), '2025-08': act(1, 1), '2025-12': act(1, 1) },
  }),
  // C1: a child's self-plan by the family's wish, decided Apr – Sep 2025.
  fixture({
    label: 'C1',
    officeId: 'west',
    birthDate: '2015-08-08',
    phase: 'implementation',
    serviceKind: 'child_plan_consultation',
    planAuthor: 'self_plan',
    selfPlanReason: 'family_wish',
    decision: { validFrom: '2025-04-01', validTo: '2025-09-30' },
  }),
  // C2: born 2008-04-02, 18 on 2026-04-01 (next year); quarterly (due Jul, Oct, Jan), monitored Jul,
  // Jan, Feb, Mar: October skipped.
  fixture({
    label: 'C2',
    officeId: 'east',
    birthDate: '2008-04-02',
    openedOn: '2020-04-01',
    serviceKind: 'child_plan_consultation',
    decision: { ...WHOLE_FY2025, periodMonths: 3, intensiveStart: false },
    activity: { '2025-07': act(1, 1), '2026-01': act(1, 1), '2026-02': act(1, 1), '2026-03': act(1, 1) },
  }),
  // C3: born 2008-04-01, 18 on 2026-03-31 by 年齢計算ニ関スル法律 (this year, not next); every 4
  // months (due Aug, Dec); plan and August's monitoring late in Sep; December skipped.
  fixture({
    label: 'C3',
    officeId: 'west',
    municipalityCode: SOUTH,
    birthDate: '2008-04-01',
    openedOn: '2019-05-01',
    serviceKind: 'child_plan_consultation',
    decision: { ...WHOLE_FY2025, periodMonths: 4, intensiveStart: false },
    activity: { '2025-09': act(1, 0, 1) },
  }),
  // T1: 地域移行支援 decided Jun – Nov 2025.
  fixture({
    label: 'T1',
    officeId: 'west',
    municipalityCode: SOUTH,
    birthDate: '1980-01-01',
    openedOn: '2025-06-01',
    phase: 'implementation',
    serviceKind: 'community_transition',
    decision: { validFrom: '2025-06-01', validTo: '2025-11-30' },
  }),
  // T2: 地域移行支援 decided Aug 2025 – Jul 2026, opened 20 Aug, closed 10 Dec 2025: Aug – Dec count.
  fixture({
    label: 'T2',
    officeId: 'east',
    birthDate: '1985-02-02',
    openedOn: '2025-08-20',
    closedOn: '2025-12-10',
    phase: 'closed',
    serviceKind: 'community_transition',
    decision: { validFrom: '2025-08-01', validTo: '2026-07-31' },
  }),
  // S1: 地域定着支援 all year; born 1961-04-01, 65 on 2026-03-31 (this year, not next).
  fixture({
    label: 'S1',
    officeId: 'west',
    birthDate: '1961-04-01',
    openedOn: '2024-04-01',
    phase: 'implementation',
    serviceKind: 'community_settlement',
    decision: { validFrom: '2024-04-01', validTo: '2026-03-31' },
  }),
  // D1: a basic consultation at the core center, flagged difficult (abuse, 8050) on 30 June.
  fixture({
    label: 'D1',
    officeId: 'core',
    birthDate: '1950-01-01',
    openedOn: '2025-05-01',
    phase: 'intake',
    serviceKind: 'basic_consultation',
    difficulty: { categories: ['abuse', 'eighty_fifty'], flaggedOn: '2025-06-30' },
  }),
  // X1: closed on 15 July 2025: monthly (due May, Jun; July's deadline is after the closing);
  // monitored in May, June skipped; flagged (poverty) 10 July.
  fixture({
    label: 'X1',
    officeId: 'west',
    birthDate: '1961-07-01',
    openedOn: '2023-01-01',
    closedOn: '2025-07-15',
    phase: 'closed',
    decision: { ...WHOLE_FY2025, periodMonths: 1, intensiveStart: false },
    activity: { '2025-05': act(1, 1) },
    difficulty: { categories: ['poverty'], flaggedOn: '2025-07-10' },
  }),
];

const event = (
  fields: Omit<FigureLedgerEvent, 'organisations' | 'unnamedOrganisationCount'> & Partial<FigureLedgerEvent>,
): FigureLedgerEvent => ({ organisations: [], unnamedOrganisationCount: 0, ...fields });

const EVENTS: FigureLedgerEvent[] = [
  event({
    kind: 'council_session',
    heldOn: '2025-04-01',
    title: '協議会（第1回）',
    officeIds: ['core', 'east'],
    municipalityCode: NORTH,
    organisations: ['北山町社会福祉協議会', 'ひがし相談支援事業所'],
    unnamedOrganisationCount: 2,
  }),
  event({
    kind: 'council_session',
    heldOn: '2025-06-20',
    title: '協議会（第2回）',
    officeIds: ['west'],
    municipalityCode: SOUTH,
    organisations: ['北山町社会福祉協議会', '南川村役場'],
    unnamedOrganisationCount: 1,
  }),
  event({
    kind: 'council_session',
    heldOn: '2026-03-31',
    title: '協議会（第3回）',
    officeIds: ['core'],
    municipalityCode: NORTH,
    organisations: ['南川村役場'],
  }),
  event({
    kind: 'subcommittee_session',
    heldOn: '2025-05-15',
    title: '就労部会（第1回）',
    officeIds: ['east'],
    municipalityCode: NORTH,
  }),
  event({
    kind: 'subcommittee_session',
    heldOn: '2025-08-15',
    title: '就労部会（第2回）',
    officeIds: ['west'],
    municipalityCode: SOUTH,
  }),
  event({
    kind: 'subcommittee_session',
    heldOn: '2025-08-20',
    title: '相談支援部会（第1回）',
    officeIds: ['core'],
    municipalityCode: NORTH,
  }),
  event({
    kind: 'advice_visit',
    heldOn: '2025-07-03',
    title: '訪問助言',
    officeIds: ['core', 'west'],
    municipalityCode: SOUTH,
  }),
  event({
    kind: 'advice_visit',
    heldOn: '2025-09-30',
    title: '訪問助言',
    officeIds: ['core', 'east'],
    municipalityCode: NORTH,
  }),
  event({
    kind: 'training',
    heldOn: '2025-11-11',
    title: '新任研修',
    officeIds: ['core'],
    municipalityCode: NORTH,
  }),
];

const SENIORS = [
  { officeId: 'core', certifiedOn: '2020-01-01' },
  { officeId: 'east', certifiedOn: '2022-04-01', endedOn: '2026-03-31' },
  { officeId: 'west', certifiedOn: '2023-04-01', endedOn: '2026-03-30' },
  { officeId: 'west', certifiedOn: '2025-10-01' },
];

const SETTINGS: StatisticsSettings = { communityUserUnit: 'per_month', suppressionThreshold: 3 };

const countersOf = (cases: readonly StatisticsCase[], fiscalYear: number): Map<string, StatisticsCounters> =>
  new Map(
    statisticsCellsOf(cases)
      .filter((cell) => cell.fiscalYear === fiscalYear)
      .map((cell) => [cell.officeId, cell.counters]),
  );

/** The cases as they stood on `today`: no act, flag or closing after it (the later ones not yet written). */
const knownOn = (today: string): CaseFixture[] =>
  CASES.map((record) => {
    const activity = Object.fromEntries(
      Object.entries(record.activity ?? {}).filter(([month]) => month <= today.slice(0, 7)),
    );
    const { closedOn, difficulty, ...rest } = record;
    const stillOpen = closedOn !== undefined && closedOn > today;
    return {
      ...rest,
      activity,
      ...(closedOn && !stillOpen ? { closedOn } : {}),
      ...(stillOpen ? { phase: 'implementation' as const } : {}),
      ...(difficulty && difficulty.flaggedOn <= today ? { difficulty } : {}),
    };
  });

const factsOn = (today: string, changes: Partial<FigureFacts> = {}): FigureFacts => {
  const cases = knownOn(today);
  return {
    fiscalYear: 2025,
    today,
    computedAt: `${today}T00:00:00.000Z`,
    period: defaultPlanPeriod('p7'),
    settings: SETTINGS,
    municipalities: [
      { code: NORTH, name: '北山町' },
      { code: SOUTH, name: '南川村' },
    ],
    offices: [
      {
        officeId: 'core',
        name: '北山南川基幹相談支援センター',
        type: 'core_center',
        municipalityCode: NORTH,
      },
      { officeId: 'east', name: 'ひがし相談支援事業所', type: 'plan_consultation', municipalityCode: NORTH },
      { officeId: 'west', name: 'にし相談支援事業所', type: 'plan_consultation', municipalityCode: SOUTH },
    ],
    counters: countersOf(cases, 2025),
    nextYearCounters: countersOf(cases, 2026),
    ledgerEvents: EVENTS.filter((entry) => entry.heldOn <= today),
    seniors: SENIORS,
    officeLoad: new Map([
      ['core', { activeCases: 1, specialists: 1 }],
      ['east', { activeCases: 5, specialists: 2 }],
      ['west', { activeCases: 4, specialists: 3 }],
    ]),
    targets: {
      plan_consultation_users: { 2025: 2 },
      self_plan_rate: { 2025: 25 },
      core_centers: { 2025: 1 },
      council_case_reviews: { 2025: 4 },
      advice_visits: { 2025: 0, 2026: 10 },
      unwanted_self_plans: { 2025: 3 },
    },
    ...changes,
  };
};

/** A past year: every month elapsed. */
const PAST = '2026-06-01';
/** Mid-year: April – September elapsed. */
const MID = '2025-09-15';

const indicatorOf = (figures: FiscalYearFigures, indicatorId: string): IndicatorFigures => {
  const found = figures.indicators.find((indicator) => indicator.indicatorId === indicatorId);
  if (!found) throw new Error(`no indicator ${indicatorId}`);
  return found;
};
const municipality = (indicator: IndicatorFigures, code: string) =>
  indicator.byMunicipality.find((series) => series.municipalityCode === code);
const office = (indicator: IndicatorFigures, officeId: string) =>
  indicator.byOffice.find((series) => series.officeId === officeId);
const NOT_YET = [null, null, null, null, null, null];

const past = computeFigures(factsOn(PAST));
const mid = computeFigures(factsOn(MID));

describe('computeFigures: the fiscal year and its months', () => {
  it('counts elapsed months up to the current one, twelve for a past year', () => {
    expect(past.elapsedMonths).toBe(12);
    expect(mid.elapsedMonths).toBe(6); // Apr, May, Jun, Jul, Aug, Sep
    expect(past.months[0]).toBe('2025-04');
    expect(past.months[11]).toBe('2026-03');
    expect(past.municipalities).toEqual([
      { code: NORTH, name: '北山町' },
      { code: SOUTH, name: '南川村' },
    ]);
  });
});

describe('computeFigures: users of the consultation services', () => {
  it('counts plan-consultation users in the months of a plan or a monitoring, paused use included', () => {
    const users = indicatorOf(past, 'plan_consultation_users');

    // P1 Apr, Jun, Sep, Mar; P3 (paused) May, Aug, Dec; X1 May.
    expect(users.total.months).toEqual([1, 2, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1]);
    expect(users.total.value).toBe(0.7); // 8 ÷ 12 = 0.666… → 0.7
    expect(users.unit).toBe('人/月');
    expect(municipality(users, NORTH)?.months).toEqual([1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]); // P1, X1
    expect(municipality(users, NORTH)?.value).toBe(0.4); // 5 ÷ 12 = 0.416… → 0.4
    expect(municipality(users, SOUTH)?.months).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]); // P3
    expect(municipality(users, SOUTH)?.value).toBe(0.3); // 3 ÷ 12 = 0.25 → 0.3 (rounded half up)
  });

  it('averages over the months that are over: the month under way is shown but provisional, out of the average', () => {
    const users = indicatorOf(mid, 'plan_consultation_users');

    // 15 September: April–August are over, September is under way (shown, marked 暫定).
    expect([mid.elapsedMonths, mid.completeMonths]).toEqual([6, 5]);
    expect(users.total.months).toEqual([1, 2, 1, 0, 1, 1, ...NOT_YET]);
    expect(users.total.value).toBe(1); // (1 + 2 + 1 + 0 + 1) ÷ 5 = 1.0
    expect(municipality(users, NORTH)?.value).toBe(0.6); // (1 + 1 + 1 + 0 + 0) ÷ 5
    // A year that has ended has no month under way.
    expect([past.elapsedMonths, past.completeMonths]).toEqual([12, 12]);
  });

  it('counts child-plan users by their billable acts', () => {
    // C2 Jul, Jan, Feb, Mar; C3 Sep.
    expect(indicatorOf(past, 'child_plan_consultation_users').total).toEqual({
      value: 0.4, // 5 ÷ 12 = 0.416… → 0.4
      months: [0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1],
    });
    expect(indicatorOf(mid, 'child_plan_consultation_users').total).toEqual({
      value: 0.2, // (0 + 0 + 0 + 1 + 0) ÷ 5: September, under way, is not averaged
      months: [0, 0, 0, 1, 0, 1, ...NOT_YET],
    });
  });

  it('counts community-service users in the decided months while open, per month', () => {
    // T1 Jun – Nov; T2 Aug – Dec (closed 10 Dec, still counted in December).
    expect(indicatorOf(past, 'community_transition_users').total).toEqual({
      value: 0.9, // (1+1+2+2+2+2+1) = 11 ÷ 12 = 0.916… → 0.9
      months: [0, 0, 1, 1, 2, 2, 2, 2, 1, 0, 0, 0],
    });
    expect(indicatorOf(mid, 'community_transition_users').total.value).toBe(0.8); // (0+0+1+1+2) ÷ 5
    expect(indicatorOf(past, 'community_settlement_users').total.value).toBe(1); // S1: 12 ÷ 12
  });

  it('counts community-service users once a year for a tenant set to per year', () => {
    const perYear = computeFigures(
      factsOn(PAST, { settings: { communityUserUnit: 'per_year', suppressionThreshold: 3 } }),
    );
    const transition = indicatorOf(perYear, 'community_transition_users');

    expect(transition.unit).toBe('人/年');
    expect(transition.total.value).toBe(2); // T1 and T2
    expect(transition.total.months).toEqual([0, 0, 1, 1, 2, 2, 2, 2, 1, 0, 0, 0]);
    expect(municipality(transition, NORTH)?.value).toBe(1); // T2
    expect(municipality(transition, SOUTH)?.value).toBe(1); // T1
    expect(office(transition, 'east')?.value).toBe(1); // T2
    expect(indicatorOf(perYear, 'community_settlement_users').total.value).toBe(1); // S1
    expect(indicatorOf(perYear, 'plan_consultation_users').unit).toBe('人/月');
    expect(indicatorOf(perYear, 'plan_consultation_users').total.value).toBe(0.7);
  });
});

describe('computeFigures: self-plans', () => {
  it('gives the self-plan rate of the last month of a past year, with its reasons', () => {
    const rate = indicatorOf(past, 'self_plan_rate');

    // Decided plan cases per month: Apr P1 P3 C1 C2 C3 X1 = 6; May–Jul + P2 = 7; Aug–Sep without X1
    // = 6; Oct–Mar without C1 = 5. Self-plans: C1 Apr–Sep, P2 May–Mar.
    expect(rate.total.months).toEqual([
      16.7, // 1 ÷ 6
      28.6, // 2 ÷ 7
      28.6,
      28.6,
      33.3, // 2 ÷ 6
      33.3,
      20, // 1 ÷ 5
      20,
      20,
      20,
      20,
      20,
    ]);
    expect(rate.total).toMatchObject({ value: 20, numerator: 1, denominator: 5 }); // March: P2 of 5
    expect(rate.breakdown.find((row) => row.key === 'no_office_available')?.value).toBe(1); // P2
    expect(rate.breakdown.find((row) => row.key === 'family_wish')?.value).toBe(0); // C1 ended Sep
    expect(rate.breakdown.reduce((total, row) => total + row.value, 0)).toBe(1);
    expect(municipality(rate, NORTH)).toMatchObject({ value: 0, numerator: 0, denominator: 2 }); // P1, C2
    expect(municipality(rate, SOUTH)).toMatchObject({ value: 33.3, numerator: 1, denominator: 3 }); // P2 of P2 P3 C3
    // Lower is better: no 達成率; 20 % against a 見込量 of 25 % is within it.
    expect(rate.direction).toBe('lower_is_better');
    expect(rate.aggregation).toBe('year_end_stock');
    expect(rate.achievementRate).toBeNull();
    expect(achievementOf(rate.direction, rate.total.value, rate.target).level).toBe('within');
  });

  it('gives the rate of the current month during the year', () => {
    const rate = indicatorOf(mid, 'self_plan_rate');

    // September: C1 and P2 among P1 P2 P3 C1 C2 C3.
    expect(rate.total).toMatchObject({ value: 33.3, numerator: 2, denominator: 6 });
    expect(rate.total.months).toEqual([16.7, 28.6, 28.6, 28.6, 33.3, 33.3, ...NOT_YET]);
    expect(rate.breakdown.find((row) => row.key === 'no_office_available')?.value).toBe(1);
    expect(rate.breakdown.find((row) => row.key === 'family_wish')?.value).toBe(1);
    // 33.3 % against 25 %: over the 見込量, never 「達成率 133.2 %」.
    expect(rate.achievementRate).toBeNull();
    expect(achievementOf(rate.direction, rate.total.value, rate.target)).toMatchObject({
      level: 'over',
      gap: 8.3,
    });
  });

  it('counts unwanted self-plans at the last elapsed month, without a target in 第7期', () => {
    const unwanted = indicatorOf(past, 'unwanted_self_plans');

    expect(unwanted.total).toEqual({ value: 1, months: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }); // P2 May–Mar
    expect(municipality(unwanted, SOUTH)?.value).toBe(1);
    expect(unwanted.target).toBeNull();
    expect(unwanted.achievementRate).toBeNull();
  });

  it('gives unwanted self-plans a target in 第8期', () => {
    const p8 = computeFigures({
      ...factsOn(PAST),
      fiscalYear: 2027,
      today: '2027-11-01',
      period: defaultPlanPeriod('p8'),
      counters: new Map([['east', { [`selfPlan:no_office_available|${NORTH}|2027-10`]: 3 }]]),
      nextYearCounters: new Map(),
      ledgerEvents: [],
      targets: { unwanted_self_plans: { 2027: 4 } },
    });
    const unwanted = indicatorOf(p8, 'unwanted_self_plans');

    expect(unwanted.total.value).toBe(3); // October 2027, the last month that is over
    expect(unwanted.target).toBe(4);
    expect(unwanted.direction).toBe('lower_is_better');
    expect(unwanted.achievementRate).toBeNull(); // lower is better: within its 見込量, no 達成率
    expect(achievementOf(unwanted.direction, unwanted.total.value, unwanted.target).level).toBe('within');
  });

  it('第8期 sets のぞまないセルフプラン to zero where the municipality set no 見込量 of its own, for the whole and each municipality', () => {
    const p8 = computeFigures({
      ...factsOn(PAST),
      fiscalYear: 2027,
      today: '2027-11-01',
      period: defaultPlanPeriod('p8'),
      counters: new Map([['east', { [`selfPlan:no_office_available|${NORTH}|2027-10`]: 2 }]]),
      nextYearCounters: new Map(),
      ledgerEvents: [],
      targets: {},
    });
    const unwanted = indicatorOf(p8, 'unwanted_self_plans');

    expect(unwanted.target).toBe(0);
    expect(municipality(unwanted, NORTH)?.target).toBe(0);
    expect(achievementOf(unwanted.direction, unwanted.total.value, unwanted.target)).toMatchObject({
      level: 'over',
      gap: 2,
    });
    // An indicator without a default 見込量 stays without one until the municipality sets it.
    expect(indicatorOf(p8, 'plan_consultation_users').target).toBeNull();
    expect(p8).toMatchObject({ periodFiscalYears: [2027, 2028, 2029], definitionVersion: 0 });
  });
});

describe('computeFigures: monitoring on time', () => {
  it('divides the due months met on time by the monitorings that fell due, a skipped one included', () => {
    const rate = indicatorOf(past, 'monitoring_on_time_rate');

    // Due / on time by due month: May 1/1 (X1), Jun 2/1 (P1; X1 skipped), Jul 1/1 (C2), Aug 2/1 (P3;
    // C3 late), Sep 1/1 (P1), Oct 1/0 (C2 skipped), Dec 3/1 (P3; P1, C3 skipped), Jan 1/1 (C2),
    // Mar 1/1 (P1) → 13 due, 8 on time. Done-based it was 12 done / 10 on time (83.3 %): the four
    // skipped months did not count, and P3's May and C2's Feb and Mar (no month due) did.
    expect(rate.total).toEqual({
      value: 61.5, // 8 ÷ 13 = 61.53…
      numerator: 8,
      denominator: 13,
      months: [null, 100, 50, 100, 50, 100, 0, null, 33.3, 100, null, 100],
    });
    expect(municipality(rate, NORTH)).toMatchObject({ value: 66.7, numerator: 6, denominator: 9 }); // P1, C2, X1
    expect(municipality(rate, SOUTH)).toMatchObject({ value: 50, numerator: 2, denominator: 4 }); // P3, C3
    expect(office(rate, 'east')).toMatchObject({ value: 71.4, numerator: 5, denominator: 7 }); // P1, C2
  });

  it('counts a due month only once its deadline has passed: the current month is not yet due', () => {
    // 15 September: April – August are over (May 1/1, Jun 2/1, Jul 1/1, Aug 2/1 → 6 / 4); September
    // is not, though P1 already met it; a month not yet over is neither met nor missed.
    expect(indicatorOf(mid, 'monitoring_on_time_rate').total).toEqual({
      value: 66.7, // 4 ÷ 6
      numerator: 4,
      denominator: 6,
      months: [null, 100, 50, 100, 50, null, ...NOT_YET],
    });
  });

  it('lowers the rate for a skipped monitoring where counting the monitorings done raised it', () => {
    // C2 without its January monitoring: one due month fewer met, the same months due.
    const found = CASES.find((record) => record.label === 'C2');
    if (!found) throw new Error('no C2');
    const { activity, ...c2 } = found;
    const skipped = { ...c2, activity: { ...activity, '2026-01': act(0, 0) } };
    const facts = factsOn(PAST);
    const withSkip = computeFigures({
      ...facts,
      counters: countersOf([...knownOn(PAST).filter((record) => record.label !== 'C2'), skipped], 2025),
    });
    expect(indicatorOf(withSkip, 'monitoring_on_time_rate').total).toMatchObject({
      value: 53.8, // 7 ÷ 13
      numerator: 7,
      denominator: 13,
    });
  });
});

describe('computeFigures: the ledger', () => {
  it('puts events of 1 April and 31 March in the first and last month of the fiscal year', () => {
    const sessions = indicatorOf(past, 'council_case_reviews');

    expect(sessions.total).toEqual({ value: 3, months: [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1] });
    expect(municipality(sessions, NORTH)?.value).toBe(2); // 1 April and 31 March
    expect(municipality(sessions, SOUTH)?.value).toBe(1);
    expect(sessions.achievementRate).toBe(75); // 3 ÷ 4 × 100
  });

  it('counts the participating offices and organisations together, each once over the period, plus the unnamed ones', () => {
    const organisations = indicatorOf(past, 'council_organisations');

    // Offices: core (twice), east, west; named: 社協 (twice), ひがし相談支援事業所 (= east, typed by
    // name as well), 南川村役場 (twice) → core, east, west, 社協, 南川村役場 = 5; unnamed 2 + 1 + 0 = 3.
    expect(organisations.total.value).toBe(8);
    // April core, east, 社協 + 2; June west, 社協, 南川村役場 + 1; March core, 南川村役場.
    expect(organisations.total.months).toEqual([5, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(municipality(organisations, NORTH)?.value).toBe(6); // core, east, 社協, 南川村役場 + 2
    expect(municipality(organisations, SOUTH)?.value).toBe(4); // west, 社協, 南川村役場 + 1
    expect(office(organisations, 'core')?.value).toBe(6); // the April and March sessions, as NORTH
    expect(office(organisations, 'west')?.value).toBe(4); // the June session
  });

  it('counts an office named twice, or in two sessions, once', () => {
    const second = event({
      kind: 'council_session',
      heldOn: '2025-10-20',
      title: '協議会（事例検討２）',
      officeIds: ['west'],
      municipalityCode: NORTH,
      // 社協 again with a full-width space; west typed by name as well as taking part as an office.
      organisations: ['北山町　社会福祉協議会', 'にし相談支援事業所'],
    });
    const sessions = [
      event({
        kind: 'council_session',
        heldOn: '2025-10-01',
        title: '協議会（事例検討１）',
        officeIds: ['east', 'west'],
        municipalityCode: NORTH,
        // East typed again by name, with a space.
        organisations: ['ひがし 相談支援事業所', '北山町社会福祉協議会'],
      }),
      second,
    ];
    const figures = computeFigures({ ...factsOn(PAST), ledgerEvents: sessions });
    const organisations = indicatorOf(figures, 'council_organisations');

    // east, west, 社協: three, though named seven times over two sessions.
    expect(organisations.total.value).toBe(3);
    expect(organisations.total.months[6]).toBe(3);
    // Offices alone count too: a session with offices and no outside organisation is not zero.
    const officesOnly = computeFigures({
      ...factsOn(PAST),
      ledgerEvents: [{ ...second, organisations: [] }],
    });
    expect(indicatorOf(officesOnly, 'council_organisations').total.value).toBe(1);
    // A municipal division takes part as an office (it has no figures of its own) and is typed by name.
    const facts = factsOn(PAST);
    const withDivision = computeFigures({
      ...facts,
      participantOffices: [...facts.offices, { officeId: 'north-city', name: '北山町 福祉課' }],
      ledgerEvents: [{ ...second, officeIds: ['north-city'], organisations: ['北山町　福祉課'] }],
    });
    expect(indicatorOf(withDivision, 'council_organisations').total.value).toBe(1);
  });

  it('counts sessions of one sub-committee as one sub-committee', () => {
    expect(subcommitteeName('就労部会（第2回）')).toBe('就労部会');
    const subcommittees = indicatorOf(past, 'subcommittees');

    // 就労部会 (第1回 May, 第2回 Aug) and 相談支援部会 (Aug). 設置数 is a stock: the committees
    // set up by each month's end, not the ones that met in the month.
    expect(subcommittees.aggregation).toBe('year_end_stock');
    expect(subcommittees.total).toEqual({ value: 2, months: [0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2] });
    expect(municipality(subcommittees, NORTH)?.value).toBe(2);
    expect(municipality(subcommittees, SOUTH)?.value).toBe(1);
    expect(indicatorOf(past, 'subcommittee_sessions').total.value).toBe(3);
  });

  it("counts an event for every office that took part, and only the year's events so far", () => {
    const visits = indicatorOf(past, 'advice_visits');

    expect(visits.total).toEqual({ value: 2, months: [0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0] });
    expect(office(visits, 'core')?.value).toBe(2);
    expect(office(visits, 'east')?.value).toBe(1);
    expect(office(visits, 'west')?.value).toBe(1);
    expect(visits.target).toBe(0);
    expect(visits.achievementRate).toBeNull(); // no rate against a target of zero
    expect(indicatorOf(past, 'capacity_building').total.value).toBe(1); // November training
    expect(indicatorOf(mid, 'capacity_building').total.value).toBe(0);
    expect(indicatorOf(mid, 'council_case_reviews').total).toEqual({
      value: 2, // 1 April and 20 June
      months: [1, 0, 1, 0, 0, 0, ...NOT_YET],
    });
  });
});

describe('computeFigures: the core center', () => {
  it('counts senior specialists at year end: one ending 31 March counts, one ending 30 March does not', () => {
    const seniors = indicatorOf(past, 'senior_specialists');

    // Last day of Apr–Sep: core, east, west (ends 30 Mar) = 3; Oct–Feb + west (from 1 Oct) = 4;
    // 31 March: core, east (ends 31 Mar), west (from 1 Oct) = 3.
    expect(seniors.total).toEqual({ value: 3, months: [3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 3] });
    expect(municipality(seniors, NORTH)?.value).toBe(2); // core, east
    expect(municipality(seniors, SOUTH)?.value).toBe(1); // west from 1 Oct
    expect(office(seniors, 'west')?.months).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1]);
  });

  it('counts senior specialists today during the year', () => {
    expect(indicatorOf(mid, 'senior_specialists').total).toEqual({
      value: 3, // core, east, west (the 1 October one not yet)
      months: [3, 3, 3, 3, 3, 3, ...NOT_YET],
    });
  });

  it('counts core centers by municipality, with no office series', () => {
    const centres = indicatorOf(past, 'core_centers');

    expect(centres.total.value).toBe(1);
    expect(municipality(centres, NORTH)?.value).toBe(1);
    expect(municipality(centres, SOUTH)?.value).toBe(0);
    expect(centres.byOffice).toEqual([]);
    expect(centres.achievementRate).toBe(100);
  });
});

describe('computeFigures: reference figures', () => {
  it('counts difficult cases by flag month and category', () => {
    const difficult = indicatorOf(past, 'difficult_cases');

    // D1 30 June (abuse, 8050), X1 10 July (poverty), P1 1 September (abuse).
    expect(difficult.total).toEqual({ value: 3, months: [0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0] });
    const byCategory = Object.fromEntries(difficult.breakdown.map((row) => [row.key, row.value]));
    expect(byCategory).toMatchObject({ abuse: 2, eighty_fifty: 1, poverty: 1, hikikomori: 0 });
    expect(difficult.breakdown.reduce((total, row) => total + row.value, 0)).toBe(4);
  });

  it('counts open cases reaching 18 and 65 during the next fiscal year, a 1 April birth in the year before (年齢計算ニ関スル法律)', () => {
    const eighteen = indicatorOf(past, 'reaching_18_next_year');
    const sixtyFive = indicatorOf(past, 'reaching_65_next_year');

    // 18: C2 (born 2 April: 1 April 2026); C3 (born 1 April: 31 March 2026) is this year.
    expect(eighteen.total.value).toBe(1);
    expect(office(eighteen, 'east')?.value).toBe(1);
    // 65: P2 (1 April 2026), P3 (31 May 2026); S1 (born 1 April: 31 March 2026) is this year, X1 is closed.
    expect(sixtyFive.total.value).toBe(2);
    expect(municipality(sixtyFive, SOUTH)?.value).toBe(2);
    expect(municipality(sixtyFive, NORTH)?.value).toBe(0);
    expect(office(sixtyFive, 'east')?.value).toBe(1);
    expect(office(sixtyFive, 'west')?.value).toBe(1);
    expect(sixtyFive.total.months).toEqual(Array.from({ length: 12 }, () => null));
  });

  it('divides open cases by the specialists holding them, during the year', () => {
    const load = indicatorOf(mid, 'load_per_specialist');

    expect(load.total).toMatchObject({ value: 1.7, numerator: 10, denominator: 6 }); // 10 ÷ 6 = 1.66…
    expect(office(load, 'east')?.value).toBe(2.5); // 5 ÷ 2
    expect(office(load, 'west')?.value).toBe(1.3); // 4 ÷ 3 = 1.33…
    expect(office(load, 'core')?.value).toBe(1); // 1 ÷ 1
    expect(municipality(load, NORTH)).toMatchObject({ value: 2, numerator: 6, denominator: 3 }); // core + east
  });

  it("shows no load per specialist for a year that is over: only today's load exists, and it is not that year's", () => {
    const load = indicatorOf(past, 'load_per_specialist');

    expect(load.pastYears).toBe('not_kept');
    expect(load.total.value).toBeNull();
    expect(load.byMunicipality.every((series) => series.value === null)).toBe(true);
    expect(load.byOffice.every((series) => series.value === null)).toBe(true);
  });
});

describe('computeFigures: targets and the split by municipality and office', () => {
  it('sets the target of the year and the achievement rate against it', () => {
    const users = indicatorOf(past, 'plan_consultation_users');

    expect(users.target).toBe(2);
    expect(users.achievementRate).toBe(35); // 0.7 ÷ 2 × 100
    expect(indicatorOf(mid, 'plan_consultation_users').achievementRate).toBe(50); // 1.0 ÷ 2 × 100
    expect(indicatorOf(past, 'collaboration').target).toBeNull();
    expect(indicatorOf(past, 'collaboration').achievementRate).toBeNull();
  });

  it("sets a member municipality's own target and achievement rate, and none where it has none", () => {
    const figures = computeFigures({
      ...factsOn(PAST),
      municipalityTargets: {
        [NORTH]: { plan_consultation_users: { 2025: 0.5, 2026: 9 }, difficult_cases: { 2025: 3 } },
      },
    });
    const users = indicatorOf(figures, 'plan_consultation_users');
    const north = municipality(users, NORTH);

    expect(north?.value).toBe(0.4);
    expect(north?.target).toBe(0.5); // the year's, not 2026's
    expect(north?.achievementRate).toBe(80); // 0.4 ÷ 0.5 × 100
    expect(municipality(users, SOUTH)?.target).toBeNull();
    expect(municipality(users, SOUTH)?.achievementRate).toBeNull();
    expect(users.target).toBe(2); // the whole's own target is unchanged
    // An indicator without a 見込量 in the plan gets none for a municipality either.
    expect(municipality(indicatorOf(figures, 'difficult_cases'), NORTH)?.target).toBeNull();
  });

  it('gives a member municipality no 達成率 for an indicator to lower, only its target', () => {
    const p8 = computeFigures({
      ...factsOn(PAST),
      fiscalYear: 2027,
      today: '2027-11-01',
      period: defaultPlanPeriod('p8'),
      counters: new Map([['east', { [`selfPlan:no_office_available|${NORTH}|2027-10`]: 3 }]]),
      nextYearCounters: new Map(),
      ledgerEvents: [],
      targets: {},
      municipalityTargets: { [NORTH]: { unwanted_self_plans: { 2027: 2 } } },
    });
    const north = municipality(indicatorOf(p8, 'unwanted_self_plans'), NORTH);

    expect(north?.value).toBe(3);
    expect(north?.target).toBe(2);
    expect(north?.achievementRate).toBeNull();
  });

  it('splits every additive count into municipalities that sum to the total', () => {
    // Distinct counts (organisations, sub-committees) are not additive: one organisation at events
    // of both municipalities counts once in the total and once in each municipality.
    const distinct = ['council_organisations', 'subcommittees'];
    const additive = past.indicators.filter(
      (indicator) => indicator.figureKind === 'count' && !distinct.includes(indicator.indicatorId),
    );
    expect(additive.length).toBeGreaterThan(10);
    for (const indicator of additive) {
      expect(indicator.byMunicipality.map((series) => series.municipalityCode)).toEqual([NORTH, SOUTH]);
      const months = indicator.total.months.map((_, index) =>
        indicator.byMunicipality.reduce((total, series) => total + (series.months[index] ?? 0), 0),
      );
      expect({ id: indicator.indicatorId, months }).toEqual({
        id: indicator.indicatorId,
        months: indicator.total.months.map((value) => value ?? 0),
      });
      // Averages of users are compared by their months above; the other values are sums.
      if (indicator.indicatorId.endsWith('_users')) continue;
      const values = indicator.byMunicipality.reduce((total, series) => total + (series.value ?? 0), 0);
      expect({ id: indicator.indicatorId, value: values }).toEqual({
        id: indicator.indicatorId,
        value: indicator.total.value,
      });
    }
  });

  it('keeps the counts of cases without a municipality under their own code, next year included', () => {
    // A case written before municipalities were copied: only a forecast (18 on 2026-05-04).
    const legacy: StatisticsCase = {
      tenantId: 'joint',
      officeId: 'east',
      birthDate: '2008-05-05',
      openedOn: '2020-04-01',
      phase: 'monitoring',
      serviceKind: 'child_plan_consultation',
      planAuthor: 'specialist',
    };
    const facts = factsOn(PAST);
    const figures = computeFigures({
      ...facts,
      nextYearCounters: countersOf([...knownOn(PAST), legacy], 2026),
    });
    const eighteen = indicatorOf(figures, 'reaching_18_next_year');

    expect(eighteen.total.value).toBe(2); // C2 and the legacy case
    expect(municipality(eighteen, '000000')?.value).toBe(1);
    expect(figures.municipalities.find((row) => row.code === '000000')?.name).toBe('市町村未設定');
  });

  it('gives each office its own series', () => {
    const users = indicatorOf(past, 'plan_consultation_users');

    expect(users.byOffice.map((series) => series.officeId)).toEqual(['core', 'east', 'west']);
    expect(office(users, 'east')?.months).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]); // P1
    expect(office(users, 'east')?.value).toBe(0.3); // 4 ÷ 12 = 0.333… → 0.3
    expect(office(users, 'west')?.months).toEqual([0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]); // P3, X1
    expect(office(users, 'core')?.value).toBe(0);
    expect(office(indicatorOf(past, 'monitoring_on_time_rate'), 'west')).toMatchObject({
      numerator: 3, // P3 Aug, Dec; X1 May
      denominator: 6, // + X1 Jun, C3 Aug, Dec
      value: 50,
    });
  });
});

describe('figuresForOffice', () => {
  it("leaves an office its own figures only: no other office's, no tenant total, no target", () => {
    const east = figuresForOffice(past, 'east');

    expect(east.offices.map((row) => row.officeId)).toEqual(['east']);
    expect(east.indicators.map((indicator) => indicator.indicatorId)).not.toContain('core_centers');
    for (const indicator of east.indicators) {
      expect(indicator.byOffice.map((series) => series.officeId)).toEqual(['east']);
      expect(indicator.byMunicipality).toEqual([]);
      expect(indicator.breakdown).toEqual([]);
      expect(indicator.target).toBeNull();
      expect(indicator.achievementRate).toBeNull();
      const { officeId: _officeId, ...own } = indicator.byOffice[0] ?? { officeId: '' };
      expect(indicator.total).toEqual(own);
    }
    // The tenant's 0.7 users a month and 3 difficult cases are gone; east's own 0.3 and 1 remain.
    expect(indicatorOf(east, 'plan_consultation_users').total.value).toBe(0.3);
    expect(indicatorOf(east, 'difficult_cases').total.value).toBe(1); // P1
    expect(JSON.stringify(east)).not.toMatch(/"(core|west)"/);
  });
});
