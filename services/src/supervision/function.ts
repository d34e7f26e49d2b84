import { createFunction, routesOf, type RouteTable } from '../http/create-function.ts';

/**
 * The core center's work: cross-office dashboard, difficult cases, capacity-building ledger. Each
 * module of bindings is loaded on the first request for one of its routes (ADR 0023).
 */
export const ROUTE_TABLE: RouteTable = {
  ...routesOf(
    () => import('./dashboard-bindings.ts').then((module) => module.DASHBOARD_BINDINGS),
    ['GET /api/dashboard', 'GET /api/dashboard/offices/{officeId}/cases'],
  ),
  ...routesOf(
    () => import('./difficult-bindings.ts').then((module) => module.DIFFICULT_BINDINGS),
    [
      'POST /api/cases/{caseId}/difficulty',
      'GET /api/cases/{caseId}/difficulty',
      'POST /api/cases/{caseId}/difficulty/escalate',
      'POST /api/cases/{caseId}/difficulty/accept',
      'POST /api/cases/{caseId}/difficulty/support-meetings',
      'POST /api/cases/{caseId}/difficulty/propose-closure',
      'POST /api/cases/{caseId}/difficulty/approve-closure',
      'GET /api/difficult-cases',
      'GET /api/difficult-cases/reviews/overdue',
      'POST /api/cases/{caseId}/supervision-request',
      'POST /api/supervisions',
      'GET /api/supervisions',
      'GET /api/supervisions/{supervisionId}',
      'PATCH /api/supervisions/{supervisionId}',
      'POST /api/supervisions/{supervisionId}/follow-ups/{followUpId}/done',
    ],
  ),
  ...routesOf(
    () => import('./ledger-bindings.ts').then((module) => module.LEDGER_BINDINGS),
    [
      'POST /api/ledger/events',
      'GET /api/ledger/events',
      'GET /api/ledger/events/{eventId}',
      'PATCH /api/ledger/events/{eventId}',
      'POST /api/ledger/senior-specialists',
      'GET /api/ledger/senior-specialists',
      'PATCH /api/ledger/senior-specialists/{seniorId}',
      'GET /api/ledger/participation',
      'GET /api/ledger/participation.csv',
    ],
  ),
};

export const handler = createFunction(ROUTE_TABLE);
