import { CASE_WORKERS, type Expectation, type Persona, type Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * File imports (ADR 0034): an office's case workers start, poll and run their own office's jobs;
 * a job of another office or tenant is the 404 of an id that does not exist; the municipality and
 * the tenant admin have no import.
 */
const caseWorkers = (status: number) => (persona: Persona) => (CASE_WORKERS.has(persona.role) ? status : 403);
const ownJobOnly = (persona: Persona, target: Target) =>
  !CASE_WORKERS.has(persona.role) ? 403 : target === 'ownOffice' ? 200 : 404;

/** A case worker of the persona's own office, of another office of its tenant, and of another tenant. */
const JOB_OWNERS: Record<string, Record<Target, string>> = {
  'sato@kibou.example': {
    ownOffice: 'sato@kibou.example',
    otherOffice: 'suzuki@kibou.example',
    otherTenant: 'yamamoto@hokushin.example',
  },
  'suzuki@kibou.example': {
    ownOffice: 'suzuki@kibou.example',
    otherOffice: 'sato@kibou.example',
    otherTenant: 'yamamoto@hokushin.example',
  },
  'tanaka@kibou.example': {
    ownOffice: 'tanaka@kibou.example',
    otherOffice: 'sato@kibou.example',
    otherTenant: 'yamamoto@hokushin.example',
  },
  'takahashi@kibou.example': {
    ownOffice: 'takahashi@kibou.example',
    otherOffice: 'sato@kibou.example',
    otherTenant: 'yamamoto@hokushin.example',
  },
  'ito@kibou.example': {
    ownOffice: 'sato@kibou.example',
    otherOffice: 'suzuki@kibou.example',
    otherTenant: 'yamamoto@hokushin.example',
  },
  'admin@kibou.example': {
    ownOffice: 'sato@kibou.example',
    otherOffice: 'suzuki@kibou.example',
    otherTenant: 'yamamoto@hokushin.example',
  },
  'yamamoto@hokushin.example': {
    ownOffice: 'yamamoto@hokushin.example',
    otherOffice: 'nakamura@hokushin.example',
    otherTenant: 'sato@kibou.example',
  },
  'nakamura@hokushin.example': {
    ownOffice: 'nakamura@hokushin.example',
    otherOffice: 'yamamoto@hokushin.example',
    otherTenant: 'sato@kibou.example',
  },
};

/** The job each call targets, made by its owner just before the call (headers run before path). */
const jobs = new Map<string, string>();
const jobKey = (persona: Persona, target: Target) => `${persona.email}|${target}`;
/** Jobs made so far and their owners: a run the previous call started writes after its answer. */
const prepared: { jobId: string; owner: string }[] = [];
/** Waits until no job made here is still being processed, so its writes land before the next call. */
const settle = async (api: TestApi) => {
  for (const { jobId, owner } of prepared.splice(0)) {
    for (;;) {
      const job = await api.call('GET', `/api/imports/${jobId}`, { as: owner });
      if (job.json?.state !== 'checking' && job.json?.state !== 'importing') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};
const prepareJob = async (api: TestApi, persona: Persona, target: Target) => {
  await settle(api);
  const owner = JOB_OWNERS[persona.email]?.[target] ?? 'sato@kibou.example';
  const created = await api.call('POST', '/api/imports', {
    as: owner,
    body: { kind: 'caseload', sizeBytes: 10 },
  });
  jobs.set(jobKey(persona, target), created.json.job.jobId);
  prepared.push({ jobId: created.json.job.jobId, owner });
  return {};
};
const jobPath = (suffix: string) => (persona: Persona, target: Target) =>
  `/api/imports/${jobs.get(jobKey(persona, target)) ?? 'no-job-prepared'}${suffix}`;

export const IMPORTS_MATRIX: Record<string, Expectation> = {
  'GET /api/imports/templates/caseload.csv': {
    method: 'GET',
    path: () => '/api/imports/templates/caseload.csv',
    status: caseWorkers(200),
  },
  'GET /api/imports/templates/caseload.xlsx': {
    method: 'GET',
    path: () => '/api/imports/templates/caseload.xlsx',
    status: caseWorkers(200),
  },
  'POST /api/imports': {
    method: 'POST',
    path: () => '/api/imports',
    body: () => ({ kind: 'caseload', sizeBytes: 100 }),
    status: caseWorkers(201),
  },
  'GET /api/imports/{jobId}': {
    method: 'GET',
    path: jobPath(''),
    headers: prepareJob,
    status: ownJobOnly,
  },
  'POST /api/imports/{jobId}/runs': {
    method: 'POST',
    path: jobPath('/runs'),
    body: () => ({ mode: 'dry_run' }),
    headers: prepareJob,
    status: ownJobOnly,
  },
};
