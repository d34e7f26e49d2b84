import { createFunction, routesOf, type RouteTable } from '../http/create-function.ts';

/** Each module of bindings is loaded on the first request for one of its routes (ADR 0023). */
export const ROUTE_TABLE: RouteTable = {
  ...routesOf(
    () => import('./account-bindings.ts').then((module) => module.ACCOUNT_BINDINGS),
    [
      'GET /api/me',
      'GET /api/offices',
      'POST /api/users',
      'PUT /api/users/{userId}/membership',
      'DELETE /api/users/{userId}',
      'PUT /api/users/{userId}/offices/{officeId}',
      'DELETE /api/users/{userId}/offices/{officeId}',
    ],
  ),
  ...routesOf(
    () => import('./notification-bindings.ts').then((module) => module.NOTIFICATION_BINDINGS),
    ['GET /api/notifications', 'PUT /api/me/digest'],
  ),
  ...routesOf(
    () => import('./directory-bindings.ts').then((module) => module.DIRECTORY_BINDINGS),
    ['POST /api/offices', 'PUT /api/offices/{officeId}', 'GET /api/tenant', 'POST /api/tenant/members'],
  ),
  ...routesOf(
    () => import('./audit-bindings.ts').then((module) => module.AUDIT_BINDINGS),
    ['GET /api/audit', 'GET /api/audit.csv', 'GET /api/audit/staff'],
  ),
  ...routesOf(
    () => import('./retention-bindings.ts').then((module) => module.RETENTION_BINDINGS),
    [
      'GET /api/retention',
      'PUT /api/retention',
      'GET /api/retention/holds',
      'GET /api/retention/cases/{caseId}',
      'PUT /api/retention/cases/{caseId}/hold',
      'DELETE /api/retention/cases/{caseId}/hold',
    ],
  ),
};

export const handler = createFunction(ROUTE_TABLE);
