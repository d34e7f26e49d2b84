import { randomUUID } from 'node:crypto';
import { Submission } from '@kikan/shared';
import type { recordSubmissionDecisionRoute } from '@kikan/shared/contracts/submissions';
import { getCaseForUpdate, writeCaseChange } from '../data/cycle-store.ts';
import { decisionAlongside, submissionView, type StoredSubmission } from '../data/submission-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { ConflictError, NotFoundError } from '../kernel/errors.ts';
import { retryOnceOnVersionConflict } from '../kernel/retry-on-version-conflict.ts';
import { stampOf } from '../kernel/stamp.ts';
import { applyServiceDecision } from '../caseload/case-changes.ts';
import { submissionOfCaseworker } from './caseworker-scope.ts';

const decidable = (stored: StoredSubmission): StoredSubmission => {
  if (stored.kind !== 'plan_draft' || stored.status !== 'accepted') {
    throw new ConflictError('支給決定は受理した計画案にだけ記録できます');
  }
  if (stored.decision) throw new ConflictError('この計画案の支給決定はすでに記録されています');
  return stored;
};

/**
 * The caseworker's 支給決定 on an accepted 計画案 becomes the office's case's decision through the
 * same write as the decisions import (applyServiceDecision, then the case and its DECISION record in
 * one transaction, ADR 0034): the monitoring schedule is recomputed, and the submission, its copies
 * and the office's news are written in that transaction too.
 */
export const recordSubmissionDecision: GuardedOperation<
  typeof recordSubmissionDecisionRoute,
  StoredSubmission
> = {
  authorize: async ({ ctx, params }) => submissionOfCaseworker(ctx, params.submissionId),
  run: async ({ ctx, params, body, idempotency, requestId, now }, firstRead) => {
    const recordId = randomUUID();
    return retryOnceOnVersionConflict(async (attempt) => {
      const before = decidable(
        attempt === 0 ? firstRead : await submissionOfCaseworker(ctx, params.submissionId),
      );
      const current = await getCaseForUpdate(ctx.tenantId, before.caseId);
      if (!current) throw new NotFoundError();
      if (current.phase === 'closed') throw new ConflictError('終結したケースには支給決定を記録できません');
      const { record, decision } = applyServiceDecision(current, body, stampOf(ctx, now), recordId);
      const after: StoredSubmission = { ...before, decision, version: before.version + 1 };
      const response = submissionView(after);
      const replayed = await writeCaseChange({
        write: { ctx, requestId, now },
        record,
        previous: current,
        added: { kind: 'DECISION', record: decision },
        create: { idempotency, response: { status: 201, body: response } },
        alongside: decisionAlongside(ctx.tenantId, before, after, now),
      });
      return replayed ? Submission.parse(replayed.body) : response;
    });
  },
};
