import { type RouteBinding } from '../http/create-function.ts';

export const SIGNOFF_BINDINGS: readonly RouteBinding[] = [];
