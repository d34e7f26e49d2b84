import {
  dateOfReachingAge,
  decisionStandingOf,
  lastDayOfMonth,
  isOpenDifficulty,
  type CasePhase,
  type DifficultCategory,
  type DifficultStatus,
  type PlanAuthor,
  type SelfPlanReason,
  type ServiceKind,
} from '@kikan/shared';
import { logger } from '../logger.ts';

/**
 * What one case contributes to its office's dashboard figures, as pure functions. The counters are
 * kept by adding the difference a case write makes (caseCounterDelta) in that write's transaction,
 * so the dashboard reads one item per office instead of every case. The same definitions decide
 * which cases a drill-down lists.
 */

/** The fields of a case the figures depend on (a stored CaseRecord has them all). */
export interface CountedCase {
  tenantId: string;
  officeId: string;
  caseId: string;
  birthDate: string;
  openedOn: string;
  specialistUserId: string;
  serviceKind: ServiceKind;
  planAuthor: PlanAuthor;
  selfPlanReason?: SelfPlanReason | undefined;
  phase: CasePhase;
  currentPlanVersion?: number | undefined;
  nextMonitoringDueOn?: string | null | undefined;
  decision?: { validTo: string } | undefined;
  difficulty?: { status: DifficultStatus; categories: DifficultCategory[] } | undefined;
}

export const isActiveCase = (record: Pick<CountedCase, 'phase'>): boolean => record.phase !== 'closed';

/** The day an open case's next monitoring is due: what the due index holds (case-store.ts caseItem). */
export const monitoringDueOf = (record: Pick<CountedCase, 'phase' | 'nextMonitoringDueOn'>): string | null =>
  isActiveCase(record) && record.nextMonitoringDueOn ? record.nextMonitoringDueOn : null;

/** The last day of an open case's decision in force: renewals are counted by it. */
export const decisionEndOf = (record: Pick<CountedCase, 'phase' | 'decision'>): string | null =>
  isActiveCase(record) && record.decision ? record.decision.validTo : null;

/** 基本相談のみ has no plan; every other service kind works from one. */
export const isPlanCase = (record: CountedCase): boolean =>
  isActiveCase(record) && record.serviceKind !== 'basic_consultation';

export const isSelfPlanCase = (record: CountedCase): boolean =>
  isPlanCase(record) && record.planAuthor === 'self_plan';

/** A self-plan is the person's own: only a plan the office writes can be missing. */
export const lacksFinalPlan = (record: CountedCase): boolean =>
  isPlanCase(record) && record.planAuthor === 'specialist' && record.currentPlanVersion === undefined;

/**
 * Open whatever the case's phase: the core center's work on a difficult case ends when a core
 * supervisor approves its closure, not when the office closes the case.
 */
export const hasOpenDifficulty = (record: CountedCase): boolean =>
  record.difficulty !== undefined && isOpenDifficulty(record.difficulty.status);

export const BASE_COUNTERS = [
  'activeCases',
  'planCases',
  'withoutFinalPlan',
  'selfPlan',
  'openDifficult',
] as const;
export type BaseCounter = (typeof BASE_COUNTERS)[number];

/**
 * Counter names are the stats item's attribute names: flat, because DynamoDB's ADD works on
 * top-level attributes only and cannot create a missing map on the way to a nested one.
 */
export const SPECIALIST_PREFIX = 'specialist#';
export const SELF_PLAN_REASON_PREFIX = 'selfPlanReason#';
export const DIFFICULT_CATEGORY_PREFIX = 'difficultCategory#';
/**
 * Open cases by the day their next monitoring is due (ADR 0026): overdue and due-this-month are
 * sums over these, taken on the day the dashboard is read. A due day is a month's last day
 * (monitoring-schedule.ts), so an office gains about twelve of them a year.
 */
export const MONITORING_DUE_PREFIX = 'monitoringDue#';
/**
 * Open cases by the last day of their decision in force: ending soon and expired (支給決定の更新)
 * are sums over these on the day of reading, like the due days. A new decision moves the case.
 */
