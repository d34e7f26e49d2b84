import { type RouteBinding } from '../http/create-function.ts';

export const EXPORT_BINDINGS: readonly RouteBinding[] = [];
