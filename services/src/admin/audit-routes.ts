import { AuditDayQuery, AuditExportQuery, AuditPage } from '@kikan/shared';
import { CSV_CONTENT_TYPE, rawFile } from '../http/raw-response.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * The audit log is append-only: these are its only routes, both reads, for the tenant admin's
 * privacy review. Nothing changes or deletes an entry (audit-routes.test.ts keeps it so).
 */
const TENANT_ADMIN = ['tenant_admin'] as const;

export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/audit',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'Who read or changed which record, when, for one day in Japan (no content)',
  query: AuditDayQuery,
  response: AuditPage,
  successStatus: 200,
});

export const exportAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/audit.csv',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'The audit log of a period as CSV (UTF-8 with BOM, Japanese headers) for a privacy review',
  query: AuditExportQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const AUDIT_ROUTES: readonly RouteDefinition[] = [listAuditRoute, exportAuditRoute];
