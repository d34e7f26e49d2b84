import { ROLES } from '@kikan/shared';
import type { Context } from 'aws-lambda';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { checkBindings, type RouteBinding, type RouteTable } from './http/function-core.ts';
import type { HttpEvent, HttpResult } from './http/http-event.ts';
import { apiGatewayEvent, lambdaContext } from './http/test-fixtures.ts';
import {
  BOUNDED_CONTEXTS,
  ROUTES,
  functionEntry,
  routeKey,
  type BoundedContext,
  type RouteDefinition,
} from './routes.ts';

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** An event for a route with every path parameter filled and no Authorization header. */
const anonymousEvent = (route: RouteDefinition) =>
  apiGatewayEvent(route, {
    pathParameters: Object.fromEntries(
      [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name ?? '', 'case_0001']),
    ),
  });

const HandlerModule = z.object({
  handler: z.custom<Handler>((value) => typeof value === 'function'),
  ROUTE_TABLE: z.custom<RouteTable>((value) => typeof value === 'object' && value !== null).optional(),
});

const handlers = new Map<BoundedContext, Handler>();
const routeTables = new Map<BoundedContext, RouteTable>();

beforeAll(async () => {
  vi.stubEnv('AUTH_MODE', 'local');
  vi.stubEnv('LOCAL_ISSUER', 'http://127.0.0.1:1/local-auth');
  vi.stubEnv('LOCAL_CLIENT_ID', 'x');
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:1');
  vi.stubEnv('TABLE_NAME', 'test-table');
  for (const context of BOUNDED_CONTEXTS) {
    // The same entry path infra bundles for the context's Lambda function.
    const module: unknown = await import(`../${functionEntry(context)}`);
    const { handler, ROUTE_TABLE } = HandlerModule.parse(module);
    handlers.set(context, handler);
    if (ROUTE_TABLE) routeTables.set(context, ROUTE_TABLE);
  }
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const handlerOf = (context: BoundedContext): Handler => {
  const handler = handlers.get(context);
  if (!handler) throw new Error(`no function entry for ${context}`);
  return handler;
};

const publicRoutes = ROUTES.filter((route) => route.access === 'public');
const protectedRoutes = ROUTES.filter((route) => route.access !== 'public');
const routeLabel = (route: RouteDefinition) => routeKey(route);

describe('route binding', () => {
  it('has a function entry for every bounded context', () => {
    expect([...handlers.keys()]).toEqual([...BOUNDED_CONTEXTS]);
  });

  // The session routes' credential is the cookie (ADR 0037): without one there is no session to
  // refresh or keep alive (401), and no code to exchange (400); a sign-out is always answered.
  const withoutSession: Record<string, number> = {
    'POST /api/session': 400,
    'POST /api/session/refresh': 401,
    'POST /api/session/activity': 401,
  };

  it.each(publicRoutes.map((route) => [routeLabel(route), route] as const))(
    'the public route %s is served by its own context',
    async (_label, route) => {
      const response = await handlerOf(route.context)(anonymousEvent(route), lambdaContext());

      expect(response.statusCode).not.toBe(404);
      const expected = withoutSession[routeKey(route)];
      if (expected) expect(response.statusCode).toBe(expected);
      else expect(response.statusCode).toBeLessThan(400);
    },
  );

  it.each(protectedRoutes.map((route) => [routeLabel(route), route] as const))(
    'the protected route %s is bound in its own context and refuses an anonymous caller with 401',
    async (_label, route) => {
      const response = await handlerOf(route.context)(anonymousEvent(route), lambdaContext());

      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
    },
  );

  it.each(ROUTES.map((route) => [routeLabel(route), route] as const))(
    'the route %s is bound in exactly one function',
    async (_label, route) => {
      const statuses = await Promise.all(
        BOUNDED_CONTEXTS.map(async (context) => {
          const response = await handlerOf(context)(anonymousEvent(route), lambdaContext());
          return [context, response.statusCode] as const;
        }),
      );

      const bindingContexts = statuses.filter(([, status]) => status !== 404).map(([context]) => context);

      expect(bindingContexts).toEqual([route.context]);
    },
  );
});

describe('route tables of the functions (routes loaded on their first request)', () => {
  const tableContexts = BOUNDED_CONTEXTS;

  it('every function loads its routes from a route table', () => {
    expect([...routeTables.keys()]).toEqual(tableContexts);
  });

  it.each(tableContexts)('the %s table lists exactly the route table’s routes of its context', (context) => {
    const keys = Object.keys(routeTables.get(context) ?? {}).sort();

    expect(keys).toEqual(
      ROUTES.filter((route) => route.context === context)
        .map(routeKey)
        .sort(),
    );
  });

  it.each(tableContexts)(
    'each module of the %s table binds exactly the keys that load it, with flags and operations that agree',
    async (context) => {
      const table = routeTables.get(context) ?? {};
      const loaders = new Set(Object.values(table));
      for (const load of loaders) {
        const bindings: readonly RouteBinding[] = await load();
        const keysOfLoader = Object.keys(table).filter((key) => table[key] === load);

        expect(() => checkBindings(bindings, true)).not.toThrow();
        expect(bindings.map((binding) => routeKey(binding.route)).sort()).toEqual(keysOfLoader.sort());
      }
    },
  );
});

describe('route table', () => {
  it('has one route per method and path', () => {
    const keys = ROUTES.map(routeKey);

    expect(new Set(keys).size).toBe(keys.length);
  });

  it('puts every route under /api/', () => {
    expect(ROUTES.filter((route) => !route.path.startsWith('/api/')).map(routeKey)).toEqual([]);
  });

  it.each(protectedRoutes.map((route) => [routeLabel(route), route] as const))(
    'the protected route %s lists at least one role, all of them known',
    (_label, route) => {
      const roles = route.access === 'public' ? [] : [...route.access];

      expect(roles.length).toBeGreaterThan(0);
      expect(roles.filter((role) => !(ROLES as readonly string[]).includes(role))).toEqual([]);
    },
  );

  it.each([...BOUNDED_CONTEXTS])('the %s context has at least one route', (context) => {
    expect(ROUTES.filter((route) => route.context === context).length).toBeGreaterThan(0);
  });

  it.each(ROUTES.map((route) => [routeLabel(route), route] as const))(
    'the path parameters of %s match its params schema',
    (_label, route) => {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const properties = route.params ? Object.keys(z.toJSONSchema(route.params).properties ?? {}) : [];

      expect(properties.sort()).toEqual(inPath.sort());
    },
  );
});
