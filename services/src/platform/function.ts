import { healthRoute, openApiRoute } from '@kikan/shared/contracts/platform';
import { readFile } from 'node:fs/promises';
import { bind, createPublicFunction, routesOf, type RouteTable } from '../http/public-function.ts';

let document: Promise<Record<string, unknown>> | undefined;

/**
 * The OpenAPI document is written at build time from the route table (`npm run openapi`, kept equal
 * to it by openapi.test.ts) and read on the first request for it: this function builds no schema of
 * the API, so a health check's cold start stays near an empty handler's (ADR 0023). In Lambda the
 * file lies beside the bundle (CDK copies it there), locally beside this source.
 */
const openApiDocument = () =>
  (document ??= readFile(new URL('./openapi.json', import.meta.url), 'utf8').then(
    (text) => JSON.parse(text) as Record<string, unknown>,
  ));

/** Each module of bindings is loaded on the first request for one of its routes (ADR 0023). */
export const ROUTE_TABLE: RouteTable = {
  ...routesOf(
    async () => [
      bind(healthRoute, async () => ({ status: 'ok' as const })),
      bind(openApiRoute, openApiDocument),
    ],
    ['GET /api/health', 'GET /api/openapi.json'],
  ),
  // The sign-in session (ADR 0037): public routes (no access token yet), the cookie is their credential.
  ...routesOf(
    () => import('./session-bindings.ts').then((module) => module.SESSION_BINDINGS),
    ['POST /api/session', 'POST /api/session/refresh', 'POST /api/session/activity', 'DELETE /api/session'],
  ),
};

export const handler = createPublicFunction(ROUTE_TABLE);
