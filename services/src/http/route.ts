import type { Role, TenantContext } from '@kikan/shared';
import type { z } from 'zod';

export const BOUNDED_CONTEXTS = [
  'platform',
  'admin',
  'caseload',
  'supervision',
  'council',
  'statistics',
] as const;
export type BoundedContext = (typeof BOUNDED_CONTEXTS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access = 'public' | readonly Role[];

/**
 * One route: the single source for the Lambda dispatch, the CDK routes, the local gateway,
 * the OpenAPI document and the authorisation tests. Deny by default: a role not listed gets 403.
 */
export interface RouteDefinition<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
  TResponse extends z.ZodType = z.ZodType,
  TAccess extends Access = Access,
> {
  method: HttpMethod;
  path: `/api/${string}`;
  context: BoundedContext;
  access: TAccess;
  summary: string;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  response: TResponse;
  successStatus: 200 | 201;
  /** Creates accept an Idempotency-Key header and replay the first response on retries. */
  idempotent?: boolean;
  /** The response is a file sent as it is, not JSON: `response` is `rawFile(…)` of raw-response.ts. */
  raw?: boolean;
}

export const defineRoute = <
  TParams extends z.ZodType,
  TQuery extends z.ZodType,
  TBody extends z.ZodType,
  TResponse extends z.ZodType,
  const TAccess extends Access,
>(
  route: RouteDefinition<TParams, TQuery, TBody, TResponse, TAccess>,
) => route;

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

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
