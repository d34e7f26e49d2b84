import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getAssessment as readAssessment } from '../data/record-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { getAssessmentRoute } from '@kikan/shared/contracts/caseload';

/** A full read of the person's history and health: audited like a plan's. */
export const getAssessment: Operation<typeof getAssessmentRoute> = async (input) => {
  const { ctx, params, requestId, now } = input;
  const record = await readableCase(input, params.caseId);
  const assessment = await readAssessment(ctx.tenantId, record.caseId, params.assessmentVersion);
  if (!assessment) throw new NotFoundError();
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'assessment',
      recordId: assessment.recordId,
      recordOfficeId: record.officeId,
    }),
  );
  return assessment;
};
