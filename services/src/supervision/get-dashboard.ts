import { NEARING_AGE_MONTHS, addMonths, todayInJapan } from '@kikan/shared';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { readMilestonesWithin, readOfficeCounters } from '../data/office-stats-store.ts';
import type { Operation } from '../http/route.ts';
import { dashboardOf } from './dashboard-figures.ts';
import type { getDashboardRoute } from '@kikan/shared/contracts/supervision';

/**
 * One load reads the directory (offices, staff), every office's counters (due days included,
 * ADR 0026) in one Query and the tenant's milestones of the coming months in one Query: a number
 * of requests that grows with neither the caseload nor the number of offices.
 */
export const getDashboard: Operation<typeof getDashboardRoute> = async ({ ctx, now }) => {
  const today = todayInJapan(now);
  const nearingUntil = addMonths(today, NEARING_AGE_MONTHS);
  const [offices, users, counters, milestones] = await Promise.all([
    listOffices(ctx.tenantId),
    listUsers(ctx.tenantId),
    readOfficeCounters(ctx.tenantId),
    readMilestonesWithin(ctx.tenantId, today, nearingUntil),
  ]);
  return dashboardOf({ today, nearingUntil, offices, users, counters, milestones });
};
