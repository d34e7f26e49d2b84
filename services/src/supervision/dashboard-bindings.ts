import type { RouteBinding } from '../http/create-function.ts';

export const DASHBOARD_BINDINGS: readonly RouteBinding[] = [];
