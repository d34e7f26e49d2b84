import { CASE_PHASES, type CasePhase, type CaseView } from '@kikan/shared';

/** Cases per phase, every phase present (zero included) in cycle order. */
export const countByPhase = (cases: readonly CaseView[]): Record<CasePhase, number> => {
  const counts = Object.fromEntries(CASE_PHASES.map((phase) => [phase, 0])) as Record<CasePhase, number>;
  for (const item of cases) counts[item.phase] += 1;
  return counts;
};

export interface SpecialistLoad {
  userId: string;
  name: string;
  /** Open cases: every phase but closed. */
  open: number;
  overdue: number;
  dueSoon: number;
}

/**
 * 担当件数: open cases per assigned specialist of the office. Staff who hold no case are listed with
 * zero (a manager balancing the load needs to see them); heaviest load first, then by name.
 */
export const loadPerSpecialist = (
  cases: readonly CaseView[],
  staff: readonly { userId: string; displayName: string }[],
  today: string,
): SpecialistLoad[] => {
  const rows = new Map<string, SpecialistLoad>(
    staff.map((member) => [
      member.userId,
      { userId: member.userId, name: member.displayName, open: 0, overdue: 0, dueSoon: 0 },
    ]),
  );
  const thisMonth = today.slice(0, 7);
  for (const item of cases) {
    if (item.visibility !== 'full' || item.phase === 'closed') continue;
    const row = rows.get(item.specialistUserId) ?? {
      userId: item.specialistUserId,
      name: item.specialistUserId,
      open: 0,
      overdue: 0,
      dueSoon: 0,
    };
    row.open += 1;
    if (item.monitoringOverdue) row.overdue += 1;
    else if (item.nextMonitoringDueOn?.startsWith(thisMonth)) row.dueSoon += 1;
    rows.set(item.specialistUserId, row);
  }
  return [...rows.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name, 'ja'));
};

export interface DueGroup<T> {
  /** null: the caller's own list, shown without a heading. */
  specialist: { userId: string; name: string } | null;
  cases: T[];
}

/**
 * A due list (overdue, or due this month) as the page shows it: earliest due date first, and for
 * the office list grouped by specialist so each person finds their own rows.
 */
export const groupDueList = <T extends CaseView>(
  cases: readonly T[],
  scope: 'mine' | 'office',
  nameOf: (userId: string) => string,
): DueGroup<T>[] => {
  const sorted = [...cases].sort(
    (a, b) =>
      (a.nextMonitoringDueOn ?? '').localeCompare(b.nextMonitoringDueOn ?? '') ||
      a.caseCode.localeCompare(b.caseCode),
  );
  if (scope === 'mine') return sorted.length > 0 ? [{ specialist: null, cases: sorted }] : [];
  const groups = new Map<string, DueGroup<T>>();
  for (const item of sorted) {
    const userId = item.visibility === 'full' ? item.specialistUserId : '';
    const group = groups.get(userId) ?? {
      specialist: { userId, name: userId ? nameOf(userId) : '担当者不明' },
      cases: [],
    };
    group.cases.push(item);
    groups.set(userId, group);
  }
  return [...groups.values()].sort((a, b) =>
    (a.specialist?.name ?? '').localeCompare(b.specialist?.name ?? '', 'ja'),
  );
};
