import { CASE_WORKERS, type Expectation, type Persona, type Target } from '../../support/personas.ts';
import type { TestApi } from '../../support/test-api.ts';

/**
 * File imports (ADR 0034): an office's case workers start, poll and run their own office's jobs;
 * a job of another office or tenant is the 404 of an id that does not exist; the municipality and
 * the tenant admin have no caseload import. The municipality's decisions import (issue 15 point 3)
 * is the municipal officer's and the tenant admin's, at their own office; an office's caseload job
 * and another tenant's decisions job are 404s to them.
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
const prepared: { jobId: string; owner: string; routes?: string }[] = [];
/** Waits until no job made here is still being processed, so its writes land before the next call. */
const settle = async (api: TestApi) => {
  for (const { jobId, owner, routes = '/api/imports' } of prepared.splice(0)) {
    for (;;) {
      const job = await api.call('GET', `${routes}/${jobId}`, { as: owner });
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
const DECISION_UPLOADERS = new Set(['municipal_officer', 'tenant_admin']);
const uploaders = (status: number) => (persona: Persona) =>
  DECISION_UPLOADERS.has(persona.role) ? status : 403;
const ownDecisionsJobOnly = (persona: Persona, target: Target) =>
  !DECISION_UPLOADERS.has(persona.role) ? 403 : target === 'ownOffice' ? 200 : 404;

/** The decisions job each call targets: the persona's own office's, an office's caseload job, another tenant's. */
const DECISIONS_JOB_OWNERS: Record<Target, { owner: string; routes: string }> = {
  ownOffice: { owner: 'ito@kibou.example', routes: '/api/decision-imports' },
  otherOffice: { owner: 'sato@kibou.example', routes: '/api/imports' },
  otherTenant: { owner: 'ogawa@hokushin.example', routes: '/api/decision-imports' },
};
const prepareDecisionsJob = async (api: TestApi, persona: Persona, target: Target) => {
  await settle(api);
  const { owner, routes } = DECISIONS_JOB_OWNERS[target];
  const created = await api.call('POST', routes, {
    as: owner,
    body: routes === '/api/imports' ? { kind: 'caseload', sizeBytes: 10 } : { sizeBytes: 10 },
  });
  const jobId = created.json.job.jobId;
  jobs.set(jobKey(persona, target), jobId);
  prepared.push({ jobId, owner, routes });
  return {};
};
const decisionsJobPath = (suffix: string) => (persona: Persona, target: Target) =>
  `/api/decision-imports/${jobs.get(jobKey(persona, target)) ?? 'no-job-prepared'}${suffix}`;

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
  'POST /api/decision-imports': {
    method: 'POST',
    path: () => '/api/decision-imports',
    body: () => ({ sizeBytes: 100 }),
    status: uploaders(201),
  },
  'GET /api/decision-imports/{jobId}': {
    method: 'GET',
    path: decisionsJobPath(''),
    headers: prepareDecisionsJob,
    status: ownDecisionsJobOnly,
  },
  'POST /api/decision-imports/{jobId}/runs': {
    method: 'POST',
    path: decisionsJobPath('/runs'),
    body: () => ({ mode: 'dry_run' }),
    headers: prepareDecisionsJob,
    status: ownDecisionsJobOnly,
  },
};
