import { ORIGIN_VERIFY_HEADER, todayInJapan, type TenantContext } from '@kikan/shared';
import { timingSafeEqual } from 'node:crypto';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { AuthConfig } from '../config.ts';
import type { TokenVerifier } from '../auth/verify-token.ts';
import { config } from '../config.ts';
import { currentScope, runInRequestScope } from '../data/request-scope.ts';
import { logger } from '../logger.ts';
import { authenticate } from './authenticate.ts';
import { openCursor, sealCursor, type CursorBinding } from './cursor-seal.ts';
import { errorResponse } from './error-response.ts';
import { AccessRefusedError, AppError, ForbiddenError, NotFoundError } from '../kernel/errors.ts';
import { requireVersion } from '../kernel/version.ts';
import { BASE_HEADERS, header, type HttpEvent, type HttpResult } from './http-event.ts';
import { parseInput } from './parse-input.ts';
import { sessionCookieAccess } from './session-cookie.ts';
import {
  routeKey,
  type GuardedOperation,
  type Idempotency,
  type Operation,
  type OperationInput,
  type RouteDefinition,
} from './route.ts';

export type RouteBinding = {
  route: RouteDefinition;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry pairs a route with its own operation type
  operation: Operation<any> | GuardedOperation<any, any>;
};

export function bind<R extends RouteDefinition>(route: R, operation: Operation<R>): RouteBinding;
export function bind<R extends RouteDefinition, T>(route: R, operation: GuardedOperation<R, T>): RouteBinding;
export function bind(route: RouteDefinition, operation: RouteBinding['operation']): RouteBinding {
  return { route, operation };
}

/** Loads a module of bindings (its contracts and operations): esbuild makes each one a chunk. */
export type BindingsLoader = () => Promise<readonly RouteBinding[]>;

/**
 * A function's routes by routeKey, each with the loader of the module that binds it. The function
 * loads a route's module on its first request, so a cold start builds no schema and loads no
 * operation of the routes it is not asked for (ADR 0023). routes.test.ts keeps the keys equal to
 * the route table's.
 */
export type RouteTable = Readonly<Record<string, BindingsLoader>>;

/** The part of a route table one module binds: each key loads it, once for all of them. */
export const routesOf = (load: BindingsLoader, keys: readonly string[]): RouteTable =>
  Object.fromEntries(keys.map((key) => [key, load]));

/**
 * A route flag without the matching operation shape, or the reverse, refuses to build: at start
 * for bound routes, when its module loads for a route table (and in routes.test.ts for every one).
 */
export const checkBindings = (bindings: readonly RouteBinding[], tenantChecks: boolean): void => {
  if (!tenantChecks && bindings.some((binding) => binding.route.access !== 'public')) {
    throw new Error('a function serving protected routes needs the tenant checks (createFunction)');
  }
  for (const { route, operation } of bindings) {
    // A replay is an answer about a record: it waits for the proof that the caller may act on it.
    if (route.idempotent && typeof operation === 'function') {
      throw new Error(`${routeKey(route)} is idempotent: bind it to a GuardedOperation`);
    }
    // The version If-Match must name is the target's: the route's flag and the operation agree.
    const versionOf = typeof operation === 'function' ? undefined : operation.versionOf;
    if (route.versioned && !versionOf) {
      throw new Error(`${routeKey(route)} is versioned: bind it to a GuardedOperation with versionOf`);
    }
    if (!route.versioned && versionOf) {
      throw new Error(`${routeKey(route)} reads a version but is not versioned: set versioned: true`);
    }
  }
};

/** Each loader runs once; a failed load is tried again by the next request. */
const loadOnce = (load: BindingsLoader): BindingsLoader => {
  let loading: Promise<readonly RouteBinding[]> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
};

/** routeKey → the binding, bound now or loaded on the route's first request. */
const bindingFinder = (
  routes: readonly RouteBinding[] | RouteTable,
  tenantChecks: boolean,
): ((key: string) => Promise<RouteBinding | undefined>) => {
  if (Array.isArray(routes)) {
    checkBindings(routes, tenantChecks);
    const byKey = new Map(routes.map((binding) => [routeKey(binding.route), binding]));
    return async (key) => byKey.get(key);
  }
  const loaders = new Map<BindingsLoader, BindingsLoader>();
  const byKey = new Map(
    Object.entries(routes as RouteTable).map(([key, load]) => {
      const once =
        loaders.get(load) ??
        loadOnce(async () => {
          const bindings = await load();
          checkBindings(bindings, tenantChecks);
          return bindings;
        });
      loaders.set(load, once);
      return [key, once] as const;
    }),
  );
  return async (key) => {
    const load = byKey.get(key);
    if (!load) return undefined;
    const binding = (await load()).find((candidate) => routeKey(candidate.route) === key);
    if (!binding) throw new Error(`${key} is in the route table but its module does not bind it`);
    return binding;
  };
};

const etagOf = (body: unknown): Record<string, string> => {
  const version = body && typeof body === 'object' && 'version' in body ? body.version : undefined;
  return typeof version === 'number' ? { etag: `"${version}"` } : {};
};

