import { Dashboard, DashboardCasePage, DashboardCasesQuery, OfficeId } from '@kikan/shared';
import * as z from 'zod';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/** Cross-office figures are the core center's: offices see only their own caseload. */
const CORE_SUPERVISORS = ['core_supervisor'] as const;

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
