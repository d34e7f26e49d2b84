import type { RouteDefinition } from '../http/route.ts';

export const DASHBOARD_ROUTES: readonly RouteDefinition[] = [];
