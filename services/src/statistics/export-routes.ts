import { type RouteDefinition } from '../http/route.ts';

export const EXPORT_ROUTES: readonly RouteDefinition[] = [];
