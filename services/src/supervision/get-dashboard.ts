import { NEARING_AGE_MONTHS, addMonths, lastDayOfMonth, todayInJapan } from '@kikan/shared';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { countMonitoringDue, readMilestonesWithin, readOfficeCounters } from '../data/office-stats-store.ts';
import type { Operation } from '../http/route.ts';
import { dashboardOf, supervisedOffices } from './dashboard-figures.ts';
import type { getDashboardRoute } from '@kikan/shared/contracts/supervision';

/**
 * One load reads the directory (offices, staff), every office's counters in one Query, the
 * tenant's milestones of the coming months in one Query, and per office with open cases one
 * key-only Query of the due index: a number of requests that does not grow with the caseload.
 */
export const getDashboard: Operation<typeof getDashboardRoute> = async ({ ctx, now }) => {
  const today = todayInJapan(now);
  const nearingUntil = addMonths(today, NEARING_AGE_MONTHS);
  const monthEnd = lastDayOfMonth(today.slice(0, 7));
  const [offices, users, counters, milestones] = await Promise.all([
    listOffices(ctx.tenantId),
    listUsers(ctx.tenantId),
    readOfficeCounters(ctx.tenantId),
    readMilestonesWithin(ctx.tenantId, today, nearingUntil),
  ]);
  // The due index holds open cases only: an office without one has nothing due.
  const withOpenCases = supervisedOffices(offices).filter(
    (office) => (counters.get(office.officeId)?.activeCases ?? 0) > 0,
  );
  const due = new Map(
    await Promise.all(
      withOpenCases.map(
        async (office) =>
          [
            office.officeId,
            await countMonitoringDue(ctx.tenantId, office.officeId, today, monthEnd),
          ] as const,
      ),
    ),
  );
  return dashboardOf({ today, nearingUntil, offices, users, counters, due, milestones });
};
