import type { TenantContext } from '@kikan/shared';
import type { RouteDefinition } from '@kikan/shared/contracts/route';
import type { z } from 'zod';
import type { Idempotency } from '../kernel/idempotency.ts';

export type { Idempotency } from '../kernel/idempotency.ts';

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
  /** On the session routes (`session: true`, ADR 0037) only: the session cookie, read and set. */
  session?: SessionCookieAccess | null;
  // No If-Match here: on a versioned route the function core has checked it against the target's
  // current version before `run`, so an operation has nothing left to compare it with.
}

/**
 * What a session route sees of the session cookie: its value as the browser sent it, and what to
 * send back. The function core writes the Set-Cookie with the fixed attributes (session-cookie.ts).
 */
export interface SessionCookieAccess {
  readonly value: string | null;
  set(value: string, maxAgeSeconds: number): void;
  clear(): void;
}

/** The business function behind a route: no event, no HTTP, testable on its own. */
export type Operation<R extends RouteDefinition> = (
  input: OperationInput<R>,
) => Promise<z.input<R['response']>>;

/**
 * An operation in two steps: `authorize` loads the route's target and refuses (a 404, or an
 * AccessRefusedError) when the caller may not act on it; `run` does the work on what it returned.
 * The function core runs them in that order with the write protocol between them, as middlewares
 * do: first the idempotent replay, so a stored answer is never sent to a caller who may not act on
 * its target (SECURITY.md row 24), then, on a versioned route, the If-Match check against
 * `versionOf(target)` (428/412), so a retry is still answered after its own write moved the version
 * on. Idempotent and versioned routes must be bound to one (function-core.ts refuses a plain
 * operation), and `versionOf` is there exactly when the route is versioned.
 */
export interface GuardedOperation<R extends RouteDefinition, T> {
  authorize: (input: OperationInput<R>) => Promise<T>;
  /** On a versioned route: the target's current version, which If-Match must name. */
  versionOf?: (target: T) => number;
  run: (input: OperationInput<R>, target: T) => Promise<z.input<R['response']>>;
}

/**
 * The `authorize` of a create whose target is the caller's own office or tenant (a new case, a
 * ledger event): the route's roles are the whole check, and the body's references are checked by
 * `run` before anything is written.
 */
export const callersOwnScope = async (): Promise<void> => undefined;
