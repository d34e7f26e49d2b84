import { type RouteDefinition } from '../http/route.ts';

export const SIGNOFF_ROUTES: readonly RouteDefinition[] = [];
