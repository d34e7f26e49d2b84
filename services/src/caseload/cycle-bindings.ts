import type { RouteBinding } from '../http/create-function.ts';

export const CYCLE_BINDINGS: readonly RouteBinding[] = [];
