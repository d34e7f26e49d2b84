import * as z from 'zod';
import {
  CaseCreateInput,
  CaseListPage,
  CaseListQuery,
  CasePage,
  CaseView,
  CaseloadExportQuery,
} from '../case.ts';
import {
  AnonymousConsultationInput,
  Assessment,
  AssessmentFinalizeInput,
  AssessmentInput,
  ConsentInput,
  ConsentRevokeInput,
  ConsultationInput,
  MeetingInput,
  Monitoring,
  MonitoringInput,
  PhaseChangeInput,
  Plan,
  PlanInput,
  PlanFinalizeInput,
  ServiceDecisionInput,
} from '../caseload-records.ts';
import {
  CaseSettingsInput,
  CaseTimeline,
  MonitoringDueList,
  MonitoringDueQuery,
  RenewalList,
  RenewalQuery,
  MonitoringResult,
  ServiceDecisionResult,
} from '../cycle-api.ts';
import { CaseId, EntityId } from '../ids.ts';
import { PageQuery } from '../pagination.ts';
import {
  AnonymousConsultation,
  AnonymousConsultationCountQuery,
  AnonymousConsultationCounts,
  AssessmentPage,
  AssessmentParams,
  AssignmentDoneInput,
  AssignmentParams,
  CaseParams,
  CaseSearchQuery,
  ConsentView,
  Consultation,
  ConsultationCountQuery,
  ConsultationCounts,
  ConsultationParams,
  LifeStageAlertList,
  LifeStageAlertQuery,
  Meeting,
  MeetingParams,
  OpenAssignmentPage,
  OpenAssignmentQuery,
  PersonParams,
  PersonMergeInput,
  PersonPatchInput,
  PersonView,
  PlanPage,
  PlanParams,
  StaffList,
  StaffQuery,
  TransferResult,
  TransferToAdultRequest,
} from '../records-api.ts';
import { CASE_WORKERS, OFFICE_STAFF } from '../access-policy.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, rawFile } from './raw-file.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

export const listCasesRoute = defineRoute({
  method: 'GET',
  path: '/api/cases',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    'Cases the caller may see: their office, or every office pseudonymised for the core center; ' +
    'sorted and filtered (specialist, phase, service kind, due status) with the total, within one office',
  query: CaseListQuery,
  response: CaseListPage,
  successStatus: 200,
});

export const exportCaseloadCsvRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/export.csv',
  context: 'caseload',
  access: OFFICE_STAFF,
  summary:
    "The caller's office's caseload as CSV (UTF-8 with BOM, for Excel), with the list's filters and order; audited",
  query: CaseloadExportQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const exportCaseloadXlsxRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/export.xlsx',
  context: 'caseload',
  access: OFFICE_STAFF,
  summary: "The caller's office's caseload as XLSX, with the list's filters and order; audited",
  query: CaseloadExportQuery,
  response: rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' }),
  successStatus: 200,
  raw: true,
});

export const createCaseRoute = defineRoute({
  method: 'POST',
  path: '/api/cases',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "Enrol a person at the caller's office (intake)",
  body: CaseCreateInput,
  response: CaseView,
  successStatus: 201,
  idempotent: true,
  conflictWhen:
    'One person, one record (ADR 0025): the recipient number is held in the tenant (`fields` names ' +
    "`body.person.recipientNumber`; only a holder at the caller's office is named), or a case of the " +
    "caller's office has the same kana and birth date (`body.confirmNotDuplicate`, with `likelyDuplicates`): " +
    'send again with `confirmNotDuplicate: true` once they are known to be other people',
});

export const getCaseRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'One case',
  params: z.strictObject({ caseId: CaseId }),
  response: CaseView,
  successStatus: 200,
});

const caseParams = z.strictObject({ caseId: CaseId });

export const updateCaseSettingsRoute = defineRoute({
  method: 'PATCH',
  path: '/api/cases/{caseId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    'Change case settings: specialist, monitoring period, service use, plan author (If-Match required)',
  params: caseParams,
  body: CaseSettingsInput,
  response: CaseView,
  successStatus: 200,
  versioned: true,
});

