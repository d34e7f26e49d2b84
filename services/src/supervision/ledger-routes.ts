import type { RouteDefinition } from '../http/route.ts';

export const LEDGER_ROUTES: readonly RouteDefinition[] = [];
