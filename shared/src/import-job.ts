import * as z from 'zod';
import { EntityId } from './ids.ts';
import { IMPORT_MAX_BYTES, ImportFormat, ImportProblem } from './import-file.ts';

/** What a file import brings in: an office's caseload, or the municipality's service decisions. */
export const IMPORT_KINDS = ['caseload', 'decisions'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/**
 * A job's life (ADR 0034): a file is uploaded, checked (a dry run: nothing written), and imported
 * (all or nothing). `checking` and `importing` run outside the request; the portal polls the job.
 */
export const IMPORT_STATES = [
  'awaiting_upload',
  'checking',
  'checked',
  'importing',
  'imported',
  'failed',
] as const;
export const ImportState = z.enum(IMPORT_STATES);
export type ImportState = z.infer<typeof ImportState>;

export const IMPORT_STATE_LABELS: Record<ImportState, string> = {
  awaiting_upload: 'ファイル待ち',
  checking: '確認中',
  checked: '確認済み',
  importing: '取り込み中',
  imported: '取り込み完了',
  failed: '取り込みできませんでした',
};

/**
 * A run (`checking`, `importing`) whose job has not moved for this long has no processor any more:
 * the processor refreshes `updatedAt` when it takes the job and with every chunk it writes, and it
 * cannot run longer than its 15-minute timeout (ADR 0034). Such a run may be started again; the
 * processor skips what an earlier attempt wrote.
 */
export const IMPORT_RUN_STALE_MS = 20 * 60 * 1000;

/** The problems a job lists: the first ones, enough to correct a file; `problemCount` counts all. */
export const IMPORT_PROBLEMS_SHOWN = 500;

export const ImportJobView = z.strictObject({
  jobId: EntityId,
  kind: ImportKind,
  state: ImportState,
  format: ImportFormat.optional(),
  /** Set when the file was read as Shift_JIS (older Excel's CSV). */
  encoding: z.enum(['utf-8', 'shift_jis']).optional(),
  /** Data rows of the file (blank rows left out). */
  rowsTotal: z.number().int().min(0),
  /** Rows written so far by the import: the progress the portal shows. */
  rowsDone: z.number().int().min(0),
  /**
   * Rows the import adds, and rows already registered at this office (left as they are); for the
   * decisions import, decisions to record and decisions already recorded (rows of one are one).
   */
  rowsNew: z.number().int().min(0),
  rowsUnchanged: z.number().int().min(0),
  problems: z.array(ImportProblem).max(IMPORT_PROBLEMS_SHOWN),
  problemCount: z.number().int().min(0),
  /**
   * A decisions import's rows that match no open case, or whose person's reading or birth date
   * differ: row numbers only, nothing of any office's case (issue 15 point 3). They do not stop
   * the import.
   */
  unmatchedRows: z.array(z.number().int().positive()).max(IMPORT_PROBLEMS_SHOWN).optional(),
  ambiguousRows: z.array(z.number().int().positive()).max(IMPORT_PROBLEMS_SHOWN).optional(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ImportJobView = z.infer<typeof ImportJobView>;

/** Whether a job's run is under way but has stopped moving (its processor died or never started). */
export const isStalledRun = (job: Pick<ImportJobView, 'state' | 'updatedAt'>, nowMs: number): boolean =>
  (job.state === 'checking' || job.state === 'importing') &&
  nowMs - Date.parse(job.updatedAt) > IMPORT_RUN_STALE_MS;

/** The file's size: the upload URL is signed for exactly this many bytes. */
const SizeBytes = z.number().int().min(1, { error: 'ファイルが空です' }).max(IMPORT_MAX_BYTES, {
  error: 'ファイルが大きすぎます（10MBまで）。ファイルを分けてアップロードしてください',
});

/** An office's import: its caseload (the decisions are the municipality's, on their own routes). */
export const ImportJobCreateInput = z.strictObject({ kind: z.literal('caseload'), sizeBytes: SizeBytes });

export const DecisionsImportCreateInput = z.strictObject({ sizeBytes: SizeBytes });

/** Where the browser sends the file: a pre-signed PUT (S3 in AWS, the local gateway locally). */
export const ImportUpload = z.strictObject({
  /** S3's pre-signed URL in AWS; locally a path on the portal's own origin (the gateway's stand-in). */
  url: z.string().min(1),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.iso.datetime(),
  maxBytes: z.number().int().positive(),
});

export const ImportJobCreated = z.strictObject({ job: ImportJobView, upload: ImportUpload });
export type ImportJobCreated = z.infer<typeof ImportJobCreated>;

export const IMPORT_RUN_MODES = ['dry_run', 'import'] as const;
export const ImportRunInput = z.strictObject({ mode: z.enum(IMPORT_RUN_MODES) });
export type ImportRunInput = z.infer<typeof ImportRunInput>;

export const ImportJobParams = z.strictObject({ jobId: EntityId });
