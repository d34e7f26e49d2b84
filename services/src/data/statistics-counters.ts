import {
  COMMUNITY_SERVICE_KINDS,
  PLAN_SERVICE_KINDS,
  addMonths,
  dateOfReachingAge,
  fiscalYearOf,
  type CasePhase,
  type DifficultCategory,
  type PlanAuthor,
  type SelfPlanReason,
  type ServiceKind,
} from '@kikan/shared';

/**
 * What one case contributes to the plan indicators of the months it touches, as a pure function of
 * the case as stored. Like the dashboard counters (office-counters.ts), the statistics items are kept
 * by adding the difference each case write makes, in that write's transaction: a fiscal year's
 * figures are then one Query over one small partition, never a read of the tenant's cases.
 *
 * Every contribution depends on the case's own dates only, never on today, so it cannot go stale
 * without a write: users of a plan service are counted in the months with a billable act (plan made
 * or monitoring, as 国保連 billing counts them); users of 地域移行・地域定着 and the self-plan rate's
 * denominator in the months a service decision covers while the case is open.
 */

export interface MonthActivity {
  monitorings: number;
  monitoringsOnTime: number;
  plansFinalised: number;
}

export interface DecisionPeriod {
  validFrom: string;
  validTo: string;
}

/** The fields of a case the statistics depend on (a stored CaseRecord has them all). */
export interface StatisticsCase {
  tenantId: string;
  officeId: string;
  municipalityCode?: string | undefined;
  birthDate: string;
  openedOn: string;
  closedOn?: string | undefined;
  phase: CasePhase;
  serviceKind: ServiceKind;
  planAuthor: PlanAuthor;
  selfPlanReason?: SelfPlanReason | undefined;
  decision?: DecisionPeriod | undefined;
  decisionHistory?: DecisionPeriod[] | undefined;
  activity?: Record<string, MonthActivity> | undefined;
  difficulty?: { categories: DifficultCategory[]; flaggedOn: string } | undefined;
}

/** Cases created before municipalities were copied onto them count under this code. */
export const UNKNOWN_MUNICIPALITY = '000000';

/** The month key of a fiscal-year-wide counter (users per year). */
export const WHOLE_YEAR = 'FY';

export const METRICS = {
  users: (kind: ServiceKind) => `users:${kind}`,
  usersPerYear: (kind: ServiceKind) => `usersYear:${kind}`,
  decided: 'decided',
  selfPlan: 'selfPlan',
  selfPlanReason: (reason: SelfPlanReason) => `selfPlan:${reason}`,
  monitorings: 'monitorings',
  monitoringsOnTime: 'monitoringsOnTime',
  difficult: 'difficult',
  difficultCategory: (category: DifficultCategory) => `difficult:${category}`,
  reaches: (age: 18 | 65) => `reaches:${age}`,
} as const;

/** `<metric>|<municipality>|<YYYY-MM or FY>`: flat attribute names, because ADD only works on top level. */
export const counterName = (metric: string, municipalityCode: string, month: string): string =>
  `${metric}|${municipalityCode}|${month}`;

export const parseCounterName = (
  name: string,
): { metric: string; municipalityCode: string; month: string } | null => {
  const [metric, municipalityCode, month, ...rest] = name.split('|');
  if (!metric || !municipalityCode || !month || rest.length) return null;
  return { metric, municipalityCode, month };
};

export type StatisticsCounters = Record<string, number>;

/** The counters of one office in one fiscal year: one item in the year's partition. */
export interface StatisticsCell {
  tenantId: string;
  fiscalYear: number;
  officeId: string;
  counters: StatisticsCounters;
}

const monthOf = (isoDate: string): string => isoDate.slice(0, 7);
const fiscalYearOfMonth = (month: string): number => fiscalYearOf(`${month}-01`);

/** A decision written with a far-off end date still counts at most this many months. */
const MAX_DECISION_MONTHS = 60;

const monthsBetween = (fromMonth: string, toMonth: string): string[] => {
  const months: string[] = [];
  for (let month = fromMonth; month <= toMonth && months.length < MAX_DECISION_MONTHS;) {
    months.push(month);
    month = monthOf(addMonths(`${month}-01`, 1));
  }
  return months;
};

/** Months a case is open: from the month it opened to the month it closed (or for good). */
const isOpenIn = (record: StatisticsCase, month: string): boolean =>
  month >= monthOf(record.openedOn) && (record.closedOn === undefined || month <= monthOf(record.closedOn));

/** Months covered by any service decision, current or earlier, while the case was open. */
export const decidedMonths = (record: StatisticsCase): string[] => {
  const periods = [...(record.decisionHistory ?? []), ...(record.decision ? [record.decision] : [])];
  const months = new Set<string>();
  for (const period of periods) {
    for (const month of monthsBetween(monthOf(period.validFrom), monthOf(period.validTo))) {
      if (isOpenIn(record, month)) months.add(month);
    }
  }
  return [...months].sort();
};

const isPlanKind = (kind: ServiceKind): boolean => (PLAN_SERVICE_KINDS as readonly string[]).includes(kind);
const isCommunityKind = (kind: ServiceKind): boolean =>
  (COMMUNITY_SERVICE_KINDS as readonly string[]).includes(kind);

