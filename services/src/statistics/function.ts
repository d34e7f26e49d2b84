import { createFunction, routesOf, type RouteTable } from '../http/create-function.ts';

/**
 * The municipal plan's indicators, computed from everyday work: figures, targets, sign-off, exports.
 * Each module of bindings is loaded on the first request for one of its routes (ADR 0023).
 */
export const ROUTE_TABLE: RouteTable = {
  ...routesOf(
    () => import('./figures-bindings.ts').then((module) => module.FIGURES_BINDINGS),
    ['GET /api/statistics/figures', 'GET /api/statistics/plan-periods'],
  ),
  ...routesOf(
    () => import('./signoff-bindings.ts').then((module) => module.SIGNOFF_BINDINGS),
    [
      'GET /api/statistics/targets/{periodId}',
      'PUT /api/statistics/targets/{periodId}',
      'GET /api/statistics/evaluations/{fiscalYear}',
      'PUT /api/statistics/evaluations/{fiscalYear}',
      'GET /api/statistics/settings',
      'PUT /api/statistics/settings',
      'GET /api/statistics/signoff/{fiscalYear}',
      'POST /api/statistics/signoff/{fiscalYear}/office-confirmation',
      'POST /api/statistics/signoff/{fiscalYear}/offices/{officeId}/recorded-confirmation',
      'POST /api/statistics/signoff/{fiscalYear}/core-confirmation',
      'POST /api/statistics/signoff/{fiscalYear}/approval',
      'POST /api/statistics/signoff/{fiscalYear}/corrections',
    ],
  ),
  ...routesOf(
    () => import('./export-bindings.ts').then((module) => module.EXPORT_BINDINGS),
    ['GET /api/statistics/export.csv', 'GET /api/statistics/export.xlsx', 'GET /api/council/pack.xlsx'],
  ),
};

export const handler = createFunction(ROUTE_TABLE);
