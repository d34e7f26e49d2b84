import {
  CaseRetention,
  LegalHoldInput,
  LegalHoldList,
  LegalHoldParams,
  RetentionSettings,
  RetentionSettingsInput,
} from '@kikan/shared';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * Retention of closed cases and legal holds (ADR 0018): the tenant admin's. The tenant admin sets
 * the period, so the same role suspends and lifts it for a case; the core center keeps no office's
 * records and sees them in full only with consent, and a hold needs no content. The manager of the
 * office holding a case may also see its hold and place one, from the case page (the policy keeps
 * them to their own office's cases: mayActOnLegalHold). What these routes show of a case is where
 * it stands and when it may go, never who the person is.
 */
const TENANT_ADMIN = ['tenant_admin'] as const;
const TENANT_ADMIN_OR_OFFICE_MANAGER = ['tenant_admin', 'office_manager'] as const;

export const getRetentionRoute = defineRoute({
  method: 'GET',
  path: '/api/retention',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'How many years closed cases are kept (default 5)',
  response: RetentionSettings,
  successStatus: 200,
});

export const putRetentionRoute = defineRoute({
  method: 'PUT',
  path: '/api/retention',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'Set how many years closed cases are kept, 5 to 30 (If-Match; "0" before the first save)',
  body: RetentionSettingsInput,
  response: RetentionSettings,
  successStatus: 200,
});

export const listLegalHoldsRoute = defineRoute({
  method: 'GET',
  path: '/api/retention/holds',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'The cases on legal hold (ids, reasons and dates only)',
  response: LegalHoldList,
  successStatus: 200,
});

export const getCaseRetentionRoute = defineRoute({
  method: 'GET',
  path: '/api/retention/cases/{caseId}',
  context: 'admin',
  access: TENANT_ADMIN_OR_OFFICE_MANAGER,
  summary: 'Where a case stands for retention: closed on, deletable from, legal hold (no personal data)',
  params: LegalHoldParams,
  response: CaseRetention,
  successStatus: 200,
});

export const placeLegalHoldRoute = defineRoute({
  method: 'PUT',
  path: '/api/retention/cases/{caseId}/hold',
  context: 'admin',
  access: TENANT_ADMIN_OR_OFFICE_MANAGER,
  summary: 'Place (or re-state) a legal hold on a case: the sweep keeps it past its period',
  params: LegalHoldParams,
  body: LegalHoldInput,
  response: CaseRetention,
  successStatus: 200,
});

export const liftLegalHoldRoute = defineRoute({
  method: 'DELETE',
  path: '/api/retention/cases/{caseId}/hold',
  context: 'admin',
  access: TENANT_ADMIN,
  summary: 'Lift the legal hold of a case: the next sweep deletes it if its period is over',
  params: LegalHoldParams,
  response: CaseRetention,
  successStatus: 200,
});

export const RETENTION_ROUTES: readonly RouteDefinition[] = [
  getRetentionRoute,
  putRetentionRoute,
  listLegalHoldsRoute,
  getCaseRetentionRoute,
  placeLegalHoldRoute,
  liftLegalHoldRoute,
];
