import type { TenantContext } from '@kikan/shared';
import { getSelfPlan, type SelfPlanRecord } from '../data/self-plan-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { callerMunicipality } from './caller-municipality.ts';

/** A self-plan of the caller's municipality; another municipality's is the same 404 as none. */
export const ownSelfPlan = async (ctx: TenantContext, selfPlanId: string): Promise<SelfPlanRecord> => {
  const { municipalityCode } = await callerMunicipality(ctx);
  const record = await getSelfPlan(ctx.tenantId, municipalityCode, selfPlanId);
  if (!record) throw new NotFoundError();
  return record;
};
