import type { TenantContext } from '@kikan/shared';
import type { RouteDefinition } from '@kikan/shared/contracts/route';
import type { z } from 'zod';

export {
  BOUNDED_CONTEXTS,
  defineRoute,
  routeKey,
  type Access,
  type BoundedContext,
  type HttpMethod,
  type RouteDefinition,
} from '@kikan/shared/contracts/route';

type Infer<T> = z.infer<NonNullable<T> & z.ZodType>;

export interface OperationInput<R extends RouteDefinition> {
  ctx: R['access'] extends 'public' ? null : TenantContext;
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  requestId: string;
  now: Date;
  /** Present on idempotent routes when the client sent an Idempotency-Key. */
  idempotency: Idempotency | null;
  /** The version named by If-Match, for conditional updates. */
  ifMatch: number | null;
}

export interface Idempotency {
  key: string;
  /**
   * Hash of the method, route, path parameters and body: the same key on another record, another
   * route or with another body is refused (422), never answered with the stored response.
   */
  fingerprint: string;
}

/** The business function behind a route: no event, no HTTP, testable on its own. */
export type Operation<R extends RouteDefinition> = (
  input: OperationInput<R>,
) => Promise<z.input<R['response']>>;

/**
 * An operation in two steps: `authorize` loads the route's target and refuses (a 404, or an
 * AccessRefusedError) when the caller may not act on it; `run` does the work on what it returned.
 * The function core runs them in that order with the idempotent replay between them, so a stored
 * answer is never sent to a caller who may not act on its target (SECURITY.md row 24). Idempotent
 * routes must be bound to one (function-core.ts refuses a plain operation).
 */
export interface GuardedOperation<R extends RouteDefinition, T> {
  authorize: (input: OperationInput<R>) => Promise<T>;
  run: (input: OperationInput<R>, target: T) => Promise<z.input<R['response']>>;
}

/**
 * The `authorize` of a create whose target is the caller's own office or tenant (a new case, a
 * ledger event): the route's roles are the whole check, and the body's references are checked by
 * `run` before anything is written.
 */
export const callersOwnScope = async (): Promise<void> => undefined;
