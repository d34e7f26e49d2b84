import { createFunction, routesOf, type RouteTable } from '../http/create-function.ts';

/**
 * The municipality's side (ADR 0044): the caseworker's 計画案提出依頼 and the self-plans filed at the
 * municipality. The bindings are loaded on the first request (ADR 0023).
 */
export const ROUTE_TABLE: RouteTable = routesOf(
  () => import('./municipality-bindings.ts').then((module) => module.MUNICIPALITY_BINDINGS),
  [
    'POST /api/plan-requests',
    'GET /api/plan-requests',
    'POST /api/plan-requests/{requestId}/withdrawal',
    'POST /api/self-plans',
    'GET /api/self-plans',
    'GET /api/self-plans/{selfPlanId}',
    'PUT /api/self-plans/{selfPlanId}',
  ],
);

export const handler = createFunction(ROUTE_TABLE);
