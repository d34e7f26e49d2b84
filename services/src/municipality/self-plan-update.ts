import type { updateSelfPlanRoute } from '@kikan/shared/contracts/municipality';
import { saveSelfPlan, type SelfPlanRecord } from '../data/self-plan-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { ValidationError } from '../kernel/errors.ts';
import { ownSelfPlan } from './self-plan-access.ts';
import { selfPlanProblems } from './self-plan-rules.ts';
import { selfPlanViewOf } from './self-plan-view.ts';

/** A correction replaces what was typed; the figures move by the difference in the same write. */
export const updateSelfPlan: GuardedOperation<typeof updateSelfPlanRoute, SelfPlanRecord> = {
  authorize: async ({ ctx, params }) => ownSelfPlan(ctx, params.selfPlanId),
  versionOf: (record) => record.version,
  run: async ({ ctx, body, requestId, now }, previous) => {
    const errors = selfPlanProblems(body, now);
    if (errors.length) throw new ValidationError(errors);
    const { decision: _decision, ...kept } = previous;
    const record: SelfPlanRecord = {
      ...kept,
      ...body,
      version: previous.version + 1,
      updatedAt: now.toISOString(),
      updatedBy: ctx.userId,
    };
    await saveSelfPlan({ ctx, requestId, now }, record, previous);
    return selfPlanViewOf(record);
  },
};
