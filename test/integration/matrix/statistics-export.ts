import type { Expectation, Persona } from '../../support/personas.ts';

/**
 * Files of the plan's figures go to the municipality and the core center only: office managers
 * confirm their figures on screen, specialists and the tenant admin see none. The tenant comes from
 * the token, so "another tenant" answers the caller's own figures.
 */
const EXPORTERS = new Set(['municipal_officer', 'core_supervisor']);
const exporters = (persona: Persona) => (EXPORTERS.has(persona.role) ? 200 : 403);

export const STATISTICS_EXPORT_MATRIX: Record<string, Expectation> = {
  'GET /api/statistics/export.csv': {
    method: 'GET',
    path: () => '/api/statistics/export.csv?fiscalYear=2025',
    status: exporters,
  },
  'GET /api/statistics/export.xlsx': {
    method: 'GET',
    path: () => '/api/statistics/export.xlsx?fiscalYear=2025&use=outside',
    status: exporters,
  },
  'GET /api/council/pack.xlsx': {
    method: 'GET',
    path: () => '/api/council/pack.xlsx?fiscalYear=2025',
    status: exporters,
  },
};
