import { DEMO_USERS } from '../../../services/local/demo-data.ts';
import type { Expectation, Persona, Target } from '../../support/personas.ts';

/** The core center's cross-office dashboard: core supervisors of the tenant only. */
const coreSupervisorsOnly = (ok: number) => (persona: Persona, target: Target) => {
  if (persona.role !== 'core_supervisor') return 403;
  return target === 'otherTenant' ? 404 : ok;
};

const officeOf = (persona: Persona): string =>
  DEMO_USERS.find((user) => user.email === persona.email)?.officeId ?? 'unknown';

/** An office of the persona's own tenant other than theirs, and one of the other tenant. */
const OTHER_OFFICE: Record<string, string> = {
  himawari: 'aozora',
  aozora: 'himawari',
  midori: 'himawari',
  'kibou-core': 'himawari',
  'kibou-city': 'aozora',
  'hokushin-sakura': 'hokushin-core',
  'hokushin-core': 'hokushin-sakura',
};

const officeFor = (persona: Persona, target: Target): string => {
  const own = officeOf(persona);
  if (target === 'ownOffice') return own;
  if (target === 'otherOffice') return OTHER_OFFICE[own] ?? 'himawari';
  return own.startsWith('hokushin-') ? 'aozora' : 'hokushin-sakura';
};

export const DASHBOARD_MATRIX: Record<string, Expectation> = {
  'GET /api/dashboard': {
    method: 'GET',
    path: () => '/api/dashboard',
    status: (persona) => (persona.role === 'core_supervisor' ? 200 : 403),
  },
  'GET /api/dashboard/offices/{officeId}/cases': {
    method: 'GET',
    path: (persona, target) => `/api/dashboard/offices/${officeFor(persona, target)}/cases?figure=active`,
    status: coreSupervisorsOnly(200),
  },
};