export const changeCasePhaseRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/phase',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Move the case along the care-management cycle, or close it (If-Match required)',
  params: caseParams,
  body: PhaseChangeInput,
  response: CaseView,
  successStatus: 200,
  versioned: true,
  idempotent: true,
});

export const recordServiceDecisionRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/service-decisions',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Record a service decision (支給決定): it sets the monitoring schedule',
  params: caseParams,
  body: ServiceDecisionInput,
  response: ServiceDecisionResult,
  successStatus: 201,
  idempotent: true,
});

export const recordMonitoringRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/monitorings',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Record a monitoring: it moves the next due date',
  params: caseParams,
  body: MonitoringInput,
  response: MonitoringResult,
  successStatus: 201,
  idempotent: true,
});

export const getMonitoringRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/monitorings/{recordId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'One monitoring report (モニタリング報告書): an audited read, like a plan',
  params: z.strictObject({ caseId: CaseId, recordId: EntityId }),
  response: Monitoring,
  successStatus: 200,
});

export const getCaseTimelineRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/timeline',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Every record of a case, oldest first (full visibility only)',
  params: caseParams,
  response: CaseTimeline,
  successStatus: 200,
});

export const listMonitoringDueRoute = defineRoute({
  method: 'GET',
  path: '/api/monitoring/due',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "Overdue and due-this-month monitorings of the caller's office, or of the caller only",
  query: MonitoringDueQuery,
  response: MonitoringDueList,
  successStatus: 200,
});

export const listRenewalsRoute = defineRoute({
  method: 'GET',
  path: '/api/renewals',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    "Open cases of the caller's office (or of the caller only) whose service decision ends within 3 months or has ended without a new one",
  query: RenewalQuery,
  response: RenewalList,
  successStatus: 200,
});

/** The office's caseload as files (the list's export). */
export const CASELOAD_EXPORT_ROUTES: readonly RouteDefinition[] = [
  exportCaseloadCsvRoute,
  exportCaseloadXlsxRoute,
];

/** Routes of the care-management cycle: case settings, phases, service decisions, monitoring, due lists. */
export const CYCLE_ROUTES: readonly RouteDefinition[] = [
  updateCaseSettingsRoute,
  changeCasePhaseRoute,
  recordServiceDecisionRoute,
  recordMonitoringRoute,
  getMonitoringRoute,
  getCaseTimelineRoute,
  listMonitoringDueRoute,
  listRenewalsRoute,
];

/** Office staff and the core center; municipal officers and tenant admins see no individual. */

// ── Persons and consents ──────────────────────────────────────────────────────
export const getPersonRoute = defineRoute({
  method: 'GET',
  path: '/api/persons/{personId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "The full person record with consents, for an office holding one of the person's cases",
  params: PersonParams,
  response: PersonView,
  successStatus: 200,
});

export const updatePersonRoute = defineRoute({
  method: 'PATCH',
  path: '/api/persons/{personId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "Change a person's details (If-Match); the name copies on their cases change with it",
  params: PersonParams,
  body: PersonPatchInput,
  response: PersonView,
  successStatus: 200,
  versioned: true,
  conflictWhen:
    'A case changed meanwhile (retry), or the new recipient number is held by another person in the ' +
    'tenant (`fields` names `body.recipientNumber`, ADR 0025)',
});

export const mergePersonsRoute = defineRoute({
  method: 'POST',
  path: '/api/persons/{personId}/merge',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    'Merge another record of the same person into this one (If-Match on this one): its cases, number ' +
    'and missing facts move here, the other record is closed as merged; one transaction, audited',
  params: PersonParams,
  body: PersonMergeInput,
  response: PersonView,
  successStatus: 200,
  versioned: true,
  idempotent: true,
  conflictWhen:
    'The two records differ in a fact that names the person (birth date, municipality, recipient ' +
    'number, a consent), the other record changed since it was compared, or it has more cases than ' +
    'one transaction holds (ADR 0025)',
});

