import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { createTokenVerifier, type TokenVerifier } from '../auth/verify-token.ts';
import { config } from '../config.ts';
import { currentScope, runInRequestScope } from '../data/request-scope.ts';
import { logger } from '../logger.ts';
import { authenticate } from './authenticate.ts';
import { errorResponse } from './error-response.ts';
import { NotFoundError } from './errors.ts';
import { BASE_HEADERS, type HttpEvent, type HttpResult } from './http-event.ts';
import { parseInput } from './parse-input.ts';
import { RawFile, contentDisposition } from './raw-response.ts';
import { routeKey, type Operation, type OperationInput, type RouteDefinition } from './route.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry pairs a route with its own operation type
export type RouteBinding = { route: RouteDefinition; operation: Operation<any> };

export const bind = <R extends RouteDefinition>(route: R, operation: Operation<R>): RouteBinding => ({
  route,
  operation,
});

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
    before: (request) => {
      startedAt.set(request.event, performance.now());
      logger.resetKeys();
      logger.appendKeys({ requestId: request.event.requestContext.requestId });
    },
    after: log,
    onError: log,
  };
};

/**
 * The Lambda entry of one bounded context: the same middleware stack for every route, then the
 * route's business function. Routes are found by API Gateway's routeKey, set identically by the
 * local gateway.
 */
export const createFunction = (bindings: readonly RouteBinding[]) => {
  const byKey = new Map(bindings.map((binding) => [routeKey(binding.route), binding]));
  let verifier: TokenVerifier | undefined;

  const dispatch = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const binding = byKey.get(event.routeKey);
    if (!binding) throw new NotFoundError();
    const { route, operation } = binding;
    verifier ??= createTokenVerifier(config().auth);
    const ctx = await authenticate(event, route, verifier);
    // From here on, db() answers with this caller's tenant+office client.
    const scope = currentScope();
    if (scope) scope.ctx = ctx;
    if (ctx) logger.appendKeys({ tenantId: ctx.tenantId, officeId: ctx.officeId, role: ctx.role });
    const input = parseInput(event, route);
    // The binding pairs this route with its own operation, so its parsed input fits that operation.
    const result = await operation({
      ...input,
      ctx,
      requestId: event.requestContext.requestId || context.awsRequestId,
      now: new Date(),
    } as OperationInput<RouteDefinition>);
    const body: unknown = route.response.parse(result);
    if (route.raw) {
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

  const handler = middy<HttpEvent, HttpResult>().use(accessLog()).use(errorResponse()).handler(dispatch);
  // Each invocation in its own request scope: warm containers and the local gateway's concurrent
  // requests never see another request's caller.
  return (event: HttpEvent, context: Context): Promise<HttpResult> =>
    runInRequestScope({ requestId: event.requestContext?.requestId || context.awsRequestId, ctx: null }, () =>
      handler(event, context),
    );
};
