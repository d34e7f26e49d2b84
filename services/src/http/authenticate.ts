import { OFFICE_HEADER, type TenantContext } from '@kikan/shared';
import type { TokenVerifier } from '../auth/verify-token.ts';
import { ForbiddenError, UnauthorizedError } from '../kernel/errors.ts';
import { header, type HttpEvent } from './http-event.ts';
import type { RouteDefinition } from './route.ts';

/**
 * The office the request acts for (ADR 0033): the one the office header names, which must be one
 * of the token's memberships (403 otherwise, a forged or stale choice), with its role; without the
 * header, the first. Downstream, ctx.officeId is exactly one office, as before.
 */
export const actingFor = (ctx: TenantContext, officeHeader: string | undefined): TenantContext => {
  if (officeHeader === undefined || officeHeader === ctx.officeId) return ctx;
  const membership = ctx.memberships?.find((candidate) => candidate.officeId === officeHeader);
  if (!membership) throw new ForbiddenError();
  return { ...ctx, officeId: membership.officeId, role: membership.role };
};

/**
 * Verifies the bearer token, chooses the office the request acts for, and checks the route's role
 * list with that office's role (deny by default). Returns null only for public routes.
 */
export const authenticate = async (
  event: HttpEvent,
  route: RouteDefinition,
  verify: TokenVerifier,
): Promise<TenantContext | null> => {
  if (route.access === 'public') return null;
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(
    header(event, 'authorization') ?? '',
  );
  if (!match?.[1]) throw new UnauthorizedError();
  let verified: TenantContext;
  try {
    verified = await verify(match[1]);
  } catch {
    throw new UnauthorizedError();
  }
  const ctx = actingFor(verified, header(event, OFFICE_HEADER));
  if (!route.access.includes(ctx.role)) throw new ForbiddenError();
  return ctx;
};
