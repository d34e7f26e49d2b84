import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { Role, UserId, keys } from '@kikan/shared';
import { ImportJobView } from '@kikan/shared/import-job';
import * as z from 'zod';
import { ConflictError } from '../kernel/errors.ts';
import type { Idempotency } from '../kernel/idempotency.ts';
import type { AuditEvent } from './audit.ts';
import { db, tableName } from './client.ts';
import {
  putIfUnchanged,
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * A file import's job (ADR 0034): one item in its office's partition, holding the state, the
 * progress and the problems found, and who started it (the processor acts as them). Every change
 * is a whole-item put at the version read; each chunk of an import moves `rowsDone` in the same
 * transaction as the chunk's records, so a retried or resumed import continues exactly there.
 */
export const ImportJobRecord = z.object(ImportJobView.shape).extend({
  tenantId: z.string(),
  officeId: z.string(),
  createdBy: UserId,
  createdByRole: Role,
  objectKey: z.string(),
  sizeBytes: z.number().int().positive(),
  /** The mode of the run in progress or last run. */
  mode: z.enum(['dry_run', 'import']).optional(),
});
export type ImportJobRecord = z.infer<typeof ImportJobRecord>;

const jobItem = (job: ImportJobRecord) => ({
  ...keys.importJob(job.tenantId, job.officeId, job.jobId),
  entity: 'import_job',
  ...job,
});

/** A new job; with an Idempotency-Key, a retry gets the first answer back (returned here). */
export const createImportJob = (write: WriteContext, job: ImportJobRecord, create: IdempotentCreate) =>
  writeTransaction(write, [putNew(jobItem(job))], [], create);

export const getImportJob = async (
  tenantId: string,
  officeId: string,
  jobId: string,
): Promise<ImportJobRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.importJob(tenantId, officeId, jobId),
      ConsistentRead: true,
    }),
  );
  return Item ? ImportJobRecord.parse(Item) : null;
};

/** A run started by a request: the job at the version read, and the answer for a retry of the same key. */
export const startImportRun = (
  write: WriteContext,
  job: ImportJobRecord,
  expectedVersion: number,
  create: IdempotentCreate,
) =>
  writeTransaction(write, [putIfUnchanged(jobItem(job), expectedVersion)], [], create).catch(
    (error: unknown) => {
      if (error instanceof ConflictError) {
        throw new ConflictError('取り込みの状態が変わりました。画面を更新してください');
      }
      throw error;
    },
  );

/**
 * A run whose processor could not be started (ADR 0034): the job goes back to what it was before
 * the start, only while it is still the started run, and the start's stored answer under the
 * caller's Idempotency-Key is removed, so a retry with the same key starts the run again instead
 * of replaying "started". Returns false when the job had moved on meanwhile (then it is left as it is).
 */
export const revertImportRun = async (
  write: WriteContext,
  previous: ImportJobRecord,
  startedVersion: number,
  idempotency: Idempotency | null,
): Promise<boolean> => {
  // Its `updatedAt` too: a stalled run whose restart could not start stays one that may be restarted.
  const reverted: ImportJobRecord = { ...previous, version: startedVersion + 1 };
  const forgetStart: TransactItem[] = idempotency
    ? [
        {
          Delete: {
            TableName: tableName(),
            Key: keys.idempotency(write.ctx.tenantId, write.ctx.userId, idempotency.key),
            ConditionExpression: 'attribute_not_exists(pk) OR fingerprint = :fingerprint',
            ExpressionAttributeValues: { ':fingerprint': idempotency.fingerprint },
          },
        },
      ]
    : [];
  try {
    await writeTransaction(write, [putIfUnchanged(jobItem(reverted), startedVersion), ...forgetStart], []);
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
};

/** The job as changed, only if nobody changed it since `expectedVersion` (a second start is a 409). */
export const saveImportJob = async (job: ImportJobRecord, expectedVersion: number): Promise<void> => {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: jobItem(job),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ConflictError('取り込みの状態が変わりました。画面を更新してください');
    }
    throw error;
  }
};

/**
 * A chunk's marker: written in the chunk's own transaction and never again (`attribute_not_exists`),
 * so chunks can be written side by side, and a retry of one already written writes nothing twice.
 */
const chunkMarkerKey = (job: ImportJobRecord, index: number) =>
  keys.importJob(job.tenantId, job.officeId, `${job.jobId}#CHUNK#${String(index).padStart(5, '0')}`);

/** The progress a chunk adds, only while the job is importing. */
const progressAdd = (job: ImportJobRecord, rows: number, at: string) => ({
  Update: {
    TableName: tableName(),
    Key: keys.importJob(job.tenantId, job.officeId, job.jobId),
    UpdateExpression: 'SET updatedAt = :at ADD rowsDone :rows',
    ConditionExpression: '#state = :importing',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':rows': rows, ':importing': 'importing', ':at': at },
  },
});

/** One chunk of an import: its items, its marker and the job's progress in one transaction. */
export const writeImportChunk = (
  write: WriteContext,
  job: ImportJobRecord,
  items: TransactItem[],
  chunk: { index: number; rows: number },
  audits: AuditEvent[] = [],
) =>
  writeTransaction(
    write,
    [
      ...items,
      putNew({
        ...chunkMarkerKey(job, chunk.index),
        entity: 'import_chunk',
        jobId: job.jobId,
        rows: chunk.rows,
      }),
      progressAdd(job, chunk.rows, write.now.toISOString()),
    ],
    audits,
  );

/** Whether a chunk was written (its marker exists): a retry after a lost answer skips it. */
export const importChunkWritten = async (job: ImportJobRecord, index: number): Promise<boolean> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: chunkMarkerKey(job, index), ConsistentRead: true }),
  );
  return Item !== undefined;
};

/** Reads items by key, 100 at a time (BatchGetItem's limit), retrying what DynamoDB left unprocessed. */
export const getItemsByKeys = async (
  wanted: readonly { pk: string; sk: string }[],
): Promise<Map<string, Record<string, unknown>>> => {
  const table = tableName();
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < wanted.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = wanted
      .slice(start, start + 100)
      .map((key) => ({ ...key }));
    for (let attempt = 0; pending?.length && attempt < 5; attempt += 1) {
      const answer: BatchGetCommandOutput = await db().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of answer.Responses?.[table] ?? [])
        found.set(`${String(item.pk)}|${String(item.sk)}`, item);
      pending = answer.UnprocessedKeys?.[table]?.Keys;
    }
    if (pending?.length) throw new ConflictError('データベースが混み合っています。もう一度お試しください');
  }
  return found;
};

/**
 * Gives back the recipient-number claims an import made before it found a number held by someone
 * else: each holder is deleted only while it is still the importing row's person.
 */
export const releaseClaims = async (claims: readonly TransactItem[]): Promise<void> => {
  for (const claim of claims) {
    const item = claim.Put?.Item;
    if (!item) continue;
    await db()
      .send(
        new DeleteCommand({
          TableName: tableName(),
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression: 'personId = :me',
          ExpressionAttributeValues: { ':me': item.personId },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }
};
