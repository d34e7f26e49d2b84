import type { getSubmissionRoute } from '@kikan/shared/contracts/submissions';
import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { submissionView } from '../data/submission-store.ts';
import type { Operation } from '../http/route.ts';
import { submissionOfCaseworker } from './caseworker-scope.ts';

/** The snapshot of what was submitted; every read is a read of the person (SECURITY.md row 15). */
export const getSubmission: Operation<typeof getSubmissionRoute> = async ({
  ctx,
  params,
  requestId,
  now,
}) => {
  const stored = await submissionOfCaseworker(ctx, params.submissionId);
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'person',
      recordId: stored.personId,
      recordOfficeId: stored.officeId,
    }),
  );
  return { ...submissionView(stored), snapshot: stored.snapshot };
};
