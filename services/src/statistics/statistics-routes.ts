import { type RouteDefinition } from '../http/route.ts';
import { EXPORT_ROUTES } from './export-routes.ts';
import { FIGURES_ROUTES } from './figures-routes.ts';
import { SIGNOFF_ROUTES } from './signoff-routes.ts';

/** The municipal plan's indicators (障害福祉計画): figures, targets, sign-off, exports. */
export const STATISTICS_ROUTES: readonly RouteDefinition[] = [
  ...FIGURES_ROUTES,
  ...SIGNOFF_ROUTES,
  ...EXPORT_ROUTES,
];
