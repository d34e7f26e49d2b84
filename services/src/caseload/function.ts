import { createFunction, routesOf, type RouteTable } from '../http/create-function.ts';

/** Each module of bindings is loaded on the first request for one of its routes (ADR 0023). */
export const ROUTE_TABLE: RouteTable = {
  ...routesOf(
    () => import('./import-bindings.ts').then((module) => module.IMPORT_BINDINGS),
    [
      'GET /api/imports/templates/caseload.csv',
      'GET /api/imports/templates/caseload.xlsx',
      'POST /api/imports',
      'GET /api/imports/{jobId}',
      'POST /api/imports/{jobId}/runs',
      'POST /api/decision-imports',
      'GET /api/decision-imports/{jobId}',
      'POST /api/decision-imports/{jobId}/runs',
    ],
  ),
  ...routesOf(
    () => import('./case-bindings.ts').then((module) => module.CASE_BINDINGS),
    ['GET /api/cases', 'POST /api/cases', 'GET /api/cases/{caseId}'],
  ),
  ...routesOf(
    () => import('./caseload-export-bindings.ts').then((module) => module.CASELOAD_EXPORT_BINDINGS),
    ['GET /api/cases/export.csv', 'GET /api/cases/export.xlsx'],
  ),
  ...routesOf(
    () => import('./cycle-bindings.ts').then((module) => module.CYCLE_BINDINGS),
    [
      'PATCH /api/cases/{caseId}',
      'POST /api/cases/{caseId}/phase',
      'POST /api/cases/{caseId}/service-decisions',
      'POST /api/cases/{caseId}/monitorings',
      'GET /api/cases/{caseId}/monitorings/{recordId}',
      'GET /api/cases/{caseId}/timeline',
      'GET /api/monitoring/due',
      'GET /api/renewals',
    ],
  ),
  ...routesOf(
    () => import('./record-bindings.ts').then((module) => module.RECORD_BINDINGS),
    [
      'GET /api/persons/{personId}',
      'PATCH /api/persons/{personId}',
      'POST /api/persons/{personId}/merge',
      'POST /api/persons/{personId}/consents',
      'POST /api/persons/{personId}/consents/revoke',
      'POST /api/cases/{caseId}/plans',
      'GET /api/cases/{caseId}/plans',
      'GET /api/cases/{caseId}/plans/{planVersion}',
      'PUT /api/cases/{caseId}/plans/{planVersion}',
      'POST /api/cases/{caseId}/plans/{planVersion}/finalize',
      'POST /api/cases/{caseId}/assessments',
      'GET /api/cases/{caseId}/assessments',
      'GET /api/cases/{caseId}/assessments/{assessmentVersion}',
      'PUT /api/cases/{caseId}/assessments/{assessmentVersion}',
      'POST /api/cases/{caseId}/assessments/{assessmentVersion}/finalize',
      'POST /api/cases/{caseId}/meetings',
      'GET /api/cases/{caseId}/meetings/{meetingId}',
      'POST /api/cases/{caseId}/meetings/{meetingId}/assignments/{assignmentId}/done',
      'GET /api/assignments/open',
      'POST /api/cases/{caseId}/consultations',
      'GET /api/cases/{caseId}/consultations/{recordId}',
      'GET /api/consultations/counts',
      'POST /api/consultations/anonymous',
      'GET /api/consultations/anonymous',
      'GET /api/life-stage-alerts',
      'POST /api/cases/{caseId}/transfer-to-adult',
      'GET /api/cases/search',
      'GET /api/users',
    ],
  ),
};

export const handler = createFunction(ROUTE_TABLE);
