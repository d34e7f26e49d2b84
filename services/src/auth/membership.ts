import { membershipsOf, type TenantContext, type User } from '@kikan/shared';
import { getUser } from '../data/directory-store.ts';
import { SessionRevokedError } from '../kernel/errors.ts';

/**
 * Whether a verified token still speaks for its user (SECURITY.md row 14). The token's claims are
 * what the directory said when it was issued; the directory is the authority now. A user who is
 * gone or removed, no longer works for the office the request acts for in the role claimed, or was
 * changed after the token was issued (`notBefore`: any change of their memberships) has no session
 * any more.
 */
export const sessionStands = (user: User | null, ctx: TenantContext): boolean => {
  if (!user || user.status === 'removed') return false;
  // The office the request acts for must still be one of the user's, with the same role.
  const member = membershipsOf(user).some(
    (membership) => membership.officeId === ctx.officeId && membership.role === ctx.role,
  );
  if (!member) return false;
  if (user.notBefore) {
    // iat has whole seconds: a token of the very second of a change counts as before it.
    if (ctx.issuedAt === undefined || ctx.issuedAt * 1000 < Date.parse(user.notBefore)) return false;
  }
  return true;
};

/** One GetItem on the caller's user item; rejects with SessionRevokedError when the session is over. */
export const checkMembership = async (ctx: TenantContext): Promise<void> => {
  const user = await getUser(ctx.tenantId, ctx.userId);
  if (!sessionStands(user, ctx)) throw new SessionRevokedError();
};
