import type { RouteBinding } from '../http/create-function.ts';

export const DIFFICULT_BINDINGS: readonly RouteBinding[] = [];
