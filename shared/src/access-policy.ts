import type { Role } from './role.ts';
import type { TenantContext } from './user.ts';

/**
 * Who may do what inside a tenant — the pure rules both sides use: the services decide with them
 * (services/src/policy/), and the portal uses the same functions so it never offers what the API
 * would refuse (DOMAIN.md "Rules"):
 * - an office's own staff see its cases in full, never another office's;
 * - the core center sees every office's cases, pseudonymised unless the case was shared with it
 *   (escalation or supervision request with consent); its own office's cases in full;
 * - municipal officers and tenant admins see no individual case at all; the municipality's
 *   caseworker (市町村ケースワーカー) sees only what an office submitted to its municipality, through
 *   the submissions themselves, never the office's case.
 * Cross-tenant access cannot be expressed here: every key is built from the caller's tenantId.
 */

/** Roles that hold cases at an office: they read and write their office's files. */
export const CASE_WORKERS = [
  'specialist',
  'office_manager',
  'core_supervisor',
] as const satisfies readonly Role[];
/** The staff of an office that is not the core center: they act on their own office only. */
export const OFFICE_STAFF = ['specialist', 'office_manager'] as const satisfies readonly Role[];
export const CORE_SUPERVISORS = ['core_supervisor'] as const satisfies readonly Role[];
export const TENANT_ADMINS = ['tenant_admin'] as const satisfies readonly Role[];

/** What a rule needs of the caller: the portal has it from /api/me, the services from the token. */
export type Caller = Pick<TenantContext, 'role' | 'officeId' | 'userId'>;

export const isCaseWorker = (role: Role): boolean => (CASE_WORKERS as readonly Role[]).includes(role);
export const isOfficeStaff = (role: Role): boolean => (OFFICE_STAFF as readonly Role[]).includes(role);

export type CaseVisibility = 'full' | 'pseudonymised' | 'none';

export interface CaseScope {
  officeId: string;
  sharedWithCore: boolean;
}

export const caseVisibility = (ctx: Pick<Caller, 'role' | 'officeId'>, target: CaseScope): CaseVisibility => {
  switch (ctx.role) {
    case 'specialist':
    case 'office_manager':
      return target.officeId === ctx.officeId ? 'full' : 'none';
    case 'core_supervisor':
      if (target.officeId === ctx.officeId || target.sharedWithCore) return 'full';
      return 'pseudonymised';
    case 'municipal_officer':
    case 'municipal_caseworker':
    case 'tenant_admin':
      return 'none';
  }
};

/**
 * Writing to a case (its settings, phase, plans, records) is for the office that holds it. The core
 * center reads shared cases for supervision but records in the office's file only through its own
 * cases; everyone else gets the same 404 as for a case they cannot see.
 */
export const mayWriteCase = (
  ctx: Pick<Caller, 'role' | 'officeId'>,
  target: Pick<CaseScope, 'officeId'>,
): boolean => isCaseWorker(ctx.role) && target.officeId === ctx.officeId;

/**
 * 困難事例 and sharing (DOMAIN.md): the office holding a case flags it, escalates it and asks for
 * supervision (its own case, whichever role); the core center accepts an escalation and approves
 * a closure, on a case it sees in full (shared with it, or one of its own office); support meetings
 * and closure proposals come from either side. Anything else is the 404 of a case one cannot see.
 */
export type DifficultyAct =
  | 'flag'
  | 'escalate'
  | 'request_supervision'
  | 'accept'
  | 'record_support_meeting'
  | 'propose_closure'
  | 'approve_closure';

export const mayActOnDifficulty = (
  ctx: Pick<Caller, 'role' | 'officeId'>,
  target: CaseScope,
  act: DifficultyAct,
): boolean => {
  const holdsCase = mayWriteCase(ctx, target);
  const coreSeesInFull = ctx.role === 'core_supervisor' && caseVisibility(ctx, target) === 'full';
  switch (act) {
    case 'flag':
    case 'escalate':
    case 'request_supervision':
      return holdsCase;
    case 'accept':
    case 'approve_closure':
      return coreSeesInFull;
    case 'record_support_meeting':
    case 'propose_closure':
      return holdsCase || coreSeesInFull;
  }
};

/**
 * Legal holds (ADR 0018) keep a case past its retention period. The tenant admin places and lifts
 * them on any case of the tenant, seeing where it stands but never its content. The manager of the
 * office holding the case may place one from the case page and see it: the office is the first to
 * know of a dispute, a disclosure request or an inspection. Lifting a hold exposes the case to
 * deletion again, so it stays with the tenant admin, who sees who placed it. Anyone else gets the
 * 404 of a case they cannot see.
 */
export type LegalHoldAct = 'view' | 'place' | 'lift';

export const mayActOnLegalHold = (
  ctx: Pick<Caller, 'role' | 'officeId'>,
  target: Pick<CaseScope, 'officeId'>,
  act: LegalHoldAct,
): boolean => {
  switch (ctx.role) {
    case 'tenant_admin':
      return true;
    case 'office_manager':
      return act !== 'lift' && target.officeId === ctx.officeId;
    case 'specialist':
    case 'core_supervisor':
    case 'municipal_officer':
    case 'municipal_caseworker':
      return false;
  }
};

/**
 * Supervision records are the core center's; a specialist (or office manager) sees the ones about
 * themselves, with only their own office's linked cases.
 */
export const maySeeSupervision = (
  ctx: Pick<Caller, 'role' | 'userId'>,
  supervision: { specialistUserIds: readonly string[] },
): boolean =>
  ctx.role === 'core_supervisor' ||
  (isOfficeStaff(ctx.role) && supervision.specialistUserIds.includes(ctx.userId));

/**
 * Who confirms an office's yearly figures (DOMAIN.md sign-off: office → core center → municipality):
 * its manager, or a specialist the tenant admin named for it — a small office often has no manager.
 */
export const mayConfirmOfficeFigures = (
  ctx: Pick<Caller, 'role' | 'officeId'>,
  user: { confirmsFigures?: boolean | undefined; officeId?: string } | null,
): boolean =>
  ctx.role === 'office_manager' ||
  // The designation is the first office's: acting for a second office (ADR 0033), it does not count.
  (ctx.role === 'specialist' &&
    user?.confirmsFigures === true &&
    (user.officeId === undefined || user.officeId === ctx.officeId));

/** Office staff see (and confirm) their own office's figures only; the others the tenant's. */
export const seesOwnOfficeFiguresOnly = (ctx: Pick<Caller, 'role'>): boolean => isOfficeStaff(ctx.role);
