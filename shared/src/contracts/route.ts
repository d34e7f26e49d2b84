import type * as z from 'zod';
import type { Role } from '../role.ts';

export const BOUNDED_CONTEXTS = [
  'platform',
  'admin',
  'caseload',
  'supervision',
  'council',
  'statistics',
  'submissions',
  'municipality',
] as const;
export type BoundedContext = (typeof BOUNDED_CONTEXTS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Access = 'public' | readonly Role[];

/**
 * One route's contract: the single source for the Lambda dispatch, the CDK routes, the local
 * gateway, the OpenAPI document, the authorisation tests and the portal's typed client. Deny by
 * default: a role not listed gets 403. Each context's contracts are one module
 * (`@kikan/shared/contracts/<context>`), so a function and a portal page load only the schemas of the
 * context they use.
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
  /**
   * Updates at a version: If-Match names the version the client read, 428 without it, 412 with the
   * current ETag when it is stale. The function core checks it; the store's conditional write
   * guards the moment between the check and the write.
   */
  versioned?: boolean;
  /** The response is a file sent as it is, not JSON: `response` is `rawFile(…)` of raw-file.ts. */
  raw?: boolean;
  /**
   * When a read answers 409 (writes always may: a concurrent change, or a state that refuses the
   * change). The OpenAPI document says it.
   */
  conflictWhen?: string;
  /**
   * The route reads and writes the sign-in session cookie (ADR 0037): the operation gets the
   * cookie's value and may set or clear it. Only the session routes of the platform context do.
   */
  session?: boolean;
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
