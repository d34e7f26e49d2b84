import { type RouteDefinition } from '../http/route.ts';

/** The municipal plan's indicators (障害福祉計画): figures, targets, sign-off, exports. */
export const STATISTICS_ROUTES: readonly RouteDefinition[] = [];
