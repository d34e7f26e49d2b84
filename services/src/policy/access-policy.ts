import type { Supervision, TenantContext } from '@kikan/shared';
import { caseVisibility, isCaseWorker } from '@kikan/shared/access-policy';
import { ForbiddenError } from '../kernel/errors.ts';

/** Re-stating a hold (another reason) is the tenant admin's: the manager would overwrite who set it. */
export const mayRestateLegalHold = (ctx: Pick<TenantContext, 'role'>): boolean => ctx.role === 'tenant_admin';

/**
 * The services' side of the access rules. The pure rules (who sees a case in full, who writes it, who
 * acts on a difficult case, a legal hold or a supervision) live in @kikan/shared/access-policy, so the
 * portal offers exactly what the API allows; here are the rules that refuse with an HTTP error.
 * Regional issues (issue-access.ts) and the ledger (ledger-access.ts) show the council, the municipality and the raising office
 * counts only; their source cases are the core center's to see.
 */
export {
  caseVisibility,
  mayActOnDifficulty,
  mayActOnLegalHold,
  mayConfirmOfficeFigures,
  maySeeSupervision,
  mayWriteCase,
  seesOwnOfficeFiguresOnly,
  type CaseScope,
  type CaseVisibility,
  type DifficultyAct,
  type LegalHoldAct,
} from '@kikan/shared/access-policy';

export type CaseListScope = { kind: 'office'; officeId: string } | { kind: 'tenant'; officeId?: string };

export const caseListScope = (ctx: TenantContext, requestedOfficeId?: string): CaseListScope => {
  switch (ctx.role) {
    case 'specialist':
    case 'office_manager':
      if (requestedOfficeId !== undefined && requestedOfficeId !== ctx.officeId) throw new ForbiddenError();
      return { kind: 'office', officeId: ctx.officeId };
    case 'core_supervisor':
      // Its own office's cases are all in full: listed by kana like any office's. Across offices
      // the list holds pseudonymised cases, so it goes in case-code order (SECURITY.md row 23).
      if (requestedOfficeId === ctx.officeId) return { kind: 'office', officeId: ctx.officeId };
      return requestedOfficeId === undefined
        ? { kind: 'tenant' }
        : { kind: 'tenant', officeId: requestedOfficeId };
    case 'municipal_officer':
    case 'municipal_caseworker':
    case 'tenant_admin':
      throw new ForbiddenError();
  }
};

/** New cases open at the caller's own office; nobody enrols a person at someone else's office. */
export const caseCreationOffice = (ctx: TenantContext): string => {
  if (!isCaseWorker(ctx.role)) throw new ForbiddenError();
  return ctx.officeId;
};

/** Office staff see a supervision's linked cases of their own office only: another office's case id is not theirs. */
export const supervisionFor = (
  ctx: Pick<TenantContext, 'role' | 'officeId'>,
  supervision: Supervision,
): Supervision =>
  ctx.role === 'core_supervisor'
    ? supervision
    : { ...supervision, cases: supervision.cases.filter((linked) => linked.officeId === ctx.officeId) };

/**
 * Whose supervisions a list reads: the core center all (or the specialist it names); office staff
 * the ones about themselves (naming another is a 403).
 */
export const supervisionsListedFor = (
  ctx: Pick<TenantContext, 'role' | 'userId'>,
  requestedUserId: string | undefined,
): string | undefined => {
  if (ctx.role === 'core_supervisor') return requestedUserId;
  if (requestedUserId !== undefined && requestedUserId !== ctx.userId) throw new ForbiddenError();
  return ctx.userId;
};

/**
 * Office staff see their own office's colleagues only; the core center (supervising every office)
 * and the tenant admin (who manages users) may name any office of the tenant.
 */
export const staffOfficeFor = (ctx: TenantContext, requestedOfficeId: string | undefined): string => {
  const officeId = requestedOfficeId ?? ctx.officeId;
  switch (ctx.role) {
    case 'specialist':
    case 'office_manager':
      if (officeId !== ctx.officeId) throw new ForbiddenError();
      return officeId;
    case 'core_supervisor':
    case 'tenant_admin':
      return officeId;
    case 'municipal_officer':
    case 'municipal_caseworker':
      throw new ForbiddenError();
  }
};

/**
 * A person's case at this office that the caller could see in full once it is shared with the core
 * center: the links to follow before the case item itself says whether it is shared.
 */
export const mayFollowCaseLink = (ctx: Pick<TenantContext, 'role' | 'officeId'>, officeId: string): boolean =>
  caseVisibility(ctx, { officeId, sharedWithCore: true }) === 'full';
