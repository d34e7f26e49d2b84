import { randomUUID } from 'node:crypto';
import type { TenantContext } from '@kikan/shared';
import { ImportJobCreated, ImportJobView, isStalledRun } from '@kikan/shared/import-job';
import type {
  caseloadTemplateCsvRoute,
  caseloadTemplateXlsxRoute,
  createDecisionsImportRoute,
  createImportJobRoute,
  getDecisionsImportRoute,
  getImportJobRoute,
  runDecisionsImportRoute,
  runImportJobRoute,
} from '@kikan/shared/contracts/imports';
import type { ImportKind, ImportRunInput } from '@kikan/shared/import-job';
import { config } from '../config.ts';
import { getDirectoryEntries } from '../data/directory-store.ts';
import { importObjectKey, presignUpload } from '../data/import-files.ts';
import {
  createImportJob as storeJob,
  getImportJob as readJob,
  revertImportRun,
  startImportRun,
  type ImportJobRecord,
} from '../data/import-job-store.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csvText } from '../http/raw-response.ts';
import type { GuardedOperation, Idempotency, Operation } from '../http/route.ts';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../kernel/errors.ts';
import { logger } from '../logger.ts';
import { caseCreationOffice } from '../policy/access-policy.ts';
import type { ImportProcessingStarter } from './import-processing.ts';
import { caseloadTemplateRows, caseloadTemplateWorkbook } from './import-template.ts';

const viewOf = (job: ImportJobRecord): ImportJobView =>
  ImportJobView.parse({
    jobId: job.jobId,
    kind: job.kind,
    state: job.state,
    ...(job.format ? { format: job.format } : {}),
    ...(job.encoding ? { encoding: job.encoding } : {}),
    rowsTotal: job.rowsTotal,
    rowsDone: job.rowsDone,
    rowsNew: job.rowsNew,
    rowsUnchanged: job.rowsUnchanged,
    problems: job.problems,
    problemCount: job.problemCount,
    ...(job.unmatchedRows ? { unmatchedRows: job.unmatchedRows } : {}),
    ...(job.ambiguousRows ? { ambiguousRows: job.ambiguousRows } : {}),
    version: job.version,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  });

/** The template's example names the caller's own municipality and e-mail, so it imports as it is. */
const templateExample = async (ctx: TenantContext) => {
  const { tenant, user } = await getDirectoryEntries(ctx.tenantId, ctx.officeId, ctx.userId);
  return { municipalityCode: tenant?.members[0]?.code, email: user?.email };
};

export const caseloadTemplateCsv: Operation<typeof caseloadTemplateCsvRoute> = async ({ ctx }) => ({
  contentType: CSV_CONTENT_TYPE,
  body: csvText(caseloadTemplateRows(await templateExample(ctx))),
  filename: 'ケース取り込みテンプレート.csv',
});

export const caseloadTemplateXlsx: Operation<typeof caseloadTemplateXlsxRoute> = async ({ ctx, now }) => ({
  contentType: XLSX_CONTENT_TYPE,
  encoding: 'base64',
  body: caseloadTemplateWorkbook(await templateExample(ctx), now)
    .toBuffer()
    .toString('base64'),
  filename: 'ケース取り込みテンプレート.xlsx',
});

/** A job of the caller's office and of the route's kind, else the 404 of an id that does not exist. */
const jobOfCaller = async (ctx: TenantContext, jobId: string, kind: ImportKind): Promise<ImportJobRecord> => {
  const job = await readJob(ctx.tenantId, ctx.officeId, jobId);
  if (!job || job.kind !== kind) throw new NotFoundError();
  return job;
};

interface CreateJob {
  ctx: TenantContext;
  officeId: string;
  kind: ImportKind;
  sizeBytes: number;
  now: Date;
  requestId: string;
  idempotency: Idempotency | null;
}

/** A retry with the same Idempotency-Key gets the same job and upload URL (valid 15 minutes). */
const createJob = async ({ ctx, officeId, kind, sizeBytes, now, requestId, idempotency }: CreateJob) => {
  if (!config().imports) throw new ServiceUnavailableError();
  const jobId = randomUUID();
  const at = now.toISOString();
  const job: ImportJobRecord = {
    jobId,
    kind,
    state: 'awaiting_upload',
    rowsTotal: 0,
    rowsDone: 0,
    rowsNew: 0,
    rowsUnchanged: 0,
    problems: [],
    problemCount: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
    tenantId: ctx.tenantId,
    officeId,
    createdBy: ctx.userId,
    createdByRole: ctx.role,
    objectKey: importObjectKey(ctx.tenantId, jobId),
    sizeBytes,
  };
  const created = { job: viewOf(job), upload: await presignUpload(job.objectKey, sizeBytes, now) };
  const replay = await storeJob({ ctx, requestId, now }, job, {
    idempotency,
    response: { status: 201, body: created },
  });
  return replay ? ImportJobCreated.parse(replay.body) : created;
};

