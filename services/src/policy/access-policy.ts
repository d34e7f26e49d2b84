import type { TenantContext } from '@kikan/shared';
import { ForbiddenError } from '../kernel/errors.ts';

/**
 * The services' side of the access rules. The pure rules (who sees a case in full, who writes it, who
 * acts on a difficult case, a legal hold or a supervision) live in @kikan/shared/access-policy, so the
 * portal offers exactly what the API allows; here are the rules that refuse with an HTTP error.
 * Regional issues (council/issue-access.ts) show the council, the municipality and the raising office
 * counts only; their source cases are the core center's to see.
 */
export {
  caseVisibility,
  mayActOnDifficulty,
  mayActOnLegalHold,
  maySeeSupervision,
  mayWriteCase,
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
    case 'tenant_admin':
      throw new ForbiddenError();
  }
};

/** New cases open at the caller's own office; nobody enrols a person at someone else's office. */
export const caseCreationOffice = (ctx: TenantContext): string => {
  if (ctx.role === 'municipal_officer' || ctx.role === 'tenant_admin') throw new ForbiddenError();
  return ctx.officeId;
};
