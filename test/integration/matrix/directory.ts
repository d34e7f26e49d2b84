import { municipalityCheckDigit } from '@kikan/shared';
import type { Expectation, Persona, Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * Offices and member municipalities (issue 15, ADR 0031): the tenant admin's, within their tenant.
 * Every call must succeed however often a suite repeats it, so a new office has no 事業所番号 (a
 * core center needs none) and a new member gets a fresh code with a valid check digit.
 */
const adminOnly = (persona: Persona) => (persona.role === 'tenant_admin' ? 200 : 403);
const adminCreates = (persona: Persona) => (persona.role === 'tenant_admin' ? 201 : 403);
const adminOnOffice = (persona: Persona, target: Target) => {
  if (persona.role !== 'tenant_admin') return 403;
  return target === 'otherTenant' ? 404 : 200;
};
const isHokushin = (persona: Persona) => persona.email.endsWith('hokushin.example');

/**
 * The admin's tenant's みどり (whichever office the persona sits in: the admin's reach is the whole
 * tenant), or 北信's さくら. The edit writes みどり's own name and operator: only its version moves.
 */
const editedOffice = (target: Target) => (target === 'otherTenant' ? 'hokushin-sakura' : 'midori');

/** The office's current version as the kibougaoka admin reads it (another tenant's: any, it is a 404). */
const officeVersion = async (api: TestApi, _persona: Persona, target: Target) => {
  const response = await api.call('GET', '/api/offices', { as: 'admin@kibou.example' });
  const office = (response.json.items as { officeId: string; version: number }[]).find(
    (item) => item.officeId === editedOffice(target),
  );
  return { 'if-match': `"${String(office?.version ?? 0)}"` };
};

const tenantVersion = async (api: TestApi) => {
  const response = await api.call('GET', '/api/tenant', { as: 'admin@kibou.example' });
  return { 'if-match': `"${String(response.json.version)}"` };
};

/** A 全国地方公共団体コード no call has used yet: random first five digits and their check digit. */
const freshMemberCode = () => {
  const firstFive = String(10000 + Math.floor(Math.random() * 90000));
  return `${firstFive}${String(municipalityCheckDigit(firstFive))}`;
};

export const DIRECTORY_MATRIX: Record<string, Expectation> = {
  'POST /api/offices': {
    method: 'POST',
    path: () => '/api/offices',
    body: (persona) => ({
      type: 'core_center',
      name: '試験用基幹相談支援センター',
      operator: '試験法人',
      municipalityCode: isHokushin(persona) ? '990011' : '990001',
    }),
    status: adminCreates,
  },
  'PUT /api/offices/{officeId}': {
    method: 'PUT',
    path: (_persona, target) => `/api/offices/${editedOffice(target)}`,
    body: () => ({ name: '地域移行支援センターみどり', operator: '医療法人みどり会' }),
    headers: officeVersion,
    status: adminOnOffice,
  },
  'GET /api/tenant': { method: 'GET', path: () => '/api/tenant', status: adminOnly },
  'POST /api/tenant/members': {
    method: 'POST',
    path: () => '/api/tenant/members',
    body: () => ({ code: freshMemberCode(), name: '試験町' }),
    headers: tenantVersion,
    status: adminOnly,
  },
};
