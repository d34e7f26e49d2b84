import { AuditExportQuery, AuditPage, AuditQuery, AuditStaffList } from '../audit-api.ts';
import { OfficeChange, OfficeInput, OfficeList, OfficeParams, OfficeView } from '../office.ts';
import { NewMemberMunicipality, TenantProfile } from '../tenant.ts';
import {
  CaseRetention,
  LegalHoldInput,
  LegalHoldList,
  LegalHoldParams,
  RetentionSettings,
  RetentionSettingsInput,
} from '../retention-api.ts';
import { DigestPreference, DigestPreferenceInput, NotificationList } from '../notifications.ts';
import { ROLES } from '../role.ts';
import { StaffMember } from '../records-api.ts';
import {
  Me,
  NewStaffMember,
  OtherMembershipInput,
  UserMembership,
  UserMembershipChange,
  UserOfficeParams,
  UserParams,
} from '../user.ts';
import { CSV_CONTENT_TYPE, rawFile } from './raw-file.ts';
import { TENANT_ADMINS } from '../access-policy.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

const EVERY_ROLE = ROLES;

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

/**
 * Membership changes take effect on the user's next request, even with a token still valid: the
 * change sets the user's `notBefore`, and every request checks the directory (SECURITY.md row 14).
 */
export const changeUserMembershipRoute = defineRoute({
  method: 'PUT',
  path: '/api/users/{userId}/membership',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: "Moves a user of the admin's tenant to another office and/or role; their tokens stop working",
  params: UserParams,
  body: UserMembershipChange,
  response: UserMembership,
  successStatus: 200,
});

export const removeUserRoute = defineRoute({
  method: 'DELETE',
  path: '/api/users/{userId}',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: "Removes a user of the admin's tenant; their tokens stop working at once",
  params: UserParams,
  response: UserMembership,
  successStatus: 200,
});

/**
 * Staff in the product (issue 15, ADR 0033): the sign-in identity (Cognito in AWS, the local
 * issuer's directory on a laptop) and the directory entry are made together or not at all; the
 * e-mail has one holder in the tenant (409 on `body.email`).
 */
export const createUserRoute = defineRoute({
  method: 'POST',
  path: '/api/users',
  context: 'admin',
  access: TENANT_ADMINS,
  summary:
    "Add a staff member to the admin's tenant: a sign-in identity with an invitation, and the directory entry",
  body: NewStaffMember,
  response: StaffMember,
  successStatus: 201,
  idempotent: true,
  conflictWhen: 'The e-mail is already a staff member of the tenant (or a sign-in name of the user pool)',
});

/**
 * A part-timer's second office (ADR 0033): one membership per office, with its own role. Adding,
 * changing or removing it ends the user's sessions (notBefore), as every membership change does.
 */
export const putOtherMembershipRoute = defineRoute({
  method: 'PUT',
  path: '/api/users/{userId}/offices/{officeId}',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: "Let a user of the admin's tenant also work for another office, with a role there (兼務)",
  params: UserOfficeParams,
  body: OtherMembershipInput,
  response: UserMembership,
  successStatus: 200,
  conflictWhen: "The office is the user's first, or the user already works for two offices",
});

export const removeOtherMembershipRoute = defineRoute({
  method: 'DELETE',
  path: '/api/users/{userId}/offices/{officeId}',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: "End a user's membership at an office beyond their first; their tokens stop working",
  params: UserOfficeParams,
  response: UserMembership,
  successStatus: 200,
});

export const USER_ADMIN_ROUTES = [
  createUserRoute,
  changeUserMembershipRoute,
  removeUserRoute,
  putOtherMembershipRoute,
  removeOtherMembershipRoute,
] as const;

/**
 * The audit log is append-only: these are its only routes, all reads, for the tenant admin's
 * privacy review. Nothing changes or deletes an entry (audit-routes.test.ts keeps it so).
 */

export const listAuditRoute = defineRoute({
  method: 'GET',
  path: '/api/audit',
  context: 'admin',
  access: TENANT_ADMINS,
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
  access: TENANT_ADMINS,
  summary: 'The audit log of a period, with the same filters, as CSV (UTF-8 with BOM, Japanese headers)',
  query: AuditExportQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
  conflictWhen: 'The period holds more entries than one file may: shorten it or narrow the filters',
});

