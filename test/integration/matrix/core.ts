import {
  CASE_WORKERS,
  caseBodyFor,
  caseWorkersOnly,
  everyone,
  type Expectation,
} from '../../support/personas.ts';

const OFFICE_STAFF = new Set(['specialist', 'office_manager']);

/** The platform, directory and case routes of issue 2, and the caseload export of issue 15. */
export const CORE_MATRIX: Record<string, Expectation> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', status: everyone },
  'GET /api/openapi.json': { method: 'GET', path: () => '/api/openapi.json', status: everyone },
  // The sign-in session (ADR 0037): its credential is the cookie, never the bearer token, so a token
  // of any role gets no session: a made-up code is refused, and there is nothing to refresh.
  'POST /api/session': {
    method: 'POST',
    path: () => '/api/session',
    body: () => ({
      code: 'made-up-authorization-code',
      codeVerifier: 'v'.repeat(43),
      redirectUri: 'http://127.0.0.1/auth/callback',
    }),
    status: () => 401,
  },
  'POST /api/session/refresh': { method: 'POST', path: () => '/api/session/refresh', status: () => 401 },
  'POST /api/session/activity': { method: 'POST', path: () => '/api/session/activity', status: () => 401 },
  'DELETE /api/session': { method: 'DELETE', path: () => '/api/session', status: everyone },
  'GET /api/me': { method: 'GET', path: () => '/api/me', status: everyone },
  // The caller's own notifications: every role, nothing to name (the context is the token's).
  'GET /api/notifications': { method: 'GET', path: () => '/api/notifications', status: everyone },
  // The caller's own digest choice: every role, on their own directory entry only.
  'PUT /api/me/digest': {
    method: 'PUT',
    path: () => '/api/me/digest',
    body: () => ({ enabled: false }),
    status: everyone,
  },
  'GET /api/offices': { method: 'GET', path: () => '/api/offices', status: everyone },
  'GET /api/cases': { method: 'GET', path: () => '/api/cases', status: caseWorkersOnly(200) },
  // The office's own caseload as a file: its staff only; the core center and everyone else 403. The
  // office comes from the token, so there is no other office's caseload to name.
  'GET /api/cases/export.csv': {
    method: 'GET',
    path: () => '/api/cases/export.csv?sort=next_due',
    status: (persona) => (OFFICE_STAFF.has(persona.role) ? 200 : 403),
  },
  'GET /api/cases/export.xlsx': {
    method: 'GET',
    path: () => '/api/cases/export.xlsx',
    status: (persona) => (OFFICE_STAFF.has(persona.role) ? 200 : 403),
  },
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
