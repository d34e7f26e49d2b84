import {
  acceptSubmissionRoute,
  getSubmissionRoute,
  listCaseSubmissionsRoute,
  listInboxRoute,
  recordSubmissionDecisionRoute,
  returnSubmissionRoute,
  submitDocumentRoute,
} from '@kikan/shared/contracts/submissions';
import { bind, type RouteBinding } from '../http/create-function.ts';
import { getSubmission } from './get-submission.ts';
import { listCaseSubmissions } from './list-case-submissions.ts';
import { listInbox } from './list-inbox.ts';
import { recordSubmissionDecision } from './record-submission-decision.ts';
import { acceptSubmission, returnSubmission } from './review-submission.ts';
import { submitDocument } from './submit-document.ts';

export const SUBMISSION_BINDINGS: readonly RouteBinding[] = [
  bind(submitDocumentRoute, submitDocument),
  bind(listCaseSubmissionsRoute, listCaseSubmissions),
  bind(listInboxRoute, listInbox),
  bind(getSubmissionRoute, getSubmission),
  bind(acceptSubmissionRoute, acceptSubmission),
  bind(returnSubmissionRoute, returnSubmission),
  bind(recordSubmissionDecisionRoute, recordSubmissionDecision),
];
