import type { Expectation, Persona } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * Targets, settings and sign-off are the tenant's own: paths name no tenant, so "another tenant"
 * answers the caller's tenant like any other target. FY2024 is used because the demo's sign-off
 * state (FY2025 approved, FY2026 under way) would change what an authorised step answers.
 */
const YEAR = 2024;
const allow =
  (roles: readonly string[], ok = 200) =>
  (persona: Persona) =>
    roles.includes(persona.role) ? ok : 403;

/** The current version as the municipal officer reads it: right whoever calls. */
const etagOf = (path: string) => async (api: TestApi) => {
  const response = await api.call('GET', path, { as: 'ito@kibou.example' });
  return { 'if-match': response.headers.get('etag') ?? '"0"' };
};

export const STATISTICS_SIGNOFF_MATRIX: Record<string, Expectation> = {
  'GET /api/statistics/targets/{periodId}': {
    method: 'GET',
    path: () => '/api/statistics/targets/p7',
    status: allow(['municipal_officer', 'core_supervisor']),
  },
  'PUT /api/statistics/targets/{periodId}': {
    method: 'PUT',
    path: () => '/api/statistics/targets/p7',
    body: () => ({ targets: { plan_consultation_users: { '2024': 100 } } }),
    headers: etagOf('/api/statistics/targets/p7'),
    status: allow(['municipal_officer']),
  },
  'GET /api/statistics/evaluations/{fiscalYear}': {
    method: 'GET',
    path: () => `/api/statistics/evaluations/${YEAR}`,
    status: allow(['municipal_officer', 'core_supervisor']),
  },
  'PUT /api/statistics/evaluations/{fiscalYear}': {
    method: 'PUT',
    path: () => `/api/statistics/evaluations/${YEAR}`,
    body: () => ({ texts: { plan_consultation_users: '見込量に届かなかった理由を協議会で検討する' } }),
    headers: etagOf(`/api/statistics/evaluations/${YEAR}`),
    status: allow(['municipal_officer']),
  },
  // Definitions hold no one's data: whoever reads figures, and the tenant admin who sets things up.
  'GET /api/statistics/plan-periods': {
    method: 'GET',
    path: () => '/api/statistics/plan-periods',
    status: allow(['municipal_officer', 'core_supervisor', 'office_manager', 'specialist', 'tenant_admin']),
  },
  'GET /api/statistics/settings': {
    method: 'GET',
    path: () => '/api/statistics/settings',
    status: allow(['municipal_officer', 'tenant_admin', 'core_supervisor']),
  },
  'PUT /api/statistics/settings': {
    method: 'PUT',
    path: () => '/api/statistics/settings',
    body: () => ({ communityUserUnit: 'per_month', suppressionThreshold: 3 }),
    headers: etagOf('/api/statistics/settings'),
    status: allow(['municipal_officer', 'tenant_admin']),
  },
  'GET /api/statistics/signoff/{fiscalYear}': {
    method: 'GET',
    path: () => `/api/statistics/signoff/${YEAR}`,
    status: allow(['municipal_officer', 'core_supervisor', 'office_manager', 'specialist']),
  },
  // The manager, or a specialist the tenant admin named (佐藤 at ひまわり); 鈴木 and 山本 are not named.
  'POST /api/statistics/signoff/{fiscalYear}/office-confirmation': {
    method: 'POST',
    path: () => `/api/statistics/signoff/${YEAR}/office-confirmation`,
    status: (persona) =>
      persona.role === 'office_manager' || persona.email === 'sato@kibou.example' ? 200 : 403,
  },
  // Recorded for あおぞら on paper: the core center only; in 北信 there is no あおぞら (404).
  'POST /api/statistics/signoff/{fiscalYear}/offices/{officeId}/recorded-confirmation': {
    method: 'POST',
    path: () => `/api/statistics/signoff/${YEAR}/offices/aozora/recorded-confirmation`,
    body: () => ({ basis: 'paper', reason: '管理者の押印のある確認書を受領' }),
    status: (persona) =>
      persona.role !== 'core_supervisor' ? 403 : persona.email.endsWith('@kibou.example') ? 200 : 404,
  },
  // Authorised, but offices without a manager among the personas have not confirmed: 409.
  'POST /api/statistics/signoff/{fiscalYear}/core-confirmation': {
    method: 'POST',
    path: () => `/api/statistics/signoff/${YEAR}/core-confirmation`,
    status: allow(['core_supervisor'], 409),
  },
  // Authorised, but the core center has not confirmed the year: 409.
  'POST /api/statistics/signoff/{fiscalYear}/approval': {
    method: 'POST',
    path: () => `/api/statistics/signoff/${YEAR}/approval`,
    status: allow(['municipal_officer'], 409),
  },
  // Authorised, but nothing has been approved to correct: 409.
  'POST /api/statistics/signoff/{fiscalYear}/corrections': {
    method: 'POST',
    path: () => `/api/statistics/signoff/${YEAR}/corrections`,
    body: () => ({ reason: '事業所の計上漏れを訂正するため' }),
    status: allow(['municipal_officer'], 409),
  },
};
