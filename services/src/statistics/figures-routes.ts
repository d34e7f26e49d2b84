import { FiguresQuery, FiguresView } from '@kikan/shared';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * Aggregates only (SECURITY.md row 9): the municipality and the core center see the tenant's
 * figures; an office manager sees their own office's, to confirm them. No route here returns a case.
 */
export const FIGURE_READERS = ['municipal_officer', 'core_supervisor', 'office_manager'] as const;

export const getFiguresRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/figures',
  context: 'statistics',
  access: FIGURE_READERS,
  summary:
    "A fiscal year's plan indicators by month, member municipality and office, with targets: as they stand, or an approved version",
  query: FiguresQuery,
  response: FiguresView,
  successStatus: 200,
});

export const FIGURES_ROUTES: readonly RouteDefinition[] = [getFiguresRoute];
