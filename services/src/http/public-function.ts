import { createHandler, type RouteBinding, type RouteTable } from './function-core.ts';

export { bind, routesOf, type RouteTable } from './function-core.ts';

/**
 * The Lambda entry of a context serving public routes only (health, the OpenAPI document, the
 * sign-in session): the same middleware stack without the tenant checks, so its bundle and cold
 * start stay those of a near-empty handler (ADR 0016). A protected route given to it is refused
 * when the function is built.
 */
export const createPublicFunction = (routes: readonly RouteBinding[] | RouteTable) => createHandler(routes);
