import { addDays, addMonths, todayInJapan, type CasePhase } from '@kikan/shared';
import {
  CASE_WORKERS,
  caseWorkersOnly,
  type Expectation,
  type Persona,
  type Target,
} from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';
import { demoCases } from '../../../services/local/demo-data.ts';

/**
 * Writing to a case is for its own office: other offices (the core center too) and other tenants
 * get the 404 of a case they cannot see; roles without case access get 403 before anything else.
 */
const ownOfficeOnly = (ok: number) => (persona: Persona, target: Target) => {
  if (!CASE_WORKERS.has(persona.role)) return 403;
  return target === 'ownOffice' ? ok : 404;
};

const SUPERVISOR_OF_TENANT: Record<string, string> = {
  kibougaoka: 'takahashi@kibou.example',
  hokushin: 'nakamura@hokushin.example',
};

interface ListedCase {
  caseId: string;
  phase: CasePhase;
  version: number;
}

/**
 * A demo case as it stands right now, from the case list of its tenant's core center: earlier rows
 * of the matrix change versions and phases. Not GET /api/cases/{id}: that read is audited, and the
 * matrix checks that a refused write leaves the table as it was.
 */
const currentCase = async (api: TestApi, caseId: string): Promise<ListedCase> => {
  const tenant = caseId.startsWith('demo-hokushin-') ? 'hokushin' : 'kibougaoka';
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
    const page = (await api.call('GET', `/api/cases${query}`, { as: SUPERVISOR_OF_TENANT[tenant] })).json;
    const found: ListedCase | undefined = page.items.find((item: ListedCase) => item.caseId === caseId);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error(`demo case ${caseId} is not in its tenant's case list`);
};

const ifMatchOf = async (api: TestApi, persona: Persona, target: Target) => ({
  'if-match': `"${(await currentCase(api, persona.cases[target])).version}"`,
});

/**
 * Demo cases start in fixed phases (demo-data.ts: PHASES[n % 7]), and each writer moves its own
 * case one allowed step. Tanaka's case is Suzuki's (both at あおぞら), so it moves on from where
 * Suzuki left it. Callers refused with 403/404 send a valid move that is never applied.
 */
const PHASE_MOVES: Record<string, { from: CasePhase; to: Exclude<CasePhase, 'intake' | 'closed'> }> = {
  'sato@kibou.example': { from: 'intake', to: 'assessment' },
  'suzuki@kibou.example': { from: 'assessment', to: 'planning' },
  'tanaka@kibou.example': { from: 'planning', to: 'implementation' },
  'takahashi@kibou.example': { from: 'implementation', to: 'monitoring' },
  'yamamoto@hokushin.example': { from: 'monitoring', to: 'planning' },
  'nakamura@hokushin.example': { from: 'planning', to: 'implementation' },
};
const phaseMoveOf = (persona: Persona) => PHASE_MOVES[persona.email] ?? { from: 'intake', to: 'assessment' };

const decisionBody = () => {
  const validFrom = `${todayInJapan().slice(0, 7)}-01`;
  return {
    decidedOn: todayInJapan(),
    validFrom,
    validTo: addDays(addMonths(validFrom, 12), -1),
    monitoringPeriodMonths: 3,
    intensiveStart: false,
  };
};

/**
 * A demo monitoring in the office of the persona's target case, on a case not shared with the core
 * center: read by its own office (and the core center its own), refused (404) everywhere else.
 */
const DEMO_MONITORED = ['kibougaoka', 'hokushin'].flatMap((tenantId) =>
  demoCases(tenantId, new Date())
    .filter(({ record, monitorings }) => monitorings.length > 0 && !record.sharedWithCore)
    .map(({ record }) => ({ tenantId, officeId: record.officeId, caseId: record.caseId })),
);
const monitoringPathOf = (persona: Persona, target: Target) => {
  const caseId = persona.cases[target];
  const tenantId = caseId.startsWith('demo-hokushin-') ? 'hokushin' : 'kibougaoka';
  const officeId = demoCases(tenantId, new Date()).find(({ record }) => record.caseId === caseId)?.record
    .officeId;
  const monitored = DEMO_MONITORED.find(
    (entry) => entry.tenantId === tenantId && entry.officeId === officeId,
  );
  if (!monitored) throw new Error(`no demo monitoring in the office of ${caseId}`);
  return `/api/cases/${monitored.caseId}/monitorings/${monitored.caseId}-mon-1`;
};

/** Expected status of every care-management-cycle route for each persona and target. */
export const CYCLE_MATRIX: Record<string, Expectation> = {
  'PATCH /api/cases/{caseId}': {
    method: 'PATCH',
    path: (persona, target) => `/api/cases/${persona.cases[target]}`,
    body: () => ({ serviceUseStatus: 'using' }),
    headers: ifMatchOf,
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/phase': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${persona.cases[target]}/phase`,
    body: (persona) => ({ to: phaseMoveOf(persona).to }),
    headers: async (api, persona, target) => {
      const current = await currentCase(api, persona.cases[target]);
      const { from } = phaseMoveOf(persona);
      if (target === 'ownOffice' && CASE_WORKERS.has(persona.role) && current.phase !== from) {
        throw new Error(`the matrix expects ${current.caseId} in ${from}, found ${current.phase}`);
      }
      return { 'if-match': `"${current.version}"` };
    },
    status: ownOfficeOnly(200),
  },
  'POST /api/cases/{caseId}/service-decisions': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${persona.cases[target]}/service-decisions`,
    body: decisionBody,
    status: ownOfficeOnly(201),
  },
  'POST /api/cases/{caseId}/monitorings': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${persona.cases[target]}/monitorings`,
    body: () => ({
      conductedOn: todayInJapan(),
      kind: 'regular',
      method: 'home_visit',
      planChangeNeeded: false,
    }),
    status: ownOfficeOnly(201),
  },
  'GET /api/cases/{caseId}/monitorings/{recordId}': {
    method: 'GET',
    path: monitoringPathOf,
    status: ownOfficeOnly(200),
  },
  'GET /api/cases/{caseId}/timeline': {
    method: 'GET',
    path: (persona, target) => `/api/cases/${persona.cases[target]}/timeline`,
    // A pseudonymised view has no timeline: the core center gets 404 for another office's case.
    status: ownOfficeOnly(200),
  },
  'GET /api/monitoring/due': {
    method: 'GET',
    path: () => '/api/monitoring/due?scope=office',
    status: caseWorkersOnly(200),
  },
  'GET /api/renewals': {
    method: 'GET',
    path: () => '/api/renewals?scope=office',
    status: caseWorkersOnly(200),
  },
};
