import type { RouteDefinition } from '../http/route.ts';

export const DIFFICULT_ROUTES: readonly RouteDefinition[] = [];