export const grantConsentRoute = defineRoute({
  method: 'POST',
  path: '/api/persons/{personId}/consents',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Record a consent for one purpose, dated',
  params: PersonParams,
  body: ConsentInput,
  response: ConsentView,
  successStatus: 201,
  idempotent: true,
});

export const revokeConsentRoute = defineRoute({
  method: 'POST',
  path: '/api/persons/{personId}/consents/revoke',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Revoke the consent for one purpose, dated; its history is kept',
  params: PersonParams,
  body: ConsentRevokeInput,
  response: ConsentView,
  successStatus: 200,
  idempotent: true,
});

// ── Plans ─────────────────────────────────────────────────────────────────────
export const createPlanRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/plans',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Start a new plan version as a draft (計画案); earlier versions stay as they are',
  params: CaseParams,
  body: PlanInput,
  response: Plan,
  successStatus: 201,
  idempotent: true,
});

export const listPlansRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/plans',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "A case's plan versions, newest first",
  params: CaseParams,
  query: PageQuery,
  response: PlanPage,
  successStatus: 200,
});

export const getPlanRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/plans/{planVersion}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'One plan version',
  params: PlanParams,
  response: Plan,
  successStatus: 200,
});

export const updatePlanRoute = defineRoute({
  method: 'PUT',
  path: '/api/cases/{caseId}/plans/{planVersion}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Rewrite a draft plan (If-Match); a final plan is never changed',
  params: PlanParams,
  body: PlanInput,
  response: Plan,
  successStatus: 200,
  versioned: true,
});

export const finalizePlanRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/plans/{planVersion}/finalize',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "Make a draft the final plan (本計画) with the person's consent date (If-Match)",
  params: PlanParams,
  body: PlanFinalizeInput,
  response: Plan,
  successStatus: 200,
  versioned: true,
  idempotent: true,
});

// ── Assessments ───────────────────────────────────────────────────────────────
export const createAssessmentRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/assessments',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Start a new assessment (アセスメント) as a draft; earlier ones stay as they are',
  params: CaseParams,
  body: AssessmentInput,
  response: Assessment,
  successStatus: 201,
  idempotent: true,
});

export const listAssessmentsRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/assessments',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "A case's assessments, newest first (summaries: status and dates, no content)",
  params: CaseParams,
  query: PageQuery,
  response: AssessmentPage,
  successStatus: 200,
});

export const getAssessmentRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/assessments/{assessmentVersion}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'One assessment',
  params: AssessmentParams,
  response: Assessment,
  successStatus: 200,
});

export const updateAssessmentRoute = defineRoute({
  method: 'PUT',
  path: '/api/cases/{caseId}/assessments/{assessmentVersion}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Rewrite a draft assessment (If-Match); a finalised one is never changed',
  params: AssessmentParams,
  body: AssessmentInput,
  response: Assessment,
  successStatus: 200,
  versioned: true,
});

export const finalizeAssessmentRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/assessments/{assessmentVersion}/finalize',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Finalise a draft assessment (If-Match): from then on it is read-only',
  params: AssessmentParams,
  body: AssessmentFinalizeInput,
  response: Assessment,
  successStatus: 200,
  versioned: true,
  idempotent: true,
});

// ── Service staff meetings ────────────────────────────────────────────────────
export const createMeetingRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/meetings',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Record a service staff meeting (サービス担当者会議) with its role assignments',
  params: CaseParams,
  body: MeetingInput,
  response: Meeting,
  successStatus: 201,
  idempotent: true,
});

export const getMeetingRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/meetings/{meetingId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'One service staff meeting',
  params: MeetingParams,
  response: Meeting,
  successStatus: 200,
});

export const completeAssignmentRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/meetings/{meetingId}/assignments/{assignmentId}/done',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Mark a role assignment of a meeting done (If-Match on the meeting)',
  params: AssignmentParams,
  body: AssignmentDoneInput,
  response: Meeting,
  successStatus: 200,
  versioned: true,
  idempotent: true,
});