const accessLog = (): middy.MiddlewareObj<HttpEvent, HttpResult> => {
  // Keyed by event: the local gateway runs concurrent requests through one handler instance.
  const startedAt = new WeakMap<HttpEvent, number>();
  const log = (request: middy.Request<HttpEvent, HttpResult>) =>
    logger.info('request', {
      routeKey: request.event.routeKey,
      status: request.response?.statusCode,
      latencyMs: Math.round(performance.now() - (startedAt.get(request.event) ?? performance.now())),
    });
  return {
    // Request id and tenant keys come from the request scope (logger.ts), per line, never appended.
    before: (request) => {
      startedAt.set(request.event, performance.now());
    },
    after: log,
    onError: log,
  };
};

/**
 * What a session route set on the session cookie (ADR 0037), keyed by event like the access log:
 * sent with the answer, a refusal included (a session that ended clears its cookie).
 */
const sessionCookiesOut = new WeakMap<HttpEvent, () => string | undefined>();

const sessionCookieOut = (): middy.MiddlewareObj<HttpEvent, HttpResult> => {
  const attach = (request: middy.Request<HttpEvent, HttpResult>) => {
    const cookie = sessionCookiesOut.get(request.event)?.();
    if (cookie && request.response) request.response = { ...request.response, cookies: [cookie] };
  };
  return { after: attach, onError: attach };
};

/** What a function serving tenant routes adds to every request (create-function.ts). */
export interface TenantHooks {
  /** The token check of a real deployment, built on the first protected request (verify-token.ts). */
  createVerifier(auth: AuthConfig): TokenVerifier;
  /** Rejects (session revoked) when the directory no longer stands behind the token. */
  checkMembership(ctx: TenantContext): Promise<void>;
  /**
   * The response stored under this caller's Idempotency-Key, or null; a 422 when the key came with
   * another route, record or body.
   */
  readReplay(ctx: TenantContext, idempotency: Idempotency): Promise<{ body: unknown } | null>;
  /** The key that seals pagination cursors (cursor-seal.ts), the same for every function of a deployment. */
  cursorKey(): Promise<Buffer>;
  /** Appends the one `denied` audit entry of a write refused on a record that is not the caller's. */
  auditRefusal(
    ctx: TenantContext,
    requestId: string,
    now: Date,
    refused: AccessRefusedError['refused'],
  ): Promise<void>;
}

