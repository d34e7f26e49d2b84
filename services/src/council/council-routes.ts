import { type RouteDefinition } from '../http/route.ts';

/** Regional issues (地域課題) and the council (自立支援協議会). */
export const COUNCIL_ROUTES: readonly RouteDefinition[] = [];
