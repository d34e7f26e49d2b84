import type { Expectation, Persona } from '../../support/personas.ts';

/**
 * Figures are aggregates the municipality and the core center read whole; office staff (managers
 * and specialists, since an office without a manager signs off through a specialist) read their
 * own office's series only; the tenant admin gets 403. The tenant comes from the token, so "another
 * tenant" cannot even be named: every target answers the caller's own tenant.
 */
const FIGURE_READERS = new Set(['municipal_officer', 'core_supervisor', 'office_manager', 'specialist']);
const readers = (persona: Persona) => (FIGURE_READERS.has(persona.role) ? 200 : 403);

export const STATISTICS_MATRIX: Record<string, Expectation> = {
  'GET /api/statistics/figures': {
    method: 'GET',
    path: () => '/api/statistics/figures?fiscalYear=2025',
    status: readers,
  },
};
