import { todayInJapan, type TenantContext } from '@kikan/shared';
import {
  isBlankRow,
  locateColumns,
  readRow,
  type ImportColumn,
  type ImportProblem,
  type ImportValues,
} from '@kikan/shared/import-file';
import { IMPORT_PROBLEMS_SHOWN } from '@kikan/shared/import-job';
import type { ImportEvent } from '../data/audit.ts';
import { caseWriteItems, type CaseWrite } from '../data/case-store.ts';
import { deleteImportObject, readImportObject } from '../data/import-files.ts';
import {
  getImportJob,
  importChunkWritten,
  releaseClaims,
  saveImportJob,
  writeImportChunk,
  type ImportJobRecord,
} from '../data/import-job-store.ts';
import {
  MAX_TRANSACTION_ITEMS,
  writeTransaction,
  type TransactItem,
  type WriteContext,
} from '../data/transaction.ts';
import { ImportFileError, readImportFile } from '../files/read-file.ts';
import { ConflictError, RecipientNumberTakenError } from '../kernel/errors.ts';
import { stampOf, type Stamp } from '../kernel/stamp.ts';
import { logger } from '../logger.ts';

/**
 * The generic import pipeline (ADR 0034): read the uploaded file, read every row with the
 * importer's columns and rules, check what the rows refer to, and — only when no row has a
 * problem — write: first the claims of every 受給者証番号 (undone if one is refused), then the
 * rows in chunks, each one transaction with its own marker item and the job's progress, so a
 * retried or resumed run writes exactly the chunks not yet written. The importer (the
 * caseload, the municipality's decisions) brings the columns, the row rules and the items.
 */

export interface BuiltRow {
  /** Claims of unique numbers, written before any row (ADR 0025 holder items). */
  claims: TransactItem[];
  items: TransactItem[];
  /** Case writes: counters, figures and milestones follow through caseWriteItems, merged per chunk. */
  caseWrites: CaseWrite[];
}

export interface Importer<Row, Plan> {
  columns: readonly ImportColumn[];
  rowOf: (
    values: ImportValues<string>,
    rowNumber: number,
    today: string,
  ) => { row: Row | null; problems: ImportProblem[] };
  check: (
    ctx: TenantContext,
    jobId: string,
    rows: Row[],
    today: string,
  ) => Promise<{
    problems: ImportProblem[];
    plan: Plan;
    rowsNew: number;
    rowsUnchanged: number;
    /** Rows that do not stop the import, reported by number only (the decisions import). */
    report?: Pick<ImportJobRecord, 'unmatchedRows' | 'ambiguousRows'>;
  }>;
  build: (ctx: TenantContext, jobId: string, plan: Plan, stamp: Stamp) => BuiltRow[];
  auditRecordType: ImportEvent['recordType'];
}

/** Room left in a chunk's transaction for the job's progress and the import's audit entry. */
const CHUNK_ITEM_BUDGET = MAX_TRANSACTION_ITEMS - 2;
const CLAIMS_PER_TRANSACTION = MAX_TRANSACTION_ITEMS;

const chunkItems = (rows: readonly BuiltRow[]): TransactItem[] => [
  ...rows.flatMap((row) => row.items),
  ...caseWriteItems(rows.flatMap((row) => row.caseWrites)),
];

/** Rows grouped so each group's items (with their merged counter updates) fit one transaction. */
export const chunksOf = (
  rows: readonly BuiltRow[],
): { start: number; end: number; items: TransactItem[] }[] => {
  const chunks: { start: number; end: number; items: TransactItem[] }[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    let items = chunkItems(rows.slice(start, end));
    while (end < rows.length) {
      const next = chunkItems(rows.slice(start, end + 1));
      if (next.length > CHUNK_ITEM_BUDGET) break;
      items = next;
      end += 1;
    }
    if (items.length > CHUNK_ITEM_BUDGET) throw new Error('one import row exceeds a transaction');
    chunks.push({ start, end, items });
    start = end;
  }
  return chunks;
};

const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row;

interface ReadRows<Row> {
  rows: Row[];
  rowsTotal: number;
  problems: ImportProblem[];
  format?: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'shift_jis';
}

const readRows = async <Row>(
  job: ImportJobRecord,
  importer: Importer<Row, unknown>,
  today: string,
): Promise<ReadRows<Row>> => {
  const bytes = await readImportObject(job.objectKey);
  if (!bytes) {
    return {
      rows: [],
      rowsTotal: 0,
      problems: [{ row: 0, column: '', message: 'ファイルがアップロードされていません' }],
    };
  }
  let file;
  try {
    file = readImportFile(bytes);
  } catch (error) {
    if (error instanceof ImportFileError) {
      return { rows: [], rowsTotal: 0, problems: [{ row: 0, column: '', message: error.message }] };
    }
    throw error;
  }
  const [header = [], ...data] = file.rows;
  const format = { format: file.format, ...(file.encoding ? { encoding: file.encoding } : {}) };
  const { positions, problems } = locateColumns(header, importer.columns);
  if (problems.length) return { rows: [], rowsTotal: 0, problems, ...format };
  const rows: Row[] = [];
  let rowsTotal = 0;
  data.forEach((cells, index) => {
    if (isBlankRow(cells)) return;
    rowsTotal += 1;
    const rowNumber = index + 2;
    const read = readRow(cells, rowNumber, importer.columns, positions);
    if (read.problems.length) {
      problems.push(...read.problems);
      return;
    }
    const { row, problems: rowProblems } = importer.rowOf(read.values, rowNumber, today);
    problems.push(...rowProblems);
    if (row) rows.push(row);
  });
  if (rowsTotal === 0)
    problems.push({ row: 0, column: '', message: 'データの行がありません（1行目は見出しです）' });
  return { rows, rowsTotal, problems, ...format };
};

