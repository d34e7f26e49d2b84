import { type RouteBinding } from '../http/create-function.ts';

export const COUNCIL_BINDINGS: readonly RouteBinding[] = [];
