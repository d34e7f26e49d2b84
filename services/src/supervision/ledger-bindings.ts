import type { RouteBinding } from '../http/create-function.ts';

export const LEDGER_BINDINGS: readonly RouteBinding[] = [];