const finish = async (job: ImportJobRecord, patch: Partial<ImportJobRecord>, now: Date) => {
  const current = (await getImportJob(job.tenantId, job.officeId, job.jobId)) ?? job;
  const problems = (patch.problems ?? current.problems).slice().sort(byRow);
  await saveImportJob(
    {
      ...current,
      ...patch,
      problems: problems.slice(0, IMPORT_PROBLEMS_SHOWN),
      problemCount: patch.problems ? problems.length : current.problemCount,
      version: current.version + 1,
      updatedAt: now.toISOString(),
    },
    current.version,
  );
};

/** Writes the claims; a number someone else took since the check undoes every claim of the job. */
const claimAll = async (write: WriteContext, built: readonly BuiltRow[]): Promise<boolean> => {
  const claims = built.flatMap((row) => row.claims);
  try {
    for (let start = 0; start < claims.length; start += CLAIMS_PER_TRANSACTION) {
      await writeTransaction(write, claims.slice(start, start + CLAIMS_PER_TRANSACTION), []);
    }
    return true;
  } catch (error) {
    if (!(error instanceof RecipientNumberTakenError)) throw error;
    await releaseClaims(claims);
    return false;
  }
};

/** Chunks written side by side: DynamoDB Local answers each in tens of milliseconds, mostly waiting. */
const CHUNKS_AT_ONCE = 4;
const CHUNK_ATTEMPTS = 5;

/**
 * A chunk written exactly once: a chunk whose marker exists is done; a conflict with another
 * transaction on the same counters item (TransactionConflict, a 409) is retried after a pause.
 */
const writeChunkOnce = async (
  write: WriteContext,
  job: ImportJobRecord,
  items: TransactItem[],
  chunk: { index: number; rows: number },
  audits: ImportEvent[],
) => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await writeImportChunk(write, job, items, chunk, audits);
      return;
    } catch (error) {
      if (await importChunkWritten(job, chunk.index)) return;
      if (!(error instanceof ConflictError) || attempt >= CHUNK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt * Math.random()));
    }
  }
};

/** The processor's work for one job in state `checking` or `importing`. */
export const processImportJob = async <Row, Plan>(
  job: ImportJobRecord,
  importer: Importer<Row, Plan>,
  now: Date,
): Promise<void> => {
  const ctx: TenantContext = {
    tenantId: job.tenantId,
    officeId: job.officeId,
    userId: job.createdBy,
    role: job.createdByRole,
  };
  const stamp = stampOf(ctx, now);
  const today = todayInJapan(now);
  const read = await readRows(job, importer as Importer<Row, unknown>, today);
  const fileInfo = {
    ...(read.format ? { format: read.format } : {}),
    ...(read.encoding ? { encoding: read.encoding } : {}),
  };
  if (read.problems.length && read.rows.length === 0 && read.rowsTotal === 0) {
    return finish(
      job,
      { state: 'failed', problems: read.problems, rowsTotal: 0, rowsNew: 0, rowsUnchanged: 0, ...fileInfo },
      now,
    );
  }
  const checked = await importer.check(ctx, job.jobId, read.rows, today);
  const problems = [...read.problems, ...checked.problems];
  const counts = {
    rowsTotal: read.rowsTotal,
    rowsNew: checked.rowsNew,
    rowsUnchanged: checked.rowsUnchanged,
    ...fileInfo,
    ...checked.report,
  };
  if (problems.length || job.state === 'checking') {
    return finish(job, { state: 'checked', problems, ...counts, rowsDone: 0 }, now);
  }

  const write: WriteContext = { ctx, requestId: `import-${job.jobId}`, now };
  const built = importer.build(ctx, job.jobId, checked.plan, stamp);
  if (!(await claimAll(write, built))) {
    const again = await importer.check(ctx, job.jobId, read.rows, today);
    const refused = again.problems.length
      ? again.problems
      : [{ row: 0, column: '', message: '確認の後に別の登録が行われました。もう一度確認してください' }];
    return finish(job, { state: 'checked', problems: refused, ...counts, rowsDone: 0 }, now);
  }
  const chunks = chunksOf(built);
  const audit: ImportEvent = {
    action: 'create',
    recordType: importer.auditRecordType,
    recordId: job.jobId,
    recordOfficeId: job.officeId,
    rowCount: built.length,
  };
  const last = chunks.length - 1;
  let next = 0;
  // A few chunks at a time: each is its own transaction with its own marker, so the order they
  // land in does not matter and a retry skips the ones written (ADR 0034).
  const worker = async () => {
    while (next < chunks.length) {
      const index = next;
      next += 1;
      const chunk = chunks[index];
      if (chunk)
        await writeChunkOnce(
          write,
          job,
          chunk.items,
          { index, rows: chunk.end - chunk.start },
          index === last ? [audit] : [],
        );
    }
  };
  await Promise.all(Array.from({ length: CHUNKS_AT_ONCE }, worker));
  const rowsDone = built.length;
  await finish(job, { state: 'imported', problems: [], ...counts, rowsDone }, now);
  await deleteImportObject(job.objectKey).catch(() =>
    logger.warn('import file not deleted', { jobId: job.jobId }),
  );
};
