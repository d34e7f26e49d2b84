import type { RouteBinding } from '../http/create-function.ts';

export const RECORD_BINDINGS: readonly RouteBinding[] = [];
