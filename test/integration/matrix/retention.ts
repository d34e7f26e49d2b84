import type { Expectation, Persona, Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/** Retention settings and legal holds (issue 7): the tenant admin's, within their tenant. */
const adminOnly = (persona: Persona) => (persona.role === 'tenant_admin' ? 200 : 403);
const adminOnCase = (persona: Persona, target: Target) => {
  if (persona.role !== 'tenant_admin') return 403;
  return target === 'otherTenant' ? 404 : 200;
};
/**
 * A case's hold is also seen and placed by the manager of the office holding it (from the case
 * page); another office's case is the 404 of a case they cannot see (and a `denied` entry).
 */
const adminOrOwnManager = (persona: Persona, target: Target) => {
  if (persona.role === 'office_manager') return target === 'ownOffice' ? 200 : 404;
  return adminOnCase(persona, target);
};
const casePath = (suffix: string) => (persona: Persona, target: Target) =>
  `/api/retention/cases/${persona.cases[target]}${suffix}`;

/** The period's current version, read by the tenant's admin just before the call. */
const currentVersion = async (api: TestApi) => {
  const response = await api.call('GET', '/api/retention', { as: 'admin@kibou.example' });
  return { 'if-match': `"${String(response.json.version)}"` };
};

export const RETENTION_MATRIX: Record<string, Expectation> = {
  'GET /api/retention': { method: 'GET', path: () => '/api/retention', status: adminOnly },
  'PUT /api/retention': {
    method: 'PUT',
    path: () => '/api/retention',
    body: () => ({ years: 5 }),
    headers: currentVersion,
    status: adminOnly,
  },
  'GET /api/retention/holds': { method: 'GET', path: () => '/api/retention/holds', status: adminOnly },
  'GET /api/retention/cases/{caseId}': { method: 'GET', path: casePath(''), status: adminOrOwnManager },
  // The manager's own-office case is held by no one before: the manager places, the admin re-states.
  'PUT /api/retention/cases/{caseId}/hold': {
    method: 'PUT',
    path: casePath('/hold'),
    body: () => ({ reason: 'inspection' }),
    status: adminOrOwnManager,
  },
  // Lifting stays with the tenant admin: the manager who may place a hold is refused by the route.
  'DELETE /api/retention/cases/{caseId}/hold': {
    method: 'DELETE',
    path: casePath('/hold'),
    status: adminOnCase,
  },
};
