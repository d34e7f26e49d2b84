import { Plan, todayInJapan } from '@kikan/shared';
import { finalizePlan as storeFinalPlan, getPlan } from '../data/record-store.ts';
import { withPlanActivity } from '../data/statistics-counters.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { requireOpen, requireVersion, writableCase } from './record-access.ts';
import type { finalizePlanRoute } from '@kikan/shared/contracts/caseload';

/** Draft (計画案) → final (本計画) with the consent date; the case points at its plan in force. */
export const finalizePlan: GuardedOperation<typeof finalizePlanRoute, CaseRecord> = {
  authorize: (input) => writableCase(input, input.params.caseId),
  run: async ({ ctx, params, body, ifMatch, idempotency, requestId, now }, target) => {
    const record = requireOpen(target);
    const plan = await getPlan(ctx.tenantId, record.caseId, params.planVersion);
    if (!plan) throw new NotFoundError();
    if (plan.status === 'final') throw new ConflictError('この版は既に本計画です');
    if (plan.planVersion < (record.currentPlanVersion ?? 0)) {
      throw new ConflictError('より新しい本計画があるため、この版は本計画にできません');
    }
    const expectedVersion = requireVersion(ifMatch, plan.version);
    if (body.consentOn > todayInJapan(now)) {
      throw new ValidationError([{ field: 'body.consentOn', message: '同意日に未来の日付は指定できません' }]);
    }
    const at = now.toISOString();
    const final: Plan = {
      ...plan,
      status: 'final',
      consentOn: body.consentOn,
      finalizedAt: at,
      version: plan.version + 1,
      updatedAt: at,
    };
    const replayed = await storeFinalPlan({
      write: { ctx, requestId, now },
      idempotency,
      response: { status: 200, body: final },
      plan: final,
      expectedVersion,
      caseRecord: {
        ...record,
        currentPlanVersion: plan.planVersion,
        activity: withPlanActivity(record.activity, body.consentOn),
        version: record.version + 1,
        updatedAt: at,
        updatedBy: ctx.userId,
      },
      previousCase: record,
    });
    return replayed ? Plan.parse(replayed.body) : final;
  },
};
