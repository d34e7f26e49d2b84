import { Plan, todayInJapan, upgradeLegacyPlan } from '@kikan/shared';
import { finalizePlan as storeFinalPlan, getPlan } from '../data/record-store.ts';
import { withPlanActivity } from '../data/statistics-counters.ts';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { checkConsentAfterCreation } from './history-days.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { finalizePlanRoute } from '@kikan/shared/contracts/caseload';

/** Draft (計画案) → final (本計画) with the consent date; the case points at its plan in force. */
export const finalizePlan: GuardedOperation<typeof finalizePlanRoute, { target: CaseRecord; plan: Plan }> = {
  authorize: async (input) => {
    const target = await writableCase(input, input.params.caseId);
    const plan = await getPlan(input.ctx.tenantId, target.caseId, input.params.planVersion);
    if (!plan) throw new NotFoundError();
    return { target, plan };
  },
  // If-Match names the plan's version: the function core checks it after any replay, before these.
  versionOf: ({ plan }) => plan.version,
  run: async ({ ctx, body, idempotency, requestId, now }, { target, plan }) => {
    const record = requireOpen(target);
    if (plan.status === 'final') throw new ConflictError('この版は既に本計画です');
    if (plan.planVersion < (record.currentPlanVersion ?? 0)) {
      throw new ConflictError('より新しい本計画があるため、この版は本計画にできません');
    }
    if (body.consentOn > todayInJapan(now)) {
      throw new ValidationError([{ field: 'body.consentOn', message: '同意日に未来の日付は指定できません' }]);
    }
    checkConsentAfterCreation(body.consentOn, plan.createdOn);
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
      expectedVersion: plan.version,
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
    return replayed ? Plan.parse(upgradeLegacyPlan(replayed.body)) : final;
  },
};