/** One case's contribution, by fiscal year (zero counters left out). */
export const statisticsCountersOf = (record: StatisticsCase): Map<number, StatisticsCounters> => {
  const byYear = new Map<number, StatisticsCounters>();
  const municipality = record.municipalityCode ?? UNKNOWN_MUNICIPALITY;
  const add = (metric: string, month: string, value = 1, fiscalYear = fiscalYearOfMonth(month)) => {
    if (value === 0) return;
    const counters = byYear.get(fiscalYear) ?? {};
    const name = counterName(metric, municipality, month);
    counters[name] = (counters[name] ?? 0) + value;
    byYear.set(fiscalYear, counters);
  };

  for (const [month, activity] of Object.entries(record.activity ?? {})) {
    add(METRICS.monitorings, month, activity.monitorings);
    add(METRICS.monitoringsOnTime, month, activity.monitoringsOnTime);
    if (isPlanKind(record.serviceKind) && activity.monitorings + activity.plansFinalised > 0) {
      add(METRICS.users(record.serviceKind), month);
    }
  }

  const decided = decidedMonths(record);
  if (isPlanKind(record.serviceKind)) {
    for (const month of decided) {
      add(METRICS.decided, month);
      if (record.planAuthor === 'self_plan') {
        add(METRICS.selfPlan, month);
        if (record.selfPlanReason) add(METRICS.selfPlanReason(record.selfPlanReason), month);
      }
    }
  }
  if (isCommunityKind(record.serviceKind)) {
    for (const month of decided) add(METRICS.users(record.serviceKind), month);
    for (const fiscalYear of new Set(decided.map(fiscalYearOfMonth))) {
      add(METRICS.usersPerYear(record.serviceKind), WHOLE_YEAR, 1, fiscalYear);
    }
  }

  if (record.difficulty) {
    const month = monthOf(record.difficulty.flaggedOn);
    add(METRICS.difficult, month);
    for (const category of new Set(record.difficulty.categories))
      add(METRICS.difficultCategory(category), month);
  }

  // People of open cases reaching 18 / 65: the forecast of next year's transitions (seed 001).
  if (record.phase !== 'closed') {
    for (const age of [18, 65] as const) {
      const reachesOn = dateOfReachingAge(record.birthDate, age);
      if (reachesOn >= record.openedOn) add(METRICS.reaches(age), monthOf(reachesOn));
    }
  }
  return byYear;
};

const cellKey = (cell: Pick<StatisticsCell, 'tenantId' | 'fiscalYear' | 'officeId'>) =>
  `${cell.tenantId}/${cell.fiscalYear}/${cell.officeId}`;

/** Sums cells per office and year, dropping what nets to zero (one update per item per transaction). */
export const mergeStatisticsCells = (cells: readonly StatisticsCell[]): StatisticsCell[] => {
  const merged = new Map<string, StatisticsCell>();
  for (const cell of cells) {
    const key = cellKey(cell);
    const target = merged.get(key) ?? { ...cell, counters: {} };
    for (const [name, value] of Object.entries(cell.counters)) {
      target.counters[name] = (target.counters[name] ?? 0) + value;
    }
    merged.set(key, target);
  }
  return [...merged.values()].flatMap((cell) => {
    const counters = Object.fromEntries(Object.entries(cell.counters).filter(([, value]) => value !== 0));
    return Object.keys(counters).length ? [{ ...cell, counters }] : [];
  });
};

const cellsOf = (record: StatisticsCase, sign: 1 | -1): StatisticsCell[] =>
  [...statisticsCountersOf(record)].map(([fiscalYear, counters]) => ({
    tenantId: record.tenantId,
    fiscalYear,
    officeId: record.officeId,
    counters: Object.fromEntries(Object.entries(counters).map(([name, value]) => [name, sign * value])),
  }));

/** What a case write changes in the statistics items: the new contribution minus the old one. */
export const statisticsDelta = (
  before: StatisticsCase | null,
  after: StatisticsCase | null,
): StatisticsCell[] =>
  mergeStatisticsCells([...(before ? cellsOf(before, -1) : []), ...(after ? cellsOf(after, 1) : [])]);

/** The statistics items a set of cases adds up to: what the stored counters must say. */
export const statisticsCellsOf = (records: readonly StatisticsCase[]): StatisticsCell[] =>
  mergeStatisticsCells(records.flatMap((record) => cellsOf(record, 1)));

/**
 * A monitoring is on time when it falls on or before the due date the case had when it was
 * recorded (the last day of the due month); one without a due date yet is on time by definition.
 */
export const withMonitoringActivity = (
  activity: Record<string, MonthActivity> | undefined,
  conductedOn: string,
  dueOn: string | null,
): Record<string, MonthActivity> => {
  const month = monthOf(conductedOn);
  const current = activity?.[month] ?? { monitorings: 0, monitoringsOnTime: 0, plansFinalised: 0 };
  const onTime = dueOn === null || conductedOn <= dueOn;
  return {
    ...activity,
    [month]: {
      ...current,
      monitorings: current.monitorings + 1,
      monitoringsOnTime: current.monitoringsOnTime + (onTime ? 1 : 0),
    },
  };
};

/** A plan made final (consented) in a month: the month's サービス利用支援, a billable act. */
export const withPlanActivity = (
  activity: Record<string, MonthActivity> | undefined,
  consentOn: string,
): Record<string, MonthActivity> => {
  const month = monthOf(consentOn);
  const current = activity?.[month] ?? { monitorings: 0, monitoringsOnTime: 0, plansFinalised: 0 };
  return { ...activity, [month]: { ...current, plansFinalised: current.plansFinalised + 1 } };
};

/** The decision being replaced joins the history, so the months it covered keep counting. */
export const withDecisionHistory = (
  history: DecisionPeriod[] | undefined,
  replaced: DecisionPeriod | undefined,
): DecisionPeriod[] | undefined =>
  replaced ? [...(history ?? []), { validFrom: replaced.validFrom, validTo: replaced.validTo }] : history;
