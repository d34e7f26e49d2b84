import type { acceptSubmissionRoute, returnSubmissionRoute } from '@kikan/shared/contracts/submissions';
import { submissionView, writeReview, type StoredSubmission } from '../data/submission-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { ConflictError } from '../kernel/errors.ts';
import { submissionOfCaseworker } from './caseworker-scope.ts';

const awaitingReview = (stored: StoredSubmission): StoredSubmission => {
  if (stored.status !== 'submitted')
    throw new ConflictError('この提出書類はすでに受理または差し戻されています');
  return stored;
};

const review = (
  status: 'accepted' | 'returned',
): GuardedOperation<typeof acceptSubmissionRoute | typeof returnSubmissionRoute, StoredSubmission> => ({
  authorize: async ({ ctx, params }) => submissionOfCaseworker(ctx, params.submissionId),
  versionOf: (stored) => stored.version,
  run: async ({ ctx, body, requestId, now }, target) => {
    const before = awaitingReview(target);
    const after: StoredSubmission = {
      ...before,
      status,
      reviewedAt: now.toISOString(),
      reviewedBy: ctx.userId,
      ...(body.comment ? { comment: body.comment } : {}),
      version: before.version + 1,
    };
    await writeReview({ ctx, requestId, now }, before, after);
    return submissionView(after);
  },
});

/** 受理: the document leaves the office's lock; a 計画案 may now get its 支給決定. */
export const acceptSubmission = review('accepted');
/** 差戻し with the comment the office reads; the draft may be edited and submitted again. */
export const returnSubmission = review('returned');
