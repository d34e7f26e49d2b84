import type { TenantContext } from '@kikan/shared';
import { getUser } from '../data/directory-store.ts';
import { getImportJob, saveImportJob, type ImportJobRecord } from '../data/import-job-store.ts';
import { runInRequestScope } from '../data/request-scope.ts';
import { processImportJob } from '../import/pipeline.ts';
import { ConflictError } from '../kernel/errors.ts';
import { caseloadImporter } from './import-caseload.ts';
import { decisionsImporter } from './import-decisions.ts';
import { ImportProcessEvent } from './import-event.ts';

/**
 * The import processor (ADR 0034): in AWS its own function, invoked asynchronously by the API;
 * locally the same handler run in-process. It acts with the tenant- and office-scoped credentials
 * of the job's office, as the user who started the job — still a member of that office, or the job
 * fails.
 */
export const handler = async (event: unknown): Promise<void> => {
  const { tenantId, officeId, jobId } = ImportProcessEvent.parse(event);
  const now = new Date();
  const requestId = `import-${jobId}`;
  const scopeOf = (ctx: TenantContext) => ({ requestId, ctx });
  const reader: TenantContext = { tenantId, officeId, userId: 'system-import', role: 'specialist' };
  await runInRequestScope(scopeOf(reader), async () => {
    const job = await getImportJob(tenantId, officeId, jobId);
    if (!job || (job.state !== 'checking' && job.state !== 'importing')) return;
    const user = await getUser(tenantId, job.createdBy);
    if (!user || user.officeId !== officeId) {
      await saveImportJob(
        {
          ...job,
          state: 'failed',
          problems: [{ row: 0, column: '', message: '取り込みを始めた職員がこの事業所に所属していません' }],
          problemCount: 1,
          version: job.version + 1,
          updatedAt: now.toISOString(),
        },
        job.version,
      );
      return;
    }
    // Taking the job refreshes `updatedAt` (a run is stalled only when nothing moved it for longer
    // than this function may run) and moves its version, so a restart that read the job as stalled
    // before is refused. Two processors may still overlap (a Lambda retry queued late); their work
    // is idempotent: chunk markers, claims by each row's own person, a finish at the version read.
    const taken: ImportJobRecord = { ...job, version: job.version + 1, updatedAt: now.toISOString() };
    try {
      await saveImportJob(taken, job.version);
    } catch (error) {
      if (error instanceof ConflictError) return;
      throw error;
    }
    const ctx: TenantContext = { tenantId, officeId, userId: job.createdBy, role: user.role };
    await runInRequestScope(scopeOf(ctx), () =>
      taken.kind === 'decisions'
        ? processImportJob(taken, decisionsImporter, now)
        : processImportJob(taken, caseloadImporter, now),
    );
  });
};
