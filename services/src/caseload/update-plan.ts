import type { Plan } from '@kikan/shared';
import { getPlan, updatePlan as storePlan } from '../data/record-store.ts';
import { ConflictError, NotFoundError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import { requireOpen, requireVersion, writableCase } from './record-access.ts';
import type { updatePlanRoute } from '@kikan/shared/contracts/caseload';

/** Only a draft changes; the final plan the person consented to stays as it was signed. */
export const updatePlan: Operation<typeof updatePlanRoute> = async (input) => {
  const { ctx, params, body, ifMatch, requestId, now } = input;
  const record = requireOpen(await writableCase(input, params.caseId));
  const plan = await getPlan(ctx.tenantId, record.caseId, params.planVersion);
  if (!plan) throw new NotFoundError();
  if (plan.status === 'final') throw new ConflictError('本計画は変更できません。新しい版を作成してください');
  const expectedVersion = requireVersion(ifMatch, plan.version);
  const next: Plan = { ...plan, content: body, version: plan.version + 1, updatedAt: now.toISOString() };
  await storePlan({ ctx, requestId, now }, record, next, expectedVersion);
  return next;
};
