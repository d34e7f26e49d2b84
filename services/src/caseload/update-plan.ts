import { todayInJapan, type Plan } from '@kikan/shared';
import { getPlan, updatePlan as storePlan } from '../data/record-store.ts';
import { isDocumentLocked } from '../data/submission-store.ts';
import { SUBMITTED_DOCUMENT_LOCKED } from '../data/transaction.ts';
import { ConflictError, NotFoundError } from '../kernel/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { checkHistoryDay } from './history-days.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { updatePlanRoute } from '@kikan/shared/contracts/caseload';

/**
 * Only a draft changes (its 計画作成日 too, kept when left out); the final plan the person consented to
 * stays as it was signed.
 */
export const updatePlan: GuardedOperation<typeof updatePlanRoute, { record: CaseRecord; plan: Plan }> = {
  // Not idempotent (no replay): every refusal comes before the version check, as it always did.
  authorize: async (input) => {
    const { ctx, params } = input;
    const record = requireOpen(await writableCase(input, params.caseId));
    const plan = await getPlan(ctx.tenantId, record.caseId, params.planVersion);
    if (!plan) throw new NotFoundError();
    if (plan.status === 'final')
      throw new ConflictError('本計画は変更できません。新しい版を作成してください');
    // A 計画案 waiting for the municipality's review is what it reviews (ADR 0043): said before the
    // version check; the write itself stands only while the lock is absent (record-store).
    if (await isDocumentLocked(ctx.tenantId, record.caseId, plan.recordId)) {
      throw new ConflictError(SUBMITTED_DOCUMENT_LOCKED);
    }
    return { record, plan };
  },
  versionOf: ({ plan }) => plan.version,
  run: async ({ ctx, body, requestId, now }, { record, plan }) => {
    const { createdOn = plan.createdOn, ...content } = body;
    if (body.createdOn !== undefined) {
      checkHistoryDay('body.createdOn', '計画作成日', body.createdOn, {
        openedOn: record.openedOn,
        today: todayInJapan(now),
      });
    }
    const next: Plan = {
      ...plan,
      content,
      ...(createdOn === undefined ? {} : { createdOn }),
      version: plan.version + 1,
      updatedAt: now.toISOString(),
    };
    await storePlan({ ctx, requestId, now }, record, next, plan.version);
    return next;
  },
};
