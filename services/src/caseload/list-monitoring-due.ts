import { lastDayOfMonth, todayInJapan, type CaseView } from '@kikan/shared';
import { listCasesDueForMonitoring } from '../data/cycle-store.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { listMonitoringDueRoute } from '@kikan/shared/contracts/caseload';

/** Overdue: the due month's last day has passed. Due: from today to the end of the month asked for. */
export const splitByDueDate = (cases: readonly CaseView[], today: string) => ({
  overdue: cases.filter((item) => item.nextMonitoringDueOn !== null && item.nextMonitoringDueOn < today),
  dueThisMonth: cases.filter(
    (item) => item.nextMonitoringDueOn !== null && item.nextMonitoringDueOn >= today,
  ),
});

/** The caller's own office only, the core center included (its cross-office view is a later issue). */
export const listMonitoringDue: Operation<typeof listMonitoringDueRoute> = async ({ ctx, query, now }) => {
  const today = todayInJapan(now);
  const month = query.month ?? today.slice(0, 7);
  const assignedTo = query.scope === 'mine' ? ctx.userId : undefined;
  const { items, truncated } = await listCasesDueForMonitoring(
    ctx.tenantId,
    ctx.officeId,
    lastDayOfMonth(month),
    assignedTo,
  );
  const views = items.flatMap((record) => {
    const visibility = caseVisibility(ctx, record);
    return visibility === 'none' ? [] : [toCaseView(record, visibility, now)];
  });
  return { scope: query.scope, month, today, ...splitByDueDate(views, today), truncated };
};
