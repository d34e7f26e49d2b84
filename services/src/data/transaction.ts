import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TenantContext } from '@kikan/shared';
import {
  ConflictError,
  OfficeNumberTakenError,
  RecipientNumberTakenError,
  UserEmailTakenError,
  VersionMismatchError,
} from '../kernel/errors.ts';
import { auditItem, type AuditEvent } from './audit.ts';
import { db, tableName } from './client.ts';
import { idempotencyItem, readIdempotentReplay, type StoredResponse } from './idempotency.ts';
import { recordsWithoutTheirCase } from './record-days.ts';
import type { Idempotency } from '../kernel/idempotency.ts';

export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** The `entity` of a recipient number's holder item (ADR 0025). */
export const RECIPIENT_HOLDER_ENTITY = 'recipient_holder';

/** The `entity` of a 事業所番号's holder item (ADR 0031). */
export const OFFICE_NUMBER_HOLDER_ENTITY = 'office_number_holder';

/** The `entity` of a staff e-mail's holder item (ADR 0033). */
export const USER_EMAIL_HOLDER_ENTITY = 'user_email_holder';

/** The `entity` of the lock a document holds while the municipality reviews it (ADR 0043). */
export const SUBMISSION_LOCK_ENTITY = 'submission_lock';

/** The refusal of a write to a document the municipality is reviewing. */
export const SUBMITTED_DOCUMENT_LOCKED =
  '市町村へ提出中（受付待ち）の計画案は変更できません。差し戻されると変更できます';

/** DynamoDB allows 100 items per transaction; audit entries count too. */
export const MAX_TRANSACTION_ITEMS = 100;

/** A new item that must not exist yet (records are never overwritten). */
export const putNew = (item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Replaces an item holding a `version`, only at the version the caller read. */
export const putIfVersion = (item: Record<string, unknown>, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: item,
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': expectedVersion },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/**
 * A write that stands only while no item has this key: a document's submission lock (ADR 0043)
 * checked in the same transaction as the document's write, so a submission and an edit racing
 * each other cannot both land.
 */
export const whileAbsent = (key: { pk: string; sk: string }): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: key,
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/** A write that stands only while a versioned item is still at the version the caller read. */
export const whileAtVersion = (key: { pk: string; sk: string }, expectedVersion: number): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: key,
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': expectedVersion },
  },
});

/**
 * putIfVersion for an item rewritten as a side effect of another record's write: if it changed
 * meanwhile the write is a 409 to retry, not a 412 whose ETag would name another record.
 */
export const putIfUnchanged = (item: Record<string, unknown>, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: item,
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': expectedVersion },
  },
});

export interface WriteContext {
  ctx: TenantContext;
  requestId: string;
  now: Date;
}

/**
 * Writes items and their audit entries in one transaction: all or nothing. A versioned item that
 * changed meanwhile becomes a 412 carrying the current version; a write racing another transaction
 * on the same items (TransactionConflict, which DynamoDB Local never raises) becomes a 409 to retry.
 */
export interface IdempotentCreate {
  idempotency: Idempotency | null;
  /** What a retry with the same Idempotency-Key gets back. */
  response: StoredResponse;
}

/**
 * With `create`, the transaction also stores the response under the caller's Idempotency-Key; a
 * retry finds it and gets the first response back (returned here) instead of a second record.
 * A request writing in several transactions numbers its audit entries on from the earlier ones
 * (`firstAuditSequence`), as their keys hold the request id and the sequence.
 */
export const writeTransaction = async (
  write: WriteContext,
  items: TransactItem[],
  audits: AuditEvent[],
  create?: IdempotentCreate,
  firstAuditSequence = 0,
): Promise<StoredResponse | null> => {
  const auditItems = audits.map((event, index) =>
    putNew(auditItem(write.ctx, write.requestId, write.now, event, firstAuditSequence + index)),
  );
  const idempotency = create?.idempotency;
  const idempotencyItems =
    create && idempotency
      ? [putNew(idempotencyItem(write.ctx, idempotency, create.response, write.now))]
      : [];
  const all = [...items, ...auditItems, ...idempotencyItems];
  if (all.length > MAX_TRANSACTION_ITEMS) throw new Error('transaction exceeds the DynamoDB item limit');
  // A record of a case goes with its case item (its last record day and version): a write path
  // that forgot it would let a closure be dated before the record (record-days.ts). Refused whole.
  const puts = items.flatMap((item) => (item.Put?.Item ? [item.Put.Item] : []));
  if (recordsWithoutTheirCase(write.ctx.tenantId, puts).length) {
    throw new Error('a case record is written without its case item');
  }
  try {
    await db().send(new TransactWriteCommand({ TransactItems: all }));
    return null;
  } catch (error) {
    if (idempotency && error instanceof TransactionCanceledException) {
      const replay = await readIdempotentReplay(write.ctx, idempotency);
      if (replay) return replay;
    }
    throw translateCancellation(error);
  }
};

export const translateCancellation = (error: unknown): unknown => {
  if (!(error instanceof TransactionCanceledException)) return error;
  const reasons = error.CancellationReasons ?? [];
  for (const reason of reasons) {
    // A 受給者証番号 held by another person (data/person-store.ts claimRecipientNumber).
    if (
      reason.Code === 'ConditionalCheckFailed' &&
      reason.Item?.entity?.S === RECIPIENT_HOLDER_ENTITY &&
      reason.Item.personId?.S
    ) {
      return new RecipientNumberTakenError(reason.Item.personId.S);
    }
    if (reason.Code === 'ConditionalCheckFailed' && reason.Item?.entity?.S === OFFICE_NUMBER_HOLDER_ENTITY) {
      return new OfficeNumberTakenError();
    }
    if (reason.Code === 'ConditionalCheckFailed' && reason.Item?.entity?.S === USER_EMAIL_HOLDER_ENTITY) {
      return new UserEmailTakenError();
    }
    if (reason.Code === 'ConditionalCheckFailed' && reason.Item?.entity?.S === SUBMISSION_LOCK_ENTITY) {
      return new ConflictError(SUBMITTED_DOCUMENT_LOCKED);
    }
  }
  for (const reason of reasons) {
    if (reason.Code === 'ConditionalCheckFailed' && reason.Item?.version?.N) {
      return new VersionMismatchError(Number(reason.Item.version.N));
    }
  }
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
    return new ConflictError('同時に別の更新が行われました。もう一度お試しください');
  }
  if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
    return new ConflictError('データが既に存在するか、更新の条件を満たしていません');
  }
  return error;
};
