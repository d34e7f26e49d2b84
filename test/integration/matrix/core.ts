import {
  CASE_WORKERS,
  caseBodyFor,
  caseWorkersOnly,
  everyone,
  type Expectation,
} from '../../support/personas.ts';

/** The platform, directory and case routes of issue 2. */
export const CORE_MATRIX: Record<string, Expectation> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', status: everyone },
  'GET /api/openapi.json': { method: 'GET', path: () => '/api/openapi.json', status: everyone },
  'GET /api/me': { method: 'GET', path: () => '/api/me', status: everyone },
  'GET /api/offices': { method: 'GET', path: () => '/api/offices', status: everyone },
  'GET /api/cases': { method: 'GET', path: () => '/api/cases', status: caseWorkersOnly(200) },
  'POST /api/cases': {
    method: 'POST',
    path: () => '/api/cases',
    body: (persona) => caseBodyFor(persona),
    status: caseWorkersOnly(201),
  },
  'GET /api/cases/{caseId}': {
    method: 'GET',
    path: (persona, target) => `/api/cases/${persona.cases[target]}`,
    status: (persona, target) => {
      if (!CASE_WORKERS.has(persona.role)) return 403;
      if (target === 'otherTenant') return 404;
      if (target === 'otherOffice') return persona.role === 'core_supervisor' ? 200 : 404;
      return 200;
    },
  },
};
