import { CASE_WORKERS } from '../access-policy.ts';
import { ServiceDecisionInput } from '../caseload-records.ts';
import { CaseParams } from '../records-api.ts';
import {
  AcceptInput,
  InboxPage,
  InboxQuery,
  ReturnInput,
  Submission,
  SubmissionDetail,
  SubmissionInput,
  SubmissionList,
  SubmissionParams,
} from '../submissions.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

/** Submissions to the municipality (ADR 0043): the office submits, the municipality's caseworker reviews. */
const CASEWORKERS = ['municipal_caseworker'] as const;

export const submitDocumentRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/submissions',
  context: 'submissions',
  access: CASE_WORKERS,
  summary: "Submit a plan version (計画案 / 本計画) or a monitoring report to the person's municipality",
  params: CaseParams,
  body: SubmissionInput,
  response: Submission,
  successStatus: 201,
  idempotent: true,
});

export const listCaseSubmissionsRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/submissions',
  context: 'submissions',
  access: CASE_WORKERS,
  summary: "A case's submissions to the municipality, newest first (status and comment, no snapshot)",
  params: CaseParams,
  response: SubmissionList,
  successStatus: 200,
});

export const listInboxRoute = defineRoute({
  method: 'GET',
  path: '/api/submissions',
  context: 'submissions',
  access: CASEWORKERS,
  summary: "The caseworker's inbox: submissions to the caller's municipality in one month, newest first",
  query: InboxQuery,
  response: InboxPage,
  successStatus: 200,
});

export const getSubmissionRoute = defineRoute({
  method: 'GET',
  path: '/api/submissions/{submissionId}',
  context: 'submissions',
  access: CASEWORKERS,
  summary: 'One submission with the snapshot of what was submitted (audited as a read of the person)',
  params: SubmissionParams,
  response: SubmissionDetail,
  successStatus: 200,
});

export const acceptSubmissionRoute = defineRoute({
  method: 'POST',
  path: '/api/submissions/{submissionId}/accept',
  context: 'submissions',
  access: CASEWORKERS,
  summary: 'Accept (受理) a submission waiting for review (If-Match)',
  params: SubmissionParams,
  body: AcceptInput,
  response: Submission,
  successStatus: 200,
  versioned: true,
});

export const returnSubmissionRoute = defineRoute({
  method: 'POST',
  path: '/api/submissions/{submissionId}/return',
  context: 'submissions',
  access: CASEWORKERS,
  summary: 'Return (差戻し) a submission waiting for review, with a comment the office reads (If-Match)',
  params: SubmissionParams,
  body: ReturnInput,
  response: Submission,
  successStatus: 200,
  versioned: true,
});

export const recordSubmissionDecisionRoute = defineRoute({
  method: 'POST',
  path: '/api/submissions/{submissionId}/decision',
  context: 'submissions',
  access: CASEWORKERS,
  summary: "Record the 支給決定 on an accepted 計画案: it becomes the office's case's decision",
  params: SubmissionParams,
  body: ServiceDecisionInput,
  response: Submission,
  successStatus: 201,
  idempotent: true,
  conflictWhen: 'The submission is not an accepted 計画案, already has a decision, or the case is closed',
});

export const SUBMISSION_ROUTES: readonly RouteDefinition[] = [
  submitDocumentRoute,
  listCaseSubmissionsRoute,
  listInboxRoute,
  getSubmissionRoute,
  acceptSubmissionRoute,
  returnSubmissionRoute,
  recordSubmissionDecisionRoute,
];
