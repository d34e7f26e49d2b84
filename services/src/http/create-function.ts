import type { TenantContext } from '@kikan/shared';
import { checkMembership } from '../auth/membership.ts';
import { createTokenVerifier, type TokenVerifier } from '../auth/verify-token.ts';
import { cursorKey } from '../data/cursor-secret.ts';
import { createHandler, type RouteBinding, type RouteTable } from './function-core.ts';

export { bind, routesOf, type RouteBinding, type RouteTable } from './function-core.ts';

export interface FunctionOptions {
  /** Tests replace the token check and the directory lookup; Lambda uses the real ones. */
  verifier?: TokenVerifier;
  checkMembership?: (ctx: TenantContext) => Promise<void>;
}

/**
 * The Lambda entry of a bounded context with tenant routes: every authenticated request has its
 * session checked against the directory (SECURITY.md row 14), and a write refused on a record that
 * is not the caller's leaves one `denied` audit entry (row 15). A Lambda entry gives a route table
 * (each route's module loaded on its first request); tests may bind routes directly.
 */
export const createFunction = (routes: readonly RouteBinding[] | RouteTable, options: FunctionOptions = {}) =>
  createHandler(routes, {
    ...(options.verifier ? { verifier: options.verifier } : {}),
    tenant: {
      createVerifier: createTokenVerifier,
      checkMembership: options.checkMembership ?? checkMembership,
      // Loaded when first needed (a write with an Idempotency-Key, a refused write): their schemas
      // are no part of a cold start's first request otherwise (ADR 0023).
      readReplay: async (ctx, idempotency) =>
        (await import('../data/idempotency.ts')).readIdempotentReplay(ctx, idempotency),
      cursorKey,
      auditRefusal: async (ctx, requestId, now, refused) => {
        const [{ auditItem }, { appendAudit }] = await Promise.all([
          import('../data/audit.ts'),
          import('../data/audit-store.ts'),
        ]);
        await appendAudit(auditItem(ctx, requestId, now, { action: 'denied', ...refused }));
      },
    },
  });
