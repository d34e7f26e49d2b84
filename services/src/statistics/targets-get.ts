import type { TargetsView } from '@kikan/shared';
import { readTargets } from '../data/statistics-config-store.ts';
import { readPeriodById } from './plan-periods.ts';
import type { Operation } from '../http/route.ts';
import type { getTargetsRoute } from '@kikan/shared/contracts/statistics';

/**
 * A period without saved targets is an empty table at version 0: the first save names "0". A
 * period the tenant has no definition of is a 404.
 */
export const getTargets: Operation<typeof getTargetsRoute> = async ({
  ctx,
  params,
}): Promise<TargetsView> => {
  const [, stored] = await Promise.all([
    readPeriodById(ctx.tenantId, params.periodId),
    readTargets(ctx.tenantId, params.periodId, true),
  ]);
  return {
    periodId: params.periodId,
    targets: stored?.targets ?? {},
    byMunicipality: stored?.byMunicipality ?? {},
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
  };
};
