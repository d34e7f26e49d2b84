import type { RouteDefinition } from '../http/route.ts';

/** Routes of the care-management cycle: case settings, phases, service decisions, monitoring, due lists. */
export const CYCLE_ROUTES: readonly RouteDefinition[] = [];