export const DECISION_END_PREFIX = 'decisionEnds#';

export type CounterName =
  | BaseCounter
  | `${typeof SPECIALIST_PREFIX}${string}`
  | `${typeof SELF_PLAN_REASON_PREFIX}${SelfPlanReason}`
  | `${typeof DIFFICULT_CATEGORY_PREFIX}${DifficultCategory}`
  | `${typeof MONITORING_DUE_PREFIX}${string}`
  | `${typeof DECISION_END_PREFIX}${string}`;

export type Counters = Partial<Record<CounterName, number>>;

/** One case's contribution to its office's counters (zero counters left out). */
export const countersOf = (record: CountedCase): Counters => {
  const counters: Counters = {};
  const count = (name: CounterName) => {
    counters[name] = (counters[name] ?? 0) + 1;
  };
  if (isActiveCase(record)) {
    count('activeCases');
    count(`${SPECIALIST_PREFIX}${record.specialistUserId}`);
  }
  const dueOn = monitoringDueOf(record);
  if (dueOn) count(`${MONITORING_DUE_PREFIX}${dueOn}`);
  const endsOn = decisionEndOf(record);
  if (endsOn) count(`${DECISION_END_PREFIX}${endsOn}`);
  if (isPlanCase(record)) count('planCases');
  if (lacksFinalPlan(record)) count('withoutFinalPlan');
  if (isSelfPlanCase(record)) {
    count('selfPlan');
    if (record.selfPlanReason) count(`${SELF_PLAN_REASON_PREFIX}${record.selfPlanReason}`);
  }
  if (hasOpenDifficulty(record)) {
    count('openDifficult');
    for (const category of new Set(record.difficulty?.categories ?? [])) {
      count(`${DIFFICULT_CATEGORY_PREFIX}${category}`);
    }
  }
  return counters;
};

export interface DueCounts {
  overdue: number;
  dueThisMonth: number;
  /** Decisions ending within RENEWAL_NOTICE_MONTHS, and ended without a new one (renewals). */
  decisionEnding: number;
  decisionExpired: number;
}

/**
 * A counter the item does not have (never counted) is zero. A negative one would mean a case write
 * bypassed the counters: logged (by name only) and shown as zero rather than failing the page.
 */
export const counterValue = (counters: Counters, name: keyof Counters): number => {
  const value = counters[name] ?? 0;
  if (value >= 0) return value;
  logger.warn('office counter below zero', { counter: name.split('#')[0] });
  return 0;
};

/**
 * Overdue: open cases due before today; due this month: due from today to the month's last day.
 * Renewals: decisions ending from today to 3 months ahead, and ended (decisionStandingOf).
 * Summed from the office's counters by day, so the split follows the day of reading.
 */
export const dueCountsOf = (counters: Counters, today: string): DueCounts => {
  const monthEnd = lastDayOfMonth(today.slice(0, 7));
  const due = { overdue: 0, dueThisMonth: 0, decisionEnding: 0, decisionExpired: 0 };
  for (const name of Object.keys(counters) as (keyof Counters)[]) {
    if (name.startsWith(DECISION_END_PREFIX)) {
      const standing = decisionStandingOf(name.slice(DECISION_END_PREFIX.length), today);
      if (standing === 'ending') due.decisionEnding += counterValue(counters, name);
      if (standing === 'expired') due.decisionExpired += counterValue(counters, name);
      continue;
    }
    if (!name.startsWith(MONITORING_DUE_PREFIX)) continue;
    const dueOn = name.slice(MONITORING_DUE_PREFIX.length);
    if (dueOn < today) due.overdue += counterValue(counters, name);
    else if (dueOn <= monthEnd) due.dueThisMonth += counterValue(counters, name);
  }
  return due;
};

export interface OfficeCounterDelta {
  tenantId: string;
  officeId: string;
  counters: Counters;
}

const officeKey = (tenantId: string, officeId: string) => `${tenantId}/${officeId}`;