export const listOpenAssignmentsRoute = defineRoute({
  method: 'GET',
  path: '/api/assignments/open',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "Role assignments not yet done on the caller's (or their office's) cases, overdue first",
  query: OpenAssignmentQuery,
  response: OpenAssignmentPage,
  successStatus: 200,
});

// ── Consultation records ──────────────────────────────────────────────────────
export const createConsultationRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/consultations',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Record a consultation (相談記録) on a case',
  params: CaseParams,
  body: ConsultationInput,
  response: Consultation,
  successStatus: 201,
  idempotent: true,
});

export const getConsultationRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}/consultations/{recordId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'One consultation record',
  params: ConsultationParams,
  response: Consultation,
  successStatus: 200,
});

export const countConsultationsRoute = defineRoute({
  method: 'GET',
  path: '/api/consultations/counts',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    "The caller's office's consultation records of a month, counted by 支援内容, method and counterpart " +
    'for the national survey (counts only)',
  query: ConsultationCountQuery,
  response: ConsultationCounts,
  successStatus: 200,
});

export const createAnonymousConsultationRoute = defineRoute({
  method: 'POST',
  path: '/api/consultations/anonymous',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "Count a basic consultation with nobody enrolled at the caller's office (no personal data)",
  body: AnonymousConsultationInput,
  response: AnonymousConsultation,
  successStatus: 201,
  idempotent: true,
});

export const countAnonymousConsultationsRoute = defineRoute({
  method: 'GET',
  path: '/api/consultations/anonymous',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "The caller's office's anonymous consultations of a month, counted by channel and topic",
  query: AnonymousConsultationCountQuery,
  response: AnonymousConsultationCounts,
  successStatus: 200,
});

// ── Life stages and the transfer at 18 ────────────────────────────────────────
export const listLifeStageAlertsRoute = defineRoute({
  method: 'GET',
  path: '/api/life-stage-alerts',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'People of open cases turning 6, 18, 40 or 65 within six months',
  query: LifeStageAlertQuery,
  response: LifeStageAlertList,
  successStatus: 200,
});

export const transferToAdultRoute = defineRoute({
  method: 'POST',
  path: '/api/cases/{caseId}/transfer-to-adult',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Close a child plan case and open the adult plan case, possibly at another office (If-Match)',
  params: CaseParams,
  body: TransferToAdultRequest,
  response: TransferResult,
  successStatus: 201,
  versioned: true,
  idempotent: true,
});

// ── Search and staff ──────────────────────────────────────────────────────────
export const searchCasesRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/search',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "The caller's office's cases by kana prefix, part of the name, or recipient number",
  query: CaseSearchQuery,
  response: CasePage,
  successStatus: 200,
});

export const listStaffRoute = defineRoute({
  method: 'GET',
  path: '/api/users',
  context: 'caseload',
  access: [...CASE_WORKERS, 'tenant_admin'],
  summary: 'Staff of an office, for choosing a specialist',
  query: StaffQuery,
  response: StaffList,
  successStatus: 200,
});

/** Routes of the records around a case: persons, consents, plans, meetings, consultations, transfers. */
export const RECORD_ROUTES: readonly RouteDefinition[] = [
  getPersonRoute,
  updatePersonRoute,
  mergePersonsRoute,
  grantConsentRoute,
  revokeConsentRoute,
  createPlanRoute,
  listPlansRoute,
  getPlanRoute,
  updatePlanRoute,
  finalizePlanRoute,
  createAssessmentRoute,
  listAssessmentsRoute,
  getAssessmentRoute,
  updateAssessmentRoute,
  finalizeAssessmentRoute,
  createMeetingRoute,
  getMeetingRoute,
  completeAssignmentRoute,
  listOpenAssignmentsRoute,
  createConsultationRoute,
  getConsultationRoute,
  countConsultationsRoute,
  createAnonymousConsultationRoute,
  countAnonymousConsultationsRoute,
  listLifeStageAlertsRoute,
  transferToAdultRoute,
  searchCasesRoute,
  listStaffRoute,
];
