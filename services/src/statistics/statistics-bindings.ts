import { type RouteBinding } from '../http/create-function.ts';

export const STATISTICS_BINDINGS: readonly RouteBinding[] = [];
