import type { TenantContext } from '@kikan/shared';
import { getUser } from '../data/directory-store.ts';
import { getImportJob, saveImportJob } from '../data/import-job-store.ts';
import { runInRequestScope } from '../data/request-scope.ts';
import { processImportJob } from '../import/pipeline.ts';
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
    const ctx: TenantContext = { tenantId, officeId, userId: job.createdBy, role: user.role };
    await runInRequestScope(scopeOf(ctx), () =>
      job.kind === 'decisions'
        ? processImportJob(job, decisionsImporter, now)
        : processImportJob(job, caseloadImporter, now),
    );
  });
};
