import type { TenantContext } from '@kikan/shared';
import type { TokenVerifier } from '../auth/verify-token.ts';
import { ForbiddenError, UnauthorizedError } from '../kernel/errors.ts';
import { header, type HttpEvent } from './http-event.ts';
import type { RouteDefinition } from './route.ts';

/**
 * Verifies the bearer token and checks the route's role list (deny by default).
 * Returns null only for public routes.
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
  let ctx: TenantContext;
  try {
    ctx = await verify(match[1]);
  } catch {
    throw new UnauthorizedError();
  }
  if (!route.access.includes(ctx.role)) throw new ForbiddenError();
  return ctx;
};
