import type { listSelfPlansRoute } from '@kikan/shared/contracts/municipality';
import { readSelfPlans } from '../data/self-plan-store.ts';
import type { Operation } from '../http/route.ts';
import { callerMunicipality } from './caller-municipality.ts';

/** Name, number, reason and dates only: the full record is the audited read of one self-plan. */
export const listSelfPlans: Operation<typeof listSelfPlansRoute> = async ({ ctx }) => {
  const { municipalityCode } = await callerMunicipality(ctx);
  const records = await readSelfPlans(ctx.tenantId, municipalityCode);
  return {
    items: records.map((record) => ({
      selfPlanId: record.selfPlanId,
      name: record.person.name,
      recipientNumber: record.person.recipientNumber,
      serviceKind: record.serviceKind,
      selfPlanReason: record.selfPlanReason,
      filedOn: record.filedOn,
      ...(record.decision ? { decision: record.decision } : {}),
    })),
  };
};
