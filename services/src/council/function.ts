import { createFunction, routesOf, type RouteTable } from '../http/create-function.ts';

/**
 * Regional issues (地域課題) followed from the cases that raised them to the council and its outcome.
 * The bindings are loaded on the first request (ADR 0023).
 */
export const ROUTE_TABLE: RouteTable = routesOf(
  () => import('./council-bindings.ts').then((module) => module.COUNCIL_BINDINGS),
  [
    'POST /api/regional-issues',
    'GET /api/regional-issues',
    'GET /api/regional-issues/{issueId}',
    'POST /api/regional-issues/{issueId}/moves',
    'POST /api/regional-issues/{issueId}/sessions',
    'PUT /api/regional-issues/{issueId}/outcome',
  ],
);

export const handler = createFunction(ROUTE_TABLE);
