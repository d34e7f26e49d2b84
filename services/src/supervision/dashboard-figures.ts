import { isOfficeStaff } from '@kikan/shared/access-policy';
import {
  DIFFICULT_CATEGORIES,
  SELF_PLAN_REASONS,
  type Dashboard,
  type DashboardFigures,
  type Office,
  type SpecialistLoad,
  type User,
} from '@kikan/shared';
import {
  DIFFICULT_CATEGORY_PREFIX,
  SELF_PLAN_REASON_PREFIX,
  SPECIALIST_PREFIX,
  counterValue,
  dueCountsOf,
  type Counters,
  type DueCounts,
} from '../data/office-counters.ts';
import type { MilestoneRow } from '../data/office-stats-store.ts';

export interface DashboardSources {
  today: string;
  nearingUntil: string;
  offices: Office[];
  users: User[];
  counters: Map<string, Counters>;
  /** Milestones from today to nearingUntil, every office. */
  milestones: MilestoneRow[];
}

/** Offices that hold cases; the municipality's own division supervises none. */
export const supervisedOffices = (offices: readonly Office[]): Office[] =>
  offices.filter((office) => office.type !== 'municipal_division');

const rateOf = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

const figuresOf = (
  counters: Counters,
  due: DueCounts,
  nearing: { nearing18: number; nearing65: number },
): DashboardFigures => {
  const planCases = counterValue(counters, 'planCases');
  const selfPlan = counterValue(counters, 'selfPlan');
  return {
    activeCases: counterValue(counters, 'activeCases'),
    monitoringOverdue: due.overdue,
    monitoringDueThisMonth: due.dueThisMonth,
    decisionEnding: due.decisionEnding,
    decisionExpired: due.decisionExpired,
    planCases,
    withoutFinalPlan: counterValue(counters, 'withoutFinalPlan'),
    selfPlan,
    selfPlanRate: rateOf(selfPlan, planCases),
    selfPlanByReason: Object.fromEntries(
      SELF_PLAN_REASONS.map((reason) => [
        reason,
        counterValue(counters, `${SELF_PLAN_REASON_PREFIX}${reason}`),
      ]),
    ) as DashboardFigures['selfPlanByReason'],
    openDifficult: counterValue(counters, 'openDifficult'),
    openDifficultByCategory: Object.fromEntries(
      DIFFICULT_CATEGORIES.map((category) => [
        category,
        counterValue(counters, `${DIFFICULT_CATEGORY_PREFIX}${category}`),
      ]),
    ) as DashboardFigures['openDifficultByCategory'],
    ...nearing,
  };
};

/**
 * Staff who hold cases at the office (even someone since moved, named by id) and its specialists
 * and managers with none, heaviest load first.
 */
const specialistsOf = (office: Office, counters: Counters, users: readonly User[]): SpecialistLoad[] => {
  const loads = new Map<string, number>();
  for (const user of users) {
    if (user.officeId === office.officeId && isOfficeStaff(user.role)) {
      loads.set(user.userId, 0);
    }
  }
  for (const [name, value] of Object.entries(counters)) {
    if (name.startsWith(SPECIALIST_PREFIX) && (value ?? 0) > 0) {
      loads.set(name.slice(SPECIALIST_PREFIX.length), value ?? 0);
    }
  }
  const nameOf = new Map(users.map((user) => [user.userId, user.displayName]));
  return [...loads.entries()]
    .map(([userId, activeCases]) => ({ userId, displayName: nameOf.get(userId) ?? userId, activeCases }))
    .sort((a, b) => b.activeCases - a.activeCases || a.displayName.localeCompare(b.displayName, 'ja'));
};

const sumFigures = (rows: readonly DashboardFigures[]): DashboardFigures => {
  const total = (pick: (row: DashboardFigures) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  const planCases = total((row) => row.planCases);
  const selfPlan = total((row) => row.selfPlan);
  return {
    activeCases: total((row) => row.activeCases),
    monitoringOverdue: total((row) => row.monitoringOverdue),
    monitoringDueThisMonth: total((row) => row.monitoringDueThisMonth),
    decisionEnding: total((row) => row.decisionEnding),
    decisionExpired: total((row) => row.decisionExpired),
    planCases,
    withoutFinalPlan: total((row) => row.withoutFinalPlan),
    selfPlan,
    selfPlanRate: rateOf(selfPlan, planCases),
    selfPlanByReason: Object.fromEntries(
      SELF_PLAN_REASONS.map((reason) => [reason, total((row) => row.selfPlanByReason[reason])]),
    ) as DashboardFigures['selfPlanByReason'],
    openDifficult: total((row) => row.openDifficult),
    openDifficultByCategory: Object.fromEntries(
      DIFFICULT_CATEGORIES.map((category) => [
        category,
        total((row) => row.openDifficultByCategory[category]),
      ]),
    ) as DashboardFigures['openDifficultByCategory'],
    nearing18: total((row) => row.nearing18),
    nearing65: total((row) => row.nearing65),
  };
};

/** The dashboard from what one load reads: no case is read, only counters and milestones. */
export const dashboardOf = (sources: DashboardSources): Dashboard => {
  const offices = supervisedOffices(sources.offices).map((office) => {
    const counters = sources.counters.get(office.officeId) ?? {};
    const milestones = sources.milestones.filter((milestone) => milestone.officeId === office.officeId);
    return {
      officeId: office.officeId,
      name: office.name,
      operator: office.operator,
      type: office.type,
      specialists: specialistsOf(office, counters, sources.users),
      ...figuresOf(counters, dueCountsOf(counters, sources.today), {
        nearing18: milestones.filter((milestone) => milestone.age === 18).length,
        nearing65: milestones.filter((milestone) => milestone.age === 65).length,
      }),
    };
  });
  return {
    today: sources.today,
    nearingUntil: sources.nearingUntil,
    offices,
    totals: sumFigures(offices),
  };
};
