import { Assessment } from '@kikan/shared';
import { getAssessment, updateAssessment as storeAssessment } from '../data/record-store.ts';
import { ConflictError, NotFoundError } from '../kernel/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { finalizeAssessmentRoute } from '@kikan/shared/contracts/caseload';

/** Draft → final: the assessment the plan starts from is read-only from then on. */
export const finalizeAssessment: GuardedOperation<
  typeof finalizeAssessmentRoute,
  { target: CaseRecord; assessment: Assessment }
> = {
  authorize: async (input) => {
    const target = await writableCase(input, input.params.caseId);
    const assessment = await getAssessment(input.ctx.tenantId, target.caseId, input.params.assessmentVersion);
    if (!assessment) throw new NotFoundError();
    return { target, assessment };
  },
  // If-Match names the assessment's version: the function core checks it after any replay.
  versionOf: ({ assessment }) => assessment.version,
  run: async ({ ctx, idempotency, requestId, now }, { target, assessment }) => {
    const record = requireOpen(target);
    if (assessment.status === 'final') throw new ConflictError('このアセスメントは既に確定しています');
    const at = now.toISOString();
    const final: Assessment = {
      ...assessment,
      status: 'final',
      finalizedAt: at,
      version: assessment.version + 1,
      updatedAt: at,
    };
    const replayed = await storeAssessment({
      write: { ctx, requestId, now },
      caseRecord: record,
      assessment: final,
      expectedVersion: assessment.version,
      replay: { idempotency, response: { status: 200, body: final } },
    });
    return replayed ? Assessment.parse(replayed.body) : final;
  },
};
