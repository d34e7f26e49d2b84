import { AuditExportQuery, AuditPage, AuditQuery, AuditStaffList } from '@kikan/shared';
import { CSV_CONTENT_TYPE, rawFile } from '../http/raw-response.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * The audit log is append-only: these are its only routes, all reads, for the tenant admin's
 * privacy review. Nothing changes or deletes an entry (audit-routes.test.ts keeps it so).
 */
const TENANT_ADMIN = ['tenant_admin'] as const;

export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/audit',
  context: 'admin',
  access: TENANT_ADMIN,
  summary:
    'Who read or changed which record, when, for up to 31 days in Japan, by staff member and/or by the person of a case code (no content)',
  query: AuditQuery,
  response: AuditPage,
  successStatus: 200,
});

export const exportAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/audit.csv',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'The audit log of a period, with the same filters, as CSV (UTF-8 with BOM, Japanese headers)',
  query: AuditExportQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const listAuditStaffRoute = defineRoute({
  method: 'GET',
  path: '/api/audit/staff',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'Every staff member the log can name, removed ones too, to filter the log by',
  response: AuditStaffList,
  successStatus: 200,
});

export const AUDIT_ROUTES: readonly RouteDefinition[] = [
  listAuditRoute,
  exportAuditRoute,
  listAuditStaffRoute,
];
