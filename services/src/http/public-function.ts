import { createHandler, type RouteBinding } from './function-core.ts';

export { bind } from './function-core.ts';

/**
 * The Lambda entry of a context serving public routes only (health, the OpenAPI document): the same
 * middleware stack without the data layer, so its bundle and cold start stay those of a near-empty
 * handler (ADR 0016). A protected route given to it is refused when the function is built.
 */
export const createPublicFunction = (bindings: readonly RouteBinding[]) => createHandler(bindings);
