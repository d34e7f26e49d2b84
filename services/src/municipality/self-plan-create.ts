import { randomUUID } from 'node:crypto';
import { SelfPlanView } from '@kikan/shared';
import type { createSelfPlanRoute } from '@kikan/shared/contracts/municipality';
import { createSelfPlan as storeSelfPlan, type SelfPlanRecord } from '../data/self-plan-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { ValidationError } from '../kernel/errors.ts';
import { callerMunicipality, type CallerMunicipality } from './caller-municipality.ts';
import { selfPlanProblems } from './self-plan-rules.ts';
import { selfPlanViewOf } from './self-plan-view.ts';

/** Registered in the caller's municipality, whatever the body says: the key is built from it. */
export const createSelfPlan: GuardedOperation<typeof createSelfPlanRoute, CallerMunicipality> = {
  authorize: async ({ ctx }) => callerMunicipality(ctx),
  run: async ({ ctx, body, idempotency, requestId, now }, municipality) => {
    const errors = selfPlanProblems(body, now);
    if (errors.length) throw new ValidationError(errors);
    const at = now.toISOString();
    const record: SelfPlanRecord = {
      ...body,
      selfPlanId: randomUUID(),
      tenantId: ctx.tenantId,
      municipalityCode: municipality.municipalityCode,
      divisionOfficeId: municipality.divisionOfficeId,
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
      updatedBy: ctx.userId,
    };
    const view = selfPlanViewOf(record);
    const replay = await storeSelfPlan({ ctx, requestId, now }, record, {
      idempotency,
      response: { status: 201, body: view },
    });
    return replay ? SelfPlanView.parse(replay.body) : view;
  },
};
