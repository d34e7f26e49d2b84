import { randomUUID } from 'node:crypto';
import { Plan, todayInJapan, upgradeLegacyPlan } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { createPlan as storePlan, latestPlanVersion } from '../data/record-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { checkHistoryDay } from './history-days.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { createPlanRoute } from '@kikan/shared/contracts/caseload';

/**
 * Each plan is a new version (n + 1) starting as a draft (計画案), dated by its 計画作成日 (today
 * unless given); nothing is copied from the previous version unless the client sends it. Versions
 * are never overwritten.
 */
export const createPlan: GuardedOperation<typeof createPlanRoute, CaseRecord> = {
  authorize: (input) => writableCase(input, input.params.caseId),
  run: async ({ ctx, body, idempotency, requestId, now }, target) => {
    const record = requireOpen(target);
    const today = todayInJapan(now);
    const { createdOn = today, ...content } = body;
    checkHistoryDay('body.createdOn', '計画作成日', createdOn, { openedOn: record.openedOn, today });
    const at = now.toISOString();
    const plan: Plan = {
      recordId: randomUUID(),
      caseId: record.caseId,
      planVersion: (await latestPlanVersion(ctx.tenantId, record.caseId)) + 1,
      status: 'draft',
      content,
      createdOn,
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
    };
    const replayed = await storePlan({
      write: { ctx, requestId, now },
      caseRecord: record,
      idempotency,
      response: { status: 201, body: plan },
      plan,
    });
    return replayed ? Plan.parse(upgradeLegacyPlan(replayed.body)) : plan;
  },
};