export const createImportJob: GuardedOperation<typeof createImportJobRoute, string> = {
  authorize: async ({ ctx }) => caseCreationOffice(ctx),
  run: ({ ctx, body, now, requestId, idempotency }, officeId) =>
    createJob({ ctx, officeId, kind: body.kind, sizeBytes: body.sizeBytes, now, requestId, idempotency }),
};

/** The route's roles (the municipal officer, the tenant admin) are the check; the job is their office's. */
export const createDecisionsImport: GuardedOperation<typeof createDecisionsImportRoute, void> = {
  authorize: async () => undefined,
  run: ({ ctx, body, now, requestId, idempotency }) =>
    createJob({
      ctx,
      officeId: ctx.officeId,
      kind: 'decisions',
      sizeBytes: body.sizeBytes,
      now,
      requestId,
      idempotency,
    }),
};

export const getImportJob: Operation<typeof getImportJobRoute> = async ({ ctx, params }) =>
  viewOf(await jobOfCaller(ctx, params.jobId, 'caseload'));

export const getDecisionsImport: Operation<typeof getDecisionsImportRoute> = async ({ ctx, params }) =>
  viewOf(await jobOfCaller(ctx, params.jobId, 'decisions'));

interface RunInput {
  ctx: TenantContext;
  body: ImportRunInput;
  now: Date;
  requestId: string;
  idempotency: Idempotency | null;
}

/** What the caller hears when the processor could not be started; the job is as it was. */
const NOT_STARTED_MESSAGE = '取り込み処理を開始できませんでした。しばらくしてからもう一度お試しください';

/**
 * A dry run may be repeated until the file is imported; an import needs a dry run without
 * problems first. The work runs outside the request (ADR 0034): the answer is the job as started.
 * A run that stopped moving (its processor died, `isStalledRun`) may be started again — an import
 * only as an import, which skips the chunks already written. A processor that cannot be started
 * puts the job back as it was, so nothing waits for a run that never began.
 */
const runJobWith =
  (start: ImportProcessingStarter) =>
  async ({ ctx, body, now, requestId, idempotency }: RunInput, job: ImportJobRecord) => {
    if ((job.state === 'checking' || job.state === 'importing') && !isStalledRun(job, now.getTime())) {
      throw new ConflictError('この取り込みは処理中です。終わるまでお待ちください');
    }
    if (job.state === 'imported') throw new ConflictError('このファイルは取り込み済みです');
    const resumesImport = job.state === 'importing';
    if (resumesImport && body.mode !== 'import') {
      throw new ConflictError('途中で止まった取り込みです。「取り込む」で続きから再開してください');
    }
    if (body.mode === 'import' && !resumesImport && (job.state !== 'checked' || job.problemCount > 0)) {
      throw new ConflictError('問題のない確認（ドライラン）の後に取り込めます');
    }
    const started: ImportJobRecord = {
      ...job,
      state: body.mode === 'import' ? 'importing' : 'checking',
      mode: body.mode,
      rowsDone: resumesImport ? job.rowsDone : 0,
      version: job.version + 1,
      updatedAt: now.toISOString(),
    };
    const view = viewOf(started);
    const write = { ctx, requestId, now };
    const replay = await startImportRun(write, started, job.version, {
      idempotency,
      response: { status: 200, body: view },
    });
    if (replay) return ImportJobView.parse(replay.body);
    try {
      await start({ tenantId: job.tenantId, officeId: job.officeId, jobId: job.jobId });
    } catch (error) {
      logger.warn('import processing not started', {
        jobId: job.jobId,
        errorName: error instanceof Error ? error.name : 'error',
      });
      // Moved on since the start: the processor did take the job (an invoke whose answer was lost).
      if (!(await revertImportRun(write, job, started.version, idempotency))) return view;
      throw new ServiceUnavailableError(NOT_STARTED_MESSAGE);
    }
    return view;
  };

/** The run routes with the processor they start: the deployment's in the bindings, another in tests. */
export const runImportJobWith = (
  start: ImportProcessingStarter,
): GuardedOperation<typeof runImportJobRoute, ImportJobRecord> => ({
  authorize: ({ ctx, params }) => jobOfCaller(ctx, params.jobId, 'caseload'),
  run: runJobWith(start),
});

export const runDecisionsImportWith = (
  start: ImportProcessingStarter,
): GuardedOperation<typeof runDecisionsImportRoute, ImportJobRecord> => ({
  authorize: ({ ctx, params }) => jobOfCaller(ctx, params.jobId, 'decisions'),
  run: runJobWith(start),
});
