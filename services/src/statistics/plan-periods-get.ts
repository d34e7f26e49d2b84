import { readPlanPeriods } from '../data/plan-period-store.ts';
import type { Operation } from '../http/route.ts';
import type { getPlanPeriodsRoute } from '@kikan/shared/contracts/statistics';

/** The tenant's periods as it reads them: its own versions, and the product default of a period it has none of. */
export const getPlanPeriods: Operation<typeof getPlanPeriodsRoute> = async ({ ctx }) => ({
  periods: await readPlanPeriods(ctx.tenantId),
});
