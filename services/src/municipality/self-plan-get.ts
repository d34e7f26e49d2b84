import type { getSelfPlanRoute } from '@kikan/shared/contracts/municipality';
import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import type { Operation } from '../http/route.ts';
import { ownSelfPlan } from './self-plan-access.ts';
import { selfPlanViewOf } from './self-plan-view.ts';

/** Every opening of a self-plan is one audit entry (SECURITY.md row 15). */
export const getSelfPlan: Operation<typeof getSelfPlanRoute> = async ({ ctx, params, requestId, now }) => {
  const record = await ownSelfPlan(ctx, params.selfPlanId);
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'municipal_self_plan',
      recordId: record.selfPlanId,
      recordOfficeId: record.divisionOfficeId,
    }),
  );
  return selfPlanViewOf(record);
};
