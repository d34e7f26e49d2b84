import {
  CaseParams,
  CaseView,
  ClosureProposalInput,
  DifficultBoardPage,
  DifficultBoardQuery,
  DifficultyDetail,
  DifficultyEscalateInput,
  DifficultyFlagInput,
  DifficultyResult,
  FollowUpDoneInput,
  OverdueReviewList,
  SupervisionFollowUpParams,
  SupervisionInput,
  SupervisionListQuery,
  SupervisionPage,
  SupervisionParams,
  SupervisionRequestInput,
  Supervision,
  SupportMeeting,
  SupportMeetingInput,
} from '@kikan/shared';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * Office staff and the core center; municipal officers and tenant admins see no individual case.
 * Who may do what on a case is decided per case by mayActOnDifficulty (policy/access-policy.ts).
 */
const CASE_WORKERS = ['specialist', 'office_manager', 'core_supervisor'] as const;
const CORE = ['core_supervisor'] as const;

// ── Difficult cases (困難事例) ──────────────────────────────────────────────────
export const flagDifficultyRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: 'The office flags its case as a difficult case with categories (If-Match on the case)',
  params: CaseParams,
  body: DifficultyFlagInput,
  response: DifficultyResult,
  successStatus: 201,
  idempotent: true,
});

export const getDifficultyRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/difficulty',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: "A case's difficulty file and support meetings (full visibility only, audited)",
  params: CaseParams,
  response: DifficultyDetail,
  successStatus: 200,
});

export const escalateDifficultyRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty/escalate',
  context: 'supervision',
  access: CASE_WORKERS,
  summary:
    'Escalate to the core center and share the case: needs the consent, or an emergency in a case of abuse (If-Match)',
  params: CaseParams,
  body: DifficultyEscalateInput,
  response: DifficultyResult,
  successStatus: 200,
  idempotent: true,
});

export const acceptDifficultyRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty/accept',
  context: 'supervision',
  access: CORE,
  summary: 'The core center accepts an escalated case (If-Match)',
  params: CaseParams,
  response: DifficultyResult,
  successStatus: 200,
  idempotent: true,
});

export const recordSupportMeetingRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty/support-meetings',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: 'Record a support meeting (支援会議): agencies and contributions, roles, next review date',
  params: CaseParams,
  body: SupportMeetingInput,
  response: SupportMeeting,
  successStatus: 201,
  idempotent: true,
});

export const proposeClosureRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty/propose-closure',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: 'Propose closing the difficult case with its outcome (If-Match)',
  params: CaseParams,
  body: ClosureProposalInput,
  response: DifficultyResult,
  successStatus: 200,
  idempotent: true,
});

export const approveClosureRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty/approve-closure',
  context: 'supervision',
  access: CORE,
  summary: 'A core supervisor approves the proposed closure (If-Match)',
  params: CaseParams,
  response: DifficultyResult,
  successStatus: 200,
  idempotent: true,
});

export const listDifficultCasesRoute = defineRoute({
  method: 'GET',
  path: '/api/difficult-cases',
  context: 'supervision',
  access: CASE_WORKERS,
  summary:
    "The board by status: the caller's office, or every office (pseudonymised unless shared) for the core center",
  query: DifficultBoardQuery,
  response: DifficultBoardPage,
  successStatus: 200,
});

export const listOverdueReviewsRoute = defineRoute({
  method: 'GET',
  path: '/api/difficult-cases/reviews/overdue',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: 'Open difficult cases whose review date has passed, earliest first',
  response: OverdueReviewList,
  successStatus: 200,
});

// ── Sharing by supervision request ────────────────────────────────────────────
export const requestSupervisionRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/supervision-request',
  context: 'supervision',
  access: CASE_WORKERS,
  summary:
    "The office shares its case with the core center for supervision, with the person's consent (If-Match)",
  params: CaseParams,
  body: SupervisionRequestInput,
  response: CaseView,
  successStatus: 200,
  idempotent: true,
});

// ── Supervision records (スーパービジョン) ────────────────────────────────────
export const createSupervisionRoute = defineRoute({
  method: 'POST',
  path: '/api/supervisions',
  context: 'supervision',
  access: CORE,
  summary: 'Record an individual or group supervision: topics, follow-ups, shared cases linked',
  body: SupervisionInput,
  response: Supervision,
  successStatus: 201,
  idempotent: true,
});

export const listSupervisionsRoute = defineRoute({
  method: 'GET',
  path: '/api/supervisions',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: 'Supervisions, newest first: all for the core center, the ones about themselves for office staff',
  query: SupervisionListQuery,
  response: SupervisionPage,
  successStatus: 200,
});

export const getSupervisionRoute = defineRoute({
  method: 'GET',
  path: '/api/supervisions/{supervisionId}',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: 'One supervision record',
  params: SupervisionParams,
  response: Supervision,
  successStatus: 200,
});

export const completeFollowUpRoute = defineRoute({
  method: 'POST',
  path: '/api/supervisions/{supervisionId}/follow-ups/{followUpId}/done',
  context: 'supervision',
  access: CASE_WORKERS,
  summary: 'Mark a follow-up of a supervision done (If-Match on the supervision)',
  params: SupervisionFollowUpParams,
  body: FollowUpDoneInput,
  response: Supervision,
  successStatus: 200,
  idempotent: true,
});

/** Routes of difficult cases, sharing by supervision request, and supervision records. */
export const DIFFICULT_ROUTES: readonly RouteDefinition[] = [
  flagDifficultyRoute,
  getDifficultyRoute,
  escalateDifficultyRoute,
  acceptDifficultyRoute,
  recordSupportMeetingRoute,
  proposeClosureRoute,
  approveClosureRoute,
  listDifficultCasesRoute,
  listOverdueReviewsRoute,
  requestSupervisionRoute,
  createSupervisionRoute,
  listSupervisionsRoute,
  getSupervisionRoute,
  completeFollowUpRoute,
];
