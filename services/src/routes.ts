import {
  ROLES,
  CaseCreateInput,
  CaseId,
  CaseListQuery,
  CasePage,
  CaseView,
  Me,
  OfficeList,
} from '@kikan/shared';
import * as z from 'zod';
import { AUDIT_ROUTES } from './admin/audit-routes.ts';
import { CYCLE_ROUTES } from './caseload/cycle-routes.ts';
import { COUNCIL_ROUTES } from './council/council-routes.ts';
import { RECORD_ROUTES } from './caseload/record-routes.ts';
import { defineRoute, type RouteDefinition } from './http/route.ts';
import { STATISTICS_ROUTES } from './statistics/statistics-routes.ts';
import { DASHBOARD_ROUTES } from './supervision/dashboard-routes.ts';
import { DIFFICULT_ROUTES } from './supervision/difficult-routes.ts';
import { LEDGER_ROUTES } from './supervision/ledger-routes.ts';

const CASE_WORKERS = ['specialist', 'office_manager', 'core_supervisor'] as const;
const EVERY_ROLE = ROLES;

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/api/health',
  context: 'platform',
  access: 'public',
  summary: 'Liveness check',
  response: z.strictObject({ status: z.literal('ok') }),
  successStatus: 200,
});

export const openApiRoute = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  context: 'platform',
  access: 'public',
  summary: 'This API as an OpenAPI 3.1 document',
  response: z.record(z.string(), z.unknown()),
  successStatus: 200,
});

export const getMeRoute = defineRoute({
  method: 'GET',
  path: '/api/me',
  context: 'admin',
  access: EVERY_ROLE,
  summary: 'The signed-in user, their tenant and office',
  response: Me,
  successStatus: 200,
});

export const listOfficesRoute = defineRoute({
  method: 'GET',
  path: '/api/offices',
  context: 'admin',
  access: EVERY_ROLE,
  summary: "The offices of the caller's tenant",
  response: OfficeList,
  successStatus: 200,
});

export const listCasesRoute = defineRoute({
  method: 'GET',
  path: '/api/cases',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Cases the caller may see: their office, or every office pseudonymised for the core center',
  query: CaseListQuery,
  response: CasePage,
  successStatus: 200,
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
  ...COUNCIL_ROUTES,
  ...STATISTICS_ROUTES,
];

export { BOUNDED_CONTEXTS, routeKey, type BoundedContext, type RouteDefinition } from './http/route.ts';

/** The Lambda entry of a bounded context, relative to the services package root. */
export const functionEntry = (context: string): string => `src/${context}/function.ts`;
