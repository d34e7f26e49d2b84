import {
  USER_ADMIN_ROUTES,
  DIRECTORY_ADMIN_ROUTES,
  getMeRoute,
  listOfficesRoute,
  AUDIT_ROUTES,
  NOTIFICATION_ROUTES,
  RETENTION_ROUTES,
} from '@kikan/shared/contracts/admin';
import {
  createCaseRoute,
  getCaseRoute,
  listCasesRoute,
  CASELOAD_EXPORT_ROUTES,
  CYCLE_ROUTES,
  RECORD_ROUTES,
} from '@kikan/shared/contracts/caseload';
import { COUNCIL_ROUTES } from '@kikan/shared/contracts/council';
import { IMPORT_ROUTES } from '@kikan/shared/contracts/imports';
import { MUNICIPALITY_ROUTES } from '@kikan/shared/contracts/municipality';
import { type BoundedContext, type RouteDefinition } from './http/route.ts';
import { SESSION_ROUTES, healthRoute, openApiRoute } from '@kikan/shared/contracts/platform';
import { STATISTICS_ROUTES } from '@kikan/shared/contracts/statistics';
import { SUBMISSION_ROUTES } from '@kikan/shared/contracts/submissions';
import { DASHBOARD_ROUTES, DIFFICULT_ROUTES, LEDGER_ROUTES } from '@kikan/shared/contracts/supervision';

/**
 * Each context's route contracts are one module of @kikan/shared/contracts (the portal calls them too), so a
 * Lambda loads only its own context's schemas; this
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
  ...SESSION_ROUTES,
  getMeRoute,
  ...NOTIFICATION_ROUTES,
  listOfficesRoute,
  listCasesRoute,
  createCaseRoute,
  getCaseRoute,
  ...CASELOAD_EXPORT_ROUTES,
  ...CYCLE_ROUTES,
  ...RECORD_ROUTES,
  ...IMPORT_ROUTES,
  ...DASHBOARD_ROUTES,
  ...DIFFICULT_ROUTES,
  ...LEDGER_ROUTES,
  ...AUDIT_ROUTES,
  ...RETENTION_ROUTES,
  ...USER_ADMIN_ROUTES,
  ...DIRECTORY_ADMIN_ROUTES,
  ...COUNCIL_ROUTES,
  ...STATISTICS_ROUTES,
  ...SUBMISSION_ROUTES,
  ...MUNICIPALITY_ROUTES,
];

export { BOUNDED_CONTEXTS, routeKey, type BoundedContext, type RouteDefinition } from './http/route.ts';

/** The Lambda entry of a bounded context, relative to the services package root. */
export const functionEntry = (context: string): string => `src/${context}/function.ts`;

/**
 * Files a context's function reads at run time, relative to the services package: CDK copies them
 * beside the bundle. The platform function serves the OpenAPI document written at build time.
 */
export const FUNCTION_FILES: Partial<Record<BoundedContext, readonly string[]>> = {
  platform: ['src/platform/openapi.json'],
};