export const listAuditStaffRoute = defineRoute({
  method: 'GET',
  path: '/api/audit/staff',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: 'Every staff member the log can name, removed ones too, to filter the log by',
  response: AuditStaffList,
  successStatus: 200,
});

export const AUDIT_ROUTES: readonly RouteDefinition[] = [
  listAuditRoute,
  exportAuditRoute,
  listAuditStaffRoute,
];

/**
 * Retention of closed cases and legal holds (ADR 0018): the tenant admin's. The tenant admin sets
 * the period, so the same role suspends and lifts it for a case; the core center keeps no office's
 * records and sees them in full only with consent, and a hold needs no content. The manager of the
 * office holding a case may also see its hold and place one, from the case page (the policy keeps
 * them to their own office's cases: mayActOnLegalHold). What these routes show of a case is where
 * it stands and when it may go, never who the person is.
 */
const TENANT_ADMIN_OR_OFFICE_MANAGER = ['tenant_admin', 'office_manager'] as const;

export const getRetentionRoute = defineRoute({
  method: 'GET',
  path: '/api/retention',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: 'How many years closed cases are kept (default 5)',
  response: RetentionSettings,
  successStatus: 200,
});

export const putRetentionRoute = defineRoute({
  method: 'PUT',
  path: '/api/retention',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: 'Set how many years closed cases are kept, 5 to 30 (If-Match; "0" before the first save)',
  body: RetentionSettingsInput,
  response: RetentionSettings,
  successStatus: 200,
  versioned: true,
});

export const listLegalHoldsRoute = defineRoute({
  method: 'GET',
  path: '/api/retention/holds',
  context: 'admin',
  access: TENANT_ADMINS,
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
  access: TENANT_ADMINS,
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

/**
 * Offices and member municipalities (issue 15, ADR 0031): the tenant admin adds them in the
 * product. An office's id is made by the server; its 事業所番号 has one holder in the tenant; an
 * office is edited (name, operator) at its version and never deleted (cases and figures name it).
 */
export const createOfficeRoute = defineRoute({
  method: 'POST',
  path: '/api/offices',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: "Add an office to the admin's tenant (事業所番号 unique in the tenant; a member municipality)",
  body: OfficeInput,
  response: OfficeView,
  successStatus: 201,
  idempotent: true,
});

export const updateOfficeRoute = defineRoute({
  method: 'PUT',
  path: '/api/offices/{officeId}',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: "Change an office's name and operator (If-Match)",
  params: OfficeParams,
  body: OfficeChange,
  response: OfficeView,
  successStatus: 200,
  versioned: true,
});

export const getTenantRoute = defineRoute({
  method: 'GET',
  path: '/api/tenant',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: "The admin's tenant with its member municipalities and version",
  response: TenantProfile,
  successStatus: 200,
});

export const addMemberRoute = defineRoute({
  method: 'POST',
  path: '/api/tenant/members',
  context: 'admin',
  access: TENANT_ADMINS,
  summary: 'Add a member municipality (全国地方公共団体コード with its check digit) to the tenant (If-Match)',
  body: NewMemberMunicipality,
  response: TenantProfile,
  successStatus: 200,
  idempotent: true,
  versioned: true,
});

export const DIRECTORY_ADMIN_ROUTES: readonly RouteDefinition[] = [
  createOfficeRoute,
  updateOfficeRoute,
  getTenantRoute,
  addMemberRoute,
];

export const listNotificationsRoute = defineRoute({
  method: 'GET',
  path: '/api/notifications',
  context: 'admin',
  access: EVERY_ROLE,
  summary:
    "What the caller must act on, by role: counts and links to the portal's lists (monitorings due and " +
    'overdue, decisions to renew, difficult cases awaiting the core center, sign-off steps); never a name',
  response: NotificationList,
  successStatus: 200,
});

export const putDigestPreferenceRoute = defineRoute({
  method: 'PUT',
  path: '/api/me/digest',
  context: 'admin',
  access: EVERY_ROLE,
  summary:
    'Switch the daily e-mail digest of the notifications on or off for the caller (counts and links only)',
  body: DigestPreferenceInput,
  response: DigestPreference,
  successStatus: 200,
});

/** The signed-in user's notifications and digest preference (ADR 0038). */
export const NOTIFICATION_ROUTES: readonly RouteDefinition[] = [
  listNotificationsRoute,
  putDigestPreferenceRoute,
];
