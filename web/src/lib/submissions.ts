import {
  SUBMISSION_KIND_LABELS,
  SUBMISSION_STATUS_LABELS,
  todayInJapan,
  type Submission,
  type SubmissionInput,
} from '@kikan/shared';

/** What the office's pages say of a submission: 「市町村へ提出済み（受付待ち）」, 「差戻し」… */
export const submissionStatusText = (submission: Pick<Submission, 'status'>): string =>
  submission.status === 'submitted'
    ? '市町村へ提出済み（受付待ち）'
    : `市町村：${SUBMISSION_STATUS_LABELS[submission.status]}`;

export const submissionKindText = (submission: Pick<Submission, 'kind'>): string =>
  SUBMISSION_KIND_LABELS[submission.kind];

/** The submissions of one document, newest first (the case's list is newest first already). */
export const submissionsOfDocument = (submissions: readonly Submission[], documentId: string): Submission[] =>
  submissions.filter((submission) => submission.documentId === documentId);

/** Whether the office may submit the document now: not while it waits, not once accepted. */
export const maySubmit = (ofDocument: readonly Submission[]): boolean =>
  !ofDocument.some((submission) => submission.status === 'submitted' || submission.status === 'accepted');

export const submittedDay = (submission: Pick<Submission, 'submittedAt'>): string =>
  todayInJapan(new Date(submission.submittedAt));

export type { SubmissionInput };
