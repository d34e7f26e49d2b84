import { bind, type RouteBinding } from '../http/create-function.ts';
import { getDashboardRoute, listDashboardCasesRoute } from '@kikan/shared/contracts/supervision';
import { getDashboard } from './get-dashboard.ts';
import { listDashboardCases } from './list-dashboard-cases.ts';

export const DASHBOARD_BINDINGS: readonly RouteBinding[] = [
  bind(getDashboardRoute, getDashboard),
  bind(listDashboardCasesRoute, listDashboardCases),
];
