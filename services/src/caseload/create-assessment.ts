import { randomUUID } from 'node:crypto';
import { Assessment, todayInJapan } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { createAssessment as storeAssessment, latestAssessmentVersion } from '../data/record-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { checkHistoryDay } from './history-days.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { createAssessmentRoute } from '@kikan/shared/contracts/caseload';

/**
 * Each assessment is a new version (n + 1) starting as a draft, dated by its 実施日 (today unless
 * given, within the case's days as a plan's 計画作成日 is). A re-assessment is a new version; the
 * earlier ones stay as they were.
 */
export const createAssessment: GuardedOperation<typeof createAssessmentRoute, CaseRecord> = {
  authorize: (input) => writableCase(input, input.params.caseId),
  run: async ({ ctx, body, idempotency, requestId, now }, target) => {
    const record = requireOpen(target);
    const today = todayInJapan(now);
    const { conductedOn = today, ...content } = body;
    checkHistoryDay('body.conductedOn', '実施日', conductedOn, { openedOn: record.openedOn, today });
    const at = now.toISOString();
    const assessment: Assessment = {
      recordId: randomUUID(),
      caseId: record.caseId,
      assessmentVersion: (await latestAssessmentVersion(ctx.tenantId, record.caseId)) + 1,
      status: 'draft',
      content,
      conductedOn,
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
    };
    const replayed = await storeAssessment({
      write: { ctx, requestId, now },
      caseRecord: record,
      idempotency,
      response: { status: 201, body: assessment },
      assessment,
    });
    return replayed ? Assessment.parse(replayed.body) : assessment;
  },
};