/**
 * Sums deltas per office and drops what nets to zero: one transaction may touch one stats item
 * only once, and a write that changes no figure should not touch it at all.
 */
export const mergeCounterDeltas = (deltas: readonly OfficeCounterDelta[]): OfficeCounterDelta[] => {
  const byOffice = new Map<string, OfficeCounterDelta>();
  for (const delta of deltas) {
    const key = officeKey(delta.tenantId, delta.officeId);
    const merged = byOffice.get(key) ?? { tenantId: delta.tenantId, officeId: delta.officeId, counters: {} };
    for (const [name, value] of Object.entries(delta.counters) as [CounterName, number][]) {
      merged.counters[name] = (merged.counters[name] ?? 0) + value;
    }
    byOffice.set(key, merged);
  }
  return [...byOffice.values()].flatMap((delta) => {
    const counters = Object.fromEntries(
      Object.entries(delta.counters).filter(([, value]) => value !== 0),
    ) as Counters;
    return Object.keys(counters).length ? [{ ...delta, counters }] : [];
  });
};

const negated = (counters: Counters): Counters =>
  Object.fromEntries(Object.entries(counters).map(([name, value]) => [name, -(value ?? 0)])) as Counters;

/**
 * What a case write changes in the office counters: the new case's contribution minus the old
 * one's, per office (a case moving office, or a transfer, touches two). null = no case.
 */
export const caseCounterDelta = (
  before: CountedCase | null,
  after: CountedCase | null,
): OfficeCounterDelta[] =>
  mergeCounterDeltas([
    ...(before
      ? [{ tenantId: before.tenantId, officeId: before.officeId, counters: negated(countersOf(before)) }]
      : []),
    ...(after ? [{ tenantId: after.tenantId, officeId: after.officeId, counters: countersOf(after) }] : []),
  ]);

/** The counters of every office holding one of the cases: what the stats items must say. */
export const officeCountersOf = (records: readonly CountedCase[]): OfficeCounterDelta[] =>
  mergeCounterDeltas(records.flatMap((record) => caseCounterDelta(null, record)));

// ── Life-stage milestones ─────────────────────────────────────────────────────
/** 18: the child plan moves to an adult plan; 65: long-term-care insurance comes first (seed 001). */
export const MILESTONE_AGES = [18, 65] as const;
export type MilestoneAge = (typeof MILESTONE_AGES)[number];

export interface Milestone {
  tenantId: string;
  officeId: string;
  caseId: string;
  age: MilestoneAge;
  reachesOn: string;
}

/**
 * The days the person of an open case reaches 18 and 65. A day before the case opened is left
 * out: a case never opens in the future, so such a day can never fall in a window from today on.
 */
export const milestonesOf = (record: CountedCase): Milestone[] =>
  isActiveCase(record)
    ? MILESTONE_AGES.map((age) => ({
        tenantId: record.tenantId,
        officeId: record.officeId,
        caseId: record.caseId,
        age,
        reachesOn: dateOfReachingAge(record.birthDate, age),
      })).filter((milestone) => milestone.reachesOn >= record.openedOn)
    : [];

const milestoneKey = (milestone: Milestone) =>
  [milestone.tenantId, milestone.reachesOn, milestone.officeId, milestone.age, milestone.caseId].join('/');

/** Milestone items a case write deletes and writes (the unchanged ones are left alone). */
export const milestoneChanges = (
  before: CountedCase | null,
  after: CountedCase | null,
): { removed: Milestone[]; added: Milestone[] } => {
  const old = before ? milestonesOf(before) : [];
  const next = after ? milestonesOf(after) : [];
  const oldKeys = new Set(old.map(milestoneKey));
  const nextKeys = new Set(next.map(milestoneKey));
  return {
    removed: old.filter((milestone) => !nextKeys.has(milestoneKey(milestone))),
    added: next.filter((milestone) => !oldKeys.has(milestoneKey(milestone))),
  };
};
