import * as z from 'zod';
import { CaseView } from '../case.ts';
import { Dashboard, DashboardCasePage, DashboardCasesQuery } from '../dashboard-api.ts';
import {
  ClosureProposalInput,
  DifficultBoardPage,
  DifficultBoardQuery,
  DifficultyDetail,
  DifficultyEscalateInput,
  DifficultyFlagInput,
  DifficultyResult,
  FollowUpDoneInput,
  OverdueReviewList,
  Supervision,
  SupervisionFollowUpParams,
  SupervisionInput,
  SupervisionListQuery,
  SupervisionPage,
  SupervisionParams,
  SupervisionPatchInput,
  SupervisionRequestInput,
  SupportMeeting,
  SupportMeetingInput,
} from '../difficult-api.ts';
import { OfficeId } from '../ids.ts';
import {
  LedgerEvent,
  LedgerEventInput,
  LedgerEventPage,
  LedgerEventParams,
  LedgerEventPatchInput,
  LedgerEventQuery,
  ParticipationQuery,
  ParticipationRecord,
  SeniorSpecialist,
  SeniorSpecialistInput,
  SeniorSpecialistList,
  SeniorSpecialistParams,
  SeniorSpecialistPatchInput,
  SeniorSpecialistQuery,
} from '../ledger-api.ts';
import { CaseParams } from '../records-api.ts';
import { CSV_CONTENT_TYPE, rawFile } from './raw-file.ts';
import { CASE_WORKERS, CORE_SUPERVISORS } from '../access-policy.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

/** Cross-office figures are the core center's: offices see only their own caseload. */

export const getDashboardRoute = defineRoute({
  method: 'GET',
  path: '/api/dashboard',
  context: 'supervision',
  access: CORE_SUPERVISORS,
  summary:
    'Figures of every office of the tenant: active cases, load per specialist, monitoring due and overdue, plans, self-plans, difficult cases, people nearing 18 or 65',
  response: Dashboard,
  successStatus: 200,
});

export const listDashboardCasesRoute = defineRoute({
  method: 'GET',
  path: '/api/dashboard/offices/{officeId}/cases',
  context: 'supervision',
  access: CORE_SUPERVISORS,
  summary: 'The cases behind one figure of an office, pseudonymised unless shared with the core center',
  params: z.strictObject({ officeId: OfficeId }),
  query: DashboardCasesQuery,
  response: DashboardCasePage,
  successStatus: 200,
});

export const DASHBOARD_ROUTES: readonly RouteDefinition[] = [getDashboardRoute, listDashboardCasesRoute];

/**
 * Office staff and the core center; municipal officers and tenant admins see no individual case.
 * Who may do what on a case is decided per case by mayActOnDifficulty (policy/access-policy.ts).
 */

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
  versioned: true,
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
  versioned: true,
  idempotent: true,
});

export const acceptDifficultyRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty/accept',
  context: 'supervision',
  access: CORE_SUPERVISORS,
  summary: 'The core center accepts an escalated case (If-Match)',
  params: CaseParams,
  response: DifficultyResult,
  successStatus: 200,
  versioned: true,
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
  versioned: true,
  idempotent: true,
});

export const approveClosureRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/difficulty/approve-closure',
  context: 'supervision',
  access: CORE_SUPERVISORS,
  summary: 'A core supervisor approves the proposed closure (If-Match)',
  params: CaseParams,
  response: DifficultyResult,
  successStatus: 200,
  versioned: true,
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
  versioned: true,
  idempotent: true,
});

