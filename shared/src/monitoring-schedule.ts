import { addMonths, daysInMonth, parseIsoDate } from './calendar.ts';

/**
 * Monitoring is planned by month (モニタリング実施月), as municipalities set it in the service
 * decision (支給決定): a monitoring anywhere in a due month counts, and the month is overdue once its
 * last day has passed. Working by month keeps 31st-of-month and 29 February starts exact.
 *
 * The schedule, from the decision's first month M:
 * - new use or a big change (`intensiveStart`): M+1, M+2, M+3, then every `periodMonths` after M+3;
 * - otherwise every `periodMonths` after M;
 * within the decision's validity (to the month of `validTo`). Paused service use does not stop it:
 * a paused person stays connected and monitored (seed 000).
 */
export interface ServiceDecisionTerms {
  validFrom: string;
  validTo: string;
  periodMonths: number;
  intensiveStart: boolean;
}

/** `YYYY-MM` */
export type YearMonth = string;

const monthOf = (iso: string): YearMonth => iso.slice(0, 7);
const monthIndex = (month: YearMonth): number =>
  Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthFromIndex = (index: number): YearMonth =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

export const lastDayOfMonth = (month: YearMonth): string => {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  return `${month}-${String(daysInMonth(year, monthNumber)).padStart(2, '0')}`;
};

/** Every due month of a decision, in order. */
export const scheduledMonths = (terms: ServiceDecisionTerms): YearMonth[] => {
  parseIsoDate(terms.validFrom);
  parseIsoDate(terms.validTo);
  if (!Number.isInteger(terms.periodMonths) || terms.periodMonths < 1 || terms.periodMonths > 12) {
    throw new RangeError('monitoring period must be 1–12 months (at least yearly)');
  }
  const first = monthIndex(monthOf(terms.validFrom));
  const last = monthIndex(monthOf(terms.validTo));
  const months: number[] = [];
  if (terms.intensiveStart) {
    for (let offset = 1; offset <= 3; offset += 1) months.push(first + offset);
    for (let index = first + 3 + terms.periodMonths; index <= last; index += terms.periodMonths)
      months.push(index);
  } else {
    for (let index = first + terms.periodMonths; index <= last; index += terms.periodMonths)
      months.push(index);
  }
  return months.map(monthFromIndex);
};

export interface MonitoringStatus {
  /** The next month a monitoring is due, or null when the decision's schedule is complete. */
  nextDueMonth: YearMonth | null;
  /** The last day of that month: after it the monitoring is overdue. */
  nextDueDate: string | null;
  overdue: boolean;
}

/**
 * Where a case stands: the first scheduled month not yet covered by a monitoring. A monitoring in a
 * month covers that month and every earlier scheduled month (an extra monitoring counts too).
 */
export const monitoringStatus = (
  terms: ServiceDecisionTerms,
  monitoringDates: readonly string[],
  today: string,
): MonitoringStatus => {
  const latest = monitoringDates.reduce<string | null>(
    (max, date) => (max === null || date > max ? date : max),
    null,
  );
  const coveredThrough = latest ? monthIndex(monthOf(latest)) : -Infinity;
  const next = scheduledMonths(terms).find((month) => monthIndex(month) > coveredThrough) ?? null;
  if (!next) return { nextDueMonth: null, nextDueDate: null, overdue: false };
  const nextDueDate = lastDayOfMonth(next);
  return { nextDueMonth: next, nextDueDate, overdue: today > nextDueDate };
};

/**
 * The next due day a case shows while a decision is in force. When the decision's schedule has no
 * month left (a 6-month period in a 12-month decision: one scheduled month), the monitoring before
 * renewal (継続サービス利用支援 in the decision's last month, the plan for the next decision) is the
 * next one due: a case under a decision in force is never without a due date. After the decision's
 * last month, or once a monitoring covers it, there is none (the renewal is flagged instead).
 * Only the case's due date follows this: the on-time rate counts the scheduled months (ADR 0024).
 */
export const nextDueWithinDecision = (
  terms: ServiceDecisionTerms,
  monitoringDates: readonly string[],
  today: string,
): string | null => {
  const scheduled = monitoringStatus(terms, monitoringDates, today).nextDueDate;
  if (scheduled) return scheduled;
  const lastMonth = monthOf(terms.validTo);
  const covered = monitoringDates.some((date) => monthOf(date) >= lastMonth);
  return covered || today > lastDayOfMonth(lastMonth) ? null : lastDayOfMonth(lastMonth);
};

/** A decision ending within this many months is shown for renewal (支給決定の更新). */
export const RENEWAL_NOTICE_MONTHS = 3;

export const DECISION_STANDINGS = ['in_force', 'ending', 'expired'] as const;
export type DecisionStanding = (typeof DECISION_STANDINGS)[number];

export const DECISION_STANDING_LABELS: Record<DecisionStanding, string> = {
  in_force: '支給決定期間内',
  ending: '更新時期（3か月以内に終了）',
  expired: '支給決定期間が終了（新しい決定が未登録）',
};

/**
 * Where a case's decision stands on a day: ending from RENEWAL_NOTICE_MONTHS before its last day
 * through that day, expired the day after, until a new decision is recorded (which replaces it).
 */
export const decisionStandingOf = (validTo: string, today: string): DecisionStanding => {
  if (validTo < today) return 'expired';
  return validTo <= addMonths(today, RENEWAL_NOTICE_MONTHS) ? 'ending' : 'in_force';
};
