import {
  CaseId,
  CaseSettingsInput,
  CaseTimeline,
  CaseView,
  MonitoringDueList,
  MonitoringDueQuery,
  MonitoringInput,
  MonitoringResult,
  PhaseChangeInput,
  ServiceDecisionInput,
  ServiceDecisionResult,
} from '@kikan/shared';
import * as z from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

const CASE_WORKERS = ['specialist', 'office_manager', 'core_supervisor'] as const;
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

/** Routes of the care-management cycle: case settings, phases, service decisions, monitoring, due lists. */
export const CYCLE_ROUTES: readonly RouteDefinition[] = [
  updateCaseSettingsRoute,
  changeCasePhaseRoute,
  recordServiceDecisionRoute,
  recordMonitoringRoute,
  getCaseTimelineRoute,
  listMonitoringDueRoute,
];
