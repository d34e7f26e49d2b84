import { CASE_WORKERS, type Expectation, type Persona, type Target } from '../../support/personas.ts';

/**
 * Submissions to the municipality (ADR 0043). The office's routes are for the office holding the
 * case (a document the case does not have is a 404, as another office's or tenant's case is);
 * the caseworker's routes are the caseworker's alone (403 for every other role), and a submission
 * id it cannot see is a 404. Submitting, reviewing and deciding on real submissions, another
 * municipality's and another tenant's are in test/integration/submissions.test.ts.
 */

const NO_SUCH_RECORD = '00000000-0000-4000-8000-000000000000';

const isCaseWorker = (persona: Persona) => CASE_WORKERS.has(persona.role);
const isCaseworkerOfMunicipality = (persona: Persona) => persona.role === 'municipal_caseworker';

const ownOfficeOnly = (ok: number) => (persona: Persona, target: Target) => {
  if (!isCaseWorker(persona)) return 403;
  return target === 'ownOffice' ? ok : 404;
};
const caseworkerOnly = (ok: number) => (persona: Persona) => (isCaseworkerOfMunicipality(persona) ? ok : 403);

const ifMatch = async () => ({ 'if-match': '"1"' });

export const SUBMISSIONS_MATRIX: Record<string, Expectation> = {
  'POST /api/cases/{caseId}/submissions': {
    method: 'POST',
    path: (persona, target) => `/api/cases/${persona.cases[target]}/submissions`,
    body: () => ({ document: 'monitoring', recordId: NO_SUCH_RECORD }),
    // The own office's case has no such monitoring: the 404 of a missing document, after the case check.
    status: (persona) => (isCaseWorker(persona) ? 404 : 403),
  },
  'GET /api/cases/{caseId}/submissions': {
    method: 'GET',
    path: (persona, target) => `/api/cases/${persona.cases[target]}/submissions`,
    status: ownOfficeOnly(200),
  },
  'GET /api/submissions': {
    method: 'GET',
    path: () => '/api/submissions',
    status: caseworkerOnly(200),
  },
  'GET /api/submissions/{submissionId}': {
    method: 'GET',
    path: () => `/api/submissions/${NO_SUCH_RECORD}`,
    status: caseworkerOnly(404),
  },
  'POST /api/submissions/{submissionId}/accept': {
    method: 'POST',
    path: () => `/api/submissions/${NO_SUCH_RECORD}/accept`,
    body: () => ({}),
    headers: ifMatch,
    status: caseworkerOnly(404),
  },
  'POST /api/submissions/{submissionId}/return': {
    method: 'POST',
    path: () => `/api/submissions/${NO_SUCH_RECORD}/return`,
    body: () => ({ comment: '添付の計画案に署名がありません' }),
    headers: ifMatch,
    status: caseworkerOnly(404),
  },
  'POST /api/submissions/{submissionId}/decision': {
    method: 'POST',
    path: () => `/api/submissions/${NO_SUCH_RECORD}/decision`,
    body: () => ({
      decidedOn: '2026-04-01',
      validFrom: '2026-04-01',
      validTo: '2027-03-31',
      monitoringPeriodMonths: 3,
      intensiveStart: false,
      services: [],
    }),
    status: caseworkerOnly(404),
  },
};