// ── Supervision records (スーパービジョン) ────────────────────────────────────
export const createSupervisionRoute = defineRoute({
  method: 'POST',
  path: '/api/supervisions',
  context: 'supervision',
  access: CORE_SUPERVISORS,
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

export const correctSupervisionRoute = defineRoute({
  method: 'PATCH',
  path: '/api/supervisions/{supervisionId}',
  context: 'supervision',
  access: CORE_SUPERVISORS,
  summary:
    'Correct a supervision (If-Match): its date, specialists, topics or summary; its ledger event follows in the same transaction',
  params: SupervisionParams,
  body: SupervisionPatchInput,
  response: Supervision,
  successStatus: 200,
  versioned: true,
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
  versioned: true,
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
  correctSupervisionRoute,
  completeFollowUpRoute,
];

/**
 * The core center keeps the ledger; offices read the events they took part in and their own
 * participation record. The municipality gets figures from issue 5's aggregates, not these lists.
 */
const LEDGER_KEEPERS = ['core_supervisor'] as const;
const LEDGER_READERS = ['specialist', 'office_manager', 'core_supervisor'] as const;

// ── Events ────────────────────────────────────────────────────────────────────
export const createLedgerEventRoute = defineRoute({
  method: 'POST',
  path: '/api/ledger/events',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary:
    'Record a capacity-building activity once: advice visit, training, collaboration, case review, council or sub-committee session',
  body: LedgerEventInput,
  response: LedgerEvent,
  successStatus: 201,
  idempotent: true,
});

export const listLedgerEventsRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/events',
  context: 'supervision',
  access: LEDGER_READERS,
  summary:
    "A fiscal year's events by date: every event for the core center, an office's own participation for office staff",
  query: LedgerEventQuery,
  response: LedgerEventPage,
  successStatus: 200,
});

export const getLedgerEventRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/events/{eventId}',
  context: 'supervision',
  access: LEDGER_READERS,
  summary: 'One event; linked cases are given as a count only',
  params: LedgerEventParams,
  response: LedgerEvent,
  successStatus: 200,
});

export const updateLedgerEventRoute = defineRoute({
  method: 'PATCH',
  path: '/api/ledger/events/{eventId}',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary: 'Correct an event (If-Match); a new date or new offices move its copies in the same transaction',
  params: LedgerEventParams,
  body: LedgerEventPatchInput,
  response: LedgerEvent,
  successStatus: 200,
  versioned: true,
});

// ── Senior specialists ────────────────────────────────────────────────────────
export const createSeniorSpecialistRoute = defineRoute({
  method: 'POST',
  path: '/api/ledger/senior-specialists',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary: 'Add a senior specialist (主任相談支援専門員) to an office, from the day of certification',
  body: SeniorSpecialistInput,
  response: SeniorSpecialist,
  successStatus: 201,
  idempotent: true,
});

export const listSeniorSpecialistsRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/senior-specialists',
  context: 'supervision',
  access: LEDGER_READERS,
  summary:
    'The senior specialist roster, or who was senior on a given day (asOf); office staff see their office only',
  query: SeniorSpecialistQuery,
  response: SeniorSpecialistList,
  successStatus: 200,
});

export const updateSeniorSpecialistRoute = defineRoute({
  method: 'PATCH',
  path: '/api/ledger/senior-specialists/{seniorId}',
  context: 'supervision',
  access: LEDGER_KEEPERS,
  summary: 'Set the last day as senior specialist, or correct the certification date (If-Match)',
  params: SeniorSpecialistParams,
  body: SeniorSpecialistPatchInput,
  response: SeniorSpecialist,
  successStatus: 200,
  versioned: true,
});

// ── Participation record ──────────────────────────────────────────────────────
export const getParticipationRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/participation',
  context: 'supervision',
  access: LEDGER_READERS,
  summary:
    "An office's participation in the council and the core center's capacity building in a fiscal year, by kind",
  query: ParticipationQuery,
  response: ParticipationRecord,
  successStatus: 200,
});

export const exportParticipationRoute = defineRoute({
  method: 'GET',
  path: '/api/ledger/participation.csv',
  context: 'supervision',
  access: LEDGER_READERS,
  summary: 'The participation record as CSV (UTF-8 with BOM, for Excel), dates also in 令和',
  query: ParticipationQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const LEDGER_ROUTES: readonly RouteDefinition[] = [
  createLedgerEventRoute,
  listLedgerEventsRoute,
  getLedgerEventRoute,
  updateLedgerEventRoute,
  createSeniorSpecialistRoute,
  listSeniorSpecialistsRoute,
  updateSeniorSpecialistRoute,
  getParticipationRoute,
  exportParticipationRoute,
];
