import {
  councilViewOf,
  regionalIssueViewOf,
  type RegionalIssue,
  type RegionalIssueResponse,
  type TenantContext,
} from '@kikan/shared';
import { isOfficeStaff } from '@kikan/shared/access-policy';

/**
 * Who reads and raises regional issues (DOMAIN.md "Regional issue"):
 * - the core center raises, moves, links sessions and records outcomes, and reads every issue of
 *   its tenant in full (with the cases and records each came from);
 * - office staff raise an issue from their own office's cases only (another office's case is the
 *   404 of a case that does not exist) and read the issues their office raised, as the council does;
 * - the municipality reads every issue as the council does: counts, dates, sessions, outcome;
 * - the tenant admin reads none. Everything is keyed by ctx.tenantId: another tenant's is a 404.
 */

/** The core center raises issues from any case of its tenant: its sources are not checked one by one. */
export const raisesFromAnyCase = (ctx: Pick<TenantContext, 'role'>): boolean =>
  ctx.role === 'core_supervisor';

/** A case an issue may be raised from: any of the tenant's for the core center, one's own office's else. */
export const mayRaiseFromCase = (ctx: TenantContext, target: { officeId: string }): boolean =>
  raisesFromAnyCase(ctx) || (isOfficeStaff(ctx.role) && target.officeId === ctx.officeId);

export const mayReadIssue = (ctx: TenantContext, issue: Pick<RegionalIssue, 'raisedByOfficeId'>): boolean =>
  ctx.role === 'core_supervisor' ||
  ctx.role === 'municipal_officer' ||
  (isOfficeStaff(ctx.role) && issue.raisedByOfficeId === ctx.officeId);

/** The one place a view is chosen: the full view leaves the server for the core center only. */
export const viewFor = (ctx: TenantContext, issue: RegionalIssue): RegionalIssueResponse =>
  ctx.role === 'core_supervisor' ? regionalIssueViewOf(issue) : councilViewOf(issue);

export const issueViewFor = (ctx: TenantContext, issue: RegionalIssue): RegionalIssueResponse | null =>
  mayReadIssue(ctx, issue) ? viewFor(ctx, issue) : null;