export interface HandlerOptions {
  /** Tests replace the token check; Lambda builds the real one on first use. */
  verifier?: TokenVerifier;
  /** Required as soon as one route is not public: a tenant route never runs without its checks. */
  tenant?: TenantHooks;
  /**
   * The value CloudFront sends in x-kikan-origin-verify (ADR 0017); by default the function's
   * ORIGIN_VERIFY_SECRET. Unset locally, where nothing stands in front of the gateway.
   */
  originVerifySecret?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a cursor of this request continues (cursor-seal.ts): the route and its parameters, the
 * filters but not the page position or size, the caller, and the day in Japan.
 */
const cursorBinding = (
  route: RouteDefinition,
  ctx: TenantContext,
  params: unknown,
  query: Record<string, unknown>,
  now: Date,
): CursorBinding => {
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  return {
    route: routeKey(route),
    tenantId: ctx.tenantId,
    officeId: ctx.officeId,
    userId: ctx.userId,
    role: ctx.role,
    params: params ?? {},
    filters,
    day: todayInJapan(now),
  };
};

const verifierOf = (tenant: TenantHooks | undefined): TokenVerifier => {
  // checkBindings refused protected routes without the tenant hooks when they were bound.
  if (!tenant) throw new Error('a protected route without the tenant checks');
  return tenant.createVerifier(config().auth);
};

/** Constant-time comparison, so the secret cannot be guessed a byte at a time from timings. */
const sameSecret = (given: string | undefined, expected: string): boolean => {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The Lambda entry of one bounded context: the same middleware stack for every route, then the
 * route's business function. Routes are found by API Gateway's routeKey, set identically by the
 * local gateway. Use `createFunction` (tenant routes) or `createPublicFunction` (public only): the
 * split keeps the data layer out of the public function's bundle.
 */
export const createHandler = (routes: readonly RouteBinding[] | RouteTable, options: HandlerOptions = {}) => {
  const { tenant } = options;
  const bindingOf = bindingFinder(routes, tenant !== undefined);
  let verifier = options.verifier;

  const run = async (
    binding: RouteBinding,
    event: HttpEvent,
    context: Context,
    ctx: TenantContext | null,
  ) => {
    const { route, operation } = binding;
    const requestId = event.requestContext.requestId || context.awsRequestId;
    const now = new Date();
    try {
      const parsed = parseInput(event, route);
      // Cursors cross the edge sealed: the operation and the data layer see the continuation only.
      const cursors =
        ctx && tenant && isRecord(parsed.query)
          ? {
              binding: cursorBinding(route, ctx, parsed.params, parsed.query, now),
              key: () => tenant.cursorKey(),
            }
          : null;
      const query =
        cursors && isRecord(parsed.query) && typeof parsed.query.cursor === 'string'
          ? { ...parsed.query, cursor: openCursor(await cursors.key(), cursors.binding, parsed.query.cursor) }
          : parsed.query;
      // The binding pairs this route with its own operation, so its parsed input fits that operation.
      const { ifMatch, ...fields } = parsed;
      const session = route.session ? sessionCookieAccess(event.cookies) : null;
      if (session) sessionCookiesOut.set(event, session.setCookie);
      const input = {
        ...fields,
        query,
        ctx,
        requestId,
        now,
        session: session?.access ?? null,
      } as OperationInput<RouteDefinition>;
      let result: unknown;
      if (typeof operation === 'function') {
        result = await operation(input);
      } else {
        const target: unknown = await operation.authorize(input);
        const replay =
          input.idempotency && ctx && tenant ? await tenant.readReplay(ctx, input.idempotency) : null;
        // A retry gets the first answer even when that answer's own checks would now refuse it (a
        // finalized plan cannot be finalized again, its version has moved on): the work is not redone.
        if (replay) {
          result = replay.body;
        } else {
          if (operation.versionOf) requireVersion(ifMatch, operation.versionOf(target));
          result = await operation.run(input, target).catch(async (error: unknown) => {
            // A refusal of run's own checks (a likely duplicate, a held recipient number) may have
            // seen the write of a first send of the same key, committed since the replay was read:
            // that send's answer is this one's too, as if the retry had come a moment later.
            const late =
              error instanceof AppError && error.status === 409 && input.idempotency && ctx && tenant
                ? await tenant.readReplay(ctx, input.idempotency)
                : null;
            if (late) return late.body;
            throw error;
          });
        }
      }
      if (cursors && isRecord(result) && typeof result.nextCursor === 'string') {
        result = {
          ...result,
          nextCursor: sealCursor(await cursors.key(), cursors.binding, result.nextCursor),
        };
      }
      return route.response.parse(result);
    } catch (error) {
      // One entry per refused write, like one per full read; like every write it waits for the
      // session check, so a revoked caller's refusal stores nothing.
      if (error instanceof AccessRefusedError && ctx && tenant) {
        await tenant.auditRefusal(ctx, requestId, now, error.refused);
      }
      throw error;
    }
  };

  const dispatch = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    // Before anything else: a request that bypassed CloudFront (and its WAF) reaches no route.
    const originSecret = options.originVerifySecret ?? config().originVerifySecret;
    if (originSecret && !sameSecret(header(event, ORIGIN_VERIFY_HEADER), originSecret)) {
      throw new ForbiddenError();
    }
    // The route's contract and operation are loaded before anything else looks at the request, so
    // every first request pays the same cold start whatever it is refused for.
    const binding = await bindingOf(event.routeKey);
    if (!binding) throw new NotFoundError();
    const { route } = binding;
    const ctx =
      route.access === 'public' ? null : await authenticate(event, route, (verifier ??= verifierOf(tenant)));
    const scope = currentScope();
    if (ctx) {
      // Fail closed: a protected route never runs without its scope and its session check.
      if (!scope || !tenant) throw new Error('tenant route outside its request scope');
      // From here on, db() answers with this caller's tenant+office client, and the caller's
      // directory entry is read beside the operation: its writes wait for the check
      // (data/client.ts), and the response waits for it below.
      scope.ctx = ctx;
      scope.membership = tenant.checkMembership(ctx);
      scope.membership.catch(() => undefined);
    }
    let body: unknown;
    try {
      body = await run(binding, event, context, ctx);
    } finally {
      // A revoked session answers 401 whatever the operation did: its reads are not sent back, and
      // it could not write (every write waited for this check).
      await scope?.membership;
    }
    if (route.raw) {
      const { RawFile, contentDisposition } = await import('./raw-response.ts');
      const file = RawFile.parse(body);
      return {
        statusCode: route.successStatus,
        headers: {
          ...BASE_HEADERS,
          'content-type': file.contentType,
          ...(file.filename ? { 'content-disposition': contentDisposition(file.filename) } : {}),
        },
        body: file.body,
        ...(file.encoding === 'base64' ? { isBase64Encoded: true } : {}),
      };
    }
    return {
      statusCode: route.successStatus,
      headers: { ...BASE_HEADERS, ...etagOf(body) },
      body: JSON.stringify(body),
    };
  };

  // onError runs in reverse order: the error answer is made first, then logged, then the cookie added.
  const handler = middy<HttpEvent, HttpResult>()
    .use(sessionCookieOut())
    .use(accessLog())
    .use(errorResponse())
    .handler(dispatch);
  // Each invocation in its own request scope: warm containers and the local gateway's concurrent
  // requests never see another request's caller.
  return (event: HttpEvent, context: Context): Promise<HttpResult> =>
    runInRequestScope({ requestId: event.requestContext?.requestId || context.awsRequestId, ctx: null }, () =>
      handler(event, context),
    );
};
