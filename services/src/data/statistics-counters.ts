import {
  COMMUNITY_SERVICE_KINDS,
  PLAN_SERVICE_KINDS,
  addMonths,
  dateOfReachingAge,
  fiscalYearOf,
  lastDayOfMonth,
  scheduledMonths,
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
 * denominator in the months a service decision covers while the case is open; the monitorings due
 * (and those met on time) in the due months of the decisions' schedules (ADR 0024). Whether a due
 * month's deadline has passed is the one thing that depends on today: the figures leave out due
 * months not yet over when they read the counters (figures.ts), so no counter needs a write to age.
 */

export interface MonthActivity {
  monitorings: number;
  monitoringsOnTime: number;
  plansFinalised: number;
}

export interface DecisionPeriod {
  validFrom: string;
  validTo: string;
  /**
   * The decision's monitoring schedule (monitoring-schedule.ts). A replaced decision keeps them in
   * the history; one replaced before they were kept there has no due months (ADR 0024).
   */
  periodMonths?: number | undefined;
  intensiveStart?: boolean | undefined;
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
  /**
   * A self-plan filed at the municipality (ADR 0044): it counts in the decided and self-plan months
   * as an office's self-plan case does, but is no office's open case, so no forecast of 18 / 65.
   */
  filedAtMunicipality?: boolean | undefined;
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
  /** Monitorings that fall due in the month (the schedule's due months), by due month. */
  monitoringsDue: 'monitoringsDue',
  /** Of those, the ones met by a monitoring done by the due date, by due month. */
  monitoringsDueOnTime: 'monitoringsDueOnTime',
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

/**
 * The monitorings that fall due for the office (ADR 0024): the due months of every decision's
 * schedule (monitoring-schedule.ts), for a plan the office makes (計画相談・障害児相談 with a
 * specialist plan: a self-plan or 地域相談 has no モニタリング by the office). A decision's months
 * end where a later decision starts; a month counts only while the case is open at its deadline
 * (its last day): none before the month the case opened, none whose deadline is after the closing
 * day (a closing or a transfer at 18 ends the schedule).
 */
export const monitoringDueMonths = (record: StatisticsCase): string[] => {
  if (!isPlanKind(record.serviceKind) || record.planAuthor !== 'specialist') return [];
  const periods = [...(record.decisionHistory ?? []), ...(record.decision ? [record.decision] : [])];
  const openedMonth = monthOf(record.openedOn);
  const due = new Set<string>();
  periods.forEach((period, index) => {
    const { periodMonths } = period;
    if (
      periodMonths === undefined ||
      !Number.isInteger(periodMonths) ||
      periodMonths < 1 ||
      periodMonths > 12
    )
      return;
    const replacedFrom = periods
      .slice(index + 1)
      .map((later) => monthOf(later.validFrom))
      .reduce<string | null>((min, month) => (min === null || month < min ? month : min), null);
    // Like decidedMonths: a far-off end date still counts at most MAX_DECISION_MONTHS months.
    const cappedTo = addMonths(period.validFrom, MAX_DECISION_MONTHS);
    const months = scheduledMonths({
      validFrom: period.validFrom,
      validTo: period.validTo < cappedTo ? period.validTo : cappedTo,
      periodMonths,
      intensiveStart: period.intensiveStart ?? false,
    });
    for (const month of months) {
      if (replacedFrom !== null && month >= replacedFrom) continue;
      if (month < openedMonth) continue;
      if (record.closedOn !== undefined && lastDayOfMonth(month) > record.closedOn) continue;
      due.add(month);
    }
  });
  return [...due].sort();
};

/**
 * Each due month and whether it was met on time (ADR 0024), as the schedule itself counts it
 * (monitoring-schedule.ts: a monitoring anywhere in a due month counts; the month is overdue once its
 * last day has passed): on time is a monitoring on or before the due date, the due month's last day,
 * with no grace, that covers the month, so one done in the month. The month's monitoring is matched
 * to that month only: a late one (after the last day) meets no due month on time however many it
 * catches up on, an early one (before the month) leaves the month due, as the dashboard shows it,
 * and several in one month meet that month once.
 */
export const monitoringDueOutcomes = (record: StatisticsCase): { month: string; onTime: boolean }[] =>
  monitoringDueMonths(record).map((month) => ({
    month,
    onTime: (record.activity?.[month]?.monitorings ?? 0) > 0,
  }));

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
    if (isPlanKind(record.serviceKind) && activity.monitorings + activity.plansFinalised > 0) {
      add(METRICS.users(record.serviceKind), month);
    }
  }

  // Every due month, past or future: figures.ts counts a month only once its deadline has passed.
  for (const due of monitoringDueOutcomes(record)) {
    add(METRICS.monitoringsDue, due.month);
    if (due.onTime) add(METRICS.monitoringsDueOnTime, due.month);
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
  if (record.phase !== 'closed' && !record.filedAtMunicipality) {
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
 * The month's monitorings, for the users of the month. `monitoringsOnTime` keeps what the case
 * counted when the monitoring was recorded (on or before the due date the case then had; one without
 * a due date yet on time): the 期限内実施率 no longer reads it but the schedule (ADR 0024).
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

/**
 * The decision being replaced joins the history, so the months it covered keep counting, and with
 * its schedule, so the monitorings due under it keep counting too (ADR 0024).
 */
export const withDecisionHistory = (
  history: DecisionPeriod[] | undefined,
  replaced: DecisionPeriod | undefined,
): DecisionPeriod[] | undefined =>
  replaced
    ? [
        ...(history ?? []),
        {
          validFrom: replaced.validFrom,
          validTo: replaced.validTo,
          ...(replaced.periodMonths !== undefined ? { periodMonths: replaced.periodMonths } : {}),
          ...(replaced.intensiveStart !== undefined ? { intensiveStart: replaced.intensiveStart } : {}),
        },
      ]
    : history;
