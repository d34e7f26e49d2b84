import { USER_ADMIN_ROUTES, getMeRoute, listOfficesRoute } from './admin/admin-routes.ts';
import { AUDIT_ROUTES } from './admin/audit-routes.ts';
import { RETENTION_ROUTES } from './admin/retention-routes.ts';
import { createCaseRoute, getCaseRoute, listCasesRoute } from './caseload/case-routes.ts';
import { CYCLE_ROUTES } from './caseload/cycle-routes.ts';
import { RECORD_ROUTES } from './caseload/record-routes.ts';
import { COUNCIL_ROUTES } from './council/council-routes.ts';
import { type RouteDefinition } from './http/route.ts';
import { healthRoute, openApiRoute } from './platform/platform-routes.ts';
import { STATISTICS_ROUTES } from './statistics/statistics-routes.ts';
import { DASHBOARD_ROUTES } from './supervision/dashboard-routes.ts';
import { DIFFICULT_ROUTES } from './supervision/difficult-routes.ts';
import { LEDGER_ROUTES } from './supervision/ledger-routes.ts';

/**
 * Each context defines its routes beside its handlers, so a Lambda loads only its own schemas; this
 * table gathers them for CDK, the local gateway, the OpenAPI document and the authorisation tests.
 */
export {
  createCaseRoute,
  getCaseRoute,
  getMeRoute,
  healthRoute,
  listCasesRoute,
  listOfficesRoute,
  openApiRoute,
};

/** Every route of the API. A route missing here does not exist, anywhere. */
export const ROUTES: readonly RouteDefinition[] = [
  healthRoute,
  openApiRoute,
  getMeRoute,
  listOfficesRoute,
  listCasesRoute,
  createCaseRoute,
  getCaseRoute,
  ...CYCLE_ROUTES,
  ...RECORD_ROUTES,
  ...DASHBOARD_ROUTES,
  ...DIFFICULT_ROUTES,
  ...LEDGER_ROUTES,
  ...AUDIT_ROUTES,
  ...RETENTION_ROUTES,
  ...USER_ADMIN_ROUTES,
  ...COUNCIL_ROUTES,
  ...STATISTICS_ROUTES,
];

export { BOUNDED_CONTEXTS, routeKey, type BoundedContext, type RouteDefinition } from './http/route.ts';

/** The Lambda entry of a bounded context, relative to the services package root. */
export const functionEntry = (context: string): string => `src/${context}/function.ts`;
