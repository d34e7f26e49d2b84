import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  LegalHold,
  RETENTION_YEARS_DEFAULT,
  TABLE_INDEXES,
  TENANT_ID_PATTERN,
  keys,
  type ItemKey,
  type RetentionSettings,
} from '@kikan/shared';
import type { auditItem } from './audit.ts';
import { db, tableName } from './client.ts';
import { queryAll } from './paging.ts';

/**
 * Retention settings, legal holds, the tenant registry and the sweep's reads and deletes
 * (ADR 0018). Like every store they use the client of the work running now: the routes the
 * request's, and the sweeper — outside any request — the one it runs `onTable` with (client.ts),
 * with one tenant's credentials at a time (AssumeRole, tagged with the tenant; the registry with
 * the tag `_registry`).
 */

type Item = Record<string, unknown>;

// ── Tenant registry ───────────────────────────────────────────────────────────
export const tenantRegistryItem = (tenantId: string) => ({
  ...keys.tenantRegistry(tenantId),
  entity: 'tenant_registry',
  tenantId,
});

/** Every provisioned tenant: one small partition, never a Scan. Anything but a tenant id is ignored. */
export const listRegisteredTenants = async (): Promise<string[]> =>
  (await readPartition(keys.tenantRegistry().pk))
    .map((item) => String(item.tenantId))
    .filter((tenantId) => TENANT_ID_PATTERN.test(tenantId));

// ── Settings and holds ────────────────────────────────────────────────────────
export const retentionSettingsItem = (
  tenantId: string,
  settings: { years: number; version: number; updatedAt: string; updatedBy: string },
) => ({ ...keys.retentionSettings(tenantId), entity: 'retention_settings', ...settings });

export const readRetentionSettings = async (tenantId: string): Promise<RetentionSettings> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.retentionSettings(tenantId), ConsistentRead: true }),
  );
  if (!Item) return { years: RETENTION_YEARS_DEFAULT, configured: false, version: 0 };
  return {
    years: Number(Item.years),
    configured: true,
    version: Number(Item.version),
    updatedAt: String(Item.updatedAt),
    updatedBy: String(Item.updatedBy),
  };
};

export const legalHoldItem = (tenantId: string, hold: LegalHold) => ({
  ...keys.legalHold(tenantId, hold.caseId),
  entity: 'legal_hold',
  ...hold,
});

const holdOf = (item: Item): LegalHold =>
  LegalHold.parse({
    caseId: item.caseId,
    reason: item.reason,
    since: item.since,
    setBy: item.setBy,
    ...(item.setByRole === undefined ? {} : { setByRole: item.setByRole }),
  });

export const listLegalHolds = async (tenantId: string): Promise<LegalHold[]> =>
  (await readPartition(keys.legalHold(tenantId).pk, keys.legalHold(tenantId).sk)).map(holdOf);

export const getLegalHold = async (tenantId: string, caseId: string): Promise<LegalHold | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.legalHold(tenantId, caseId), ConsistentRead: true }),
  );
  return Item ? holdOf(Item) : null;
};

// ── The sweep's reads ─────────────────────────────────────────────────────────
/** Every item of a partition (optionally under a sort-key prefix), page by page, consistent. */
export const readPartition = (pk: string, skPrefix = ''): Promise<Item[]> =>
  queryAll({
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
    ConsistentRead: true,
  });

export interface ClosedCase {
  caseId: string;
  closedOn: string;
  /** The last record day the case item keeps, when it keeps one (record-days.ts). */
  lastRecordOn?: string;
  /** Set when a sweep began deleting the case (and wrote its audit entry). */
  expiringSince?: string;
}

/**
 * The tenant's closed cases: a Query of the tenant-wide case index (its partition key carries the
 * tenant prefix), filtered to closed ones and projected to two attributes. Once a day, this reads
 * the tenant's case list once; a closure index would read less, at the cost of a write per closing.
 */
export const listClosedCases = async (tenantId: string): Promise<ClosedCase[]> => {
  const index = TABLE_INDEXES.casesByTenant;
  const items = await queryAll({
    IndexName: index.indexName,
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: '#phase = :closed AND attribute_exists(#closedOn)',
    ProjectionExpression: '#caseId, #closedOn, #lastRecordOn, #expiring',
    ExpressionAttributeNames: {
      '#pk': index.partitionKey,
      '#phase': 'phase',
      '#closedOn': 'closedOn',
      '#caseId': 'caseId',
      '#lastRecordOn': 'lastRecordOn',
      '#expiring': 'expiringSince',
    },
    ExpressionAttributeValues: { ':pk': keys.caseByTenant(tenantId).gsi2pk, ':closed': 'closed' },
  });
  return items.map((item) => ({
    caseId: String(item.caseId),
    closedOn: String(item.closedOn),
    ...(typeof item.lastRecordOn === 'string' ? { lastRecordOn: item.lastRecordOn } : {}),
    ...(typeof item.expiringSince === 'string' ? { expiringSince: item.expiringSince } : {}),
  }));
};

// ── The sweep's writes ────────────────────────────────────────────────────────
export type MarkResult = 'marked' | 'held' | 'changed';

/**
 * The first step of deleting a case, all or nothing: the `expired` audit entry, and a mark on the
 * case naming when its deletion began, written only if the case is still closed on the day that was
 * judged, at the version whose records were judged (every write to its partition moves the version,
 * so a record added meanwhile stops it), not marked yet, and not on legal hold. Nothing is deleted
 * before this has committed, and a later run finds the mark and goes on deleting without a second
 * entry.
 */
export const markCaseExpiring = async (
  tenantId: string,
  expiring: { caseId: string; closedOn: string; version: number; at: string },
  audit: ReturnType<typeof auditItem>,
): Promise<MarkResult> => {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.caseItem(tenantId, expiring.caseId),
              UpdateExpression: 'SET #expiring = :at, #version = #version + :one',
              ConditionExpression:
                'attribute_exists(pk) AND #phase = :closed AND #closedOn = :closedOn AND #version = :version AND attribute_not_exists(#expiring)',
              ExpressionAttributeNames: {
                '#expiring': 'expiringSince',
                '#version': 'version',
                '#phase': 'phase',
                '#closedOn': 'closedOn',
              },
              ExpressionAttributeValues: {
                ':at': expiring.at,
                ':one': 1,
                ':closed': 'closed',
                ':closedOn': expiring.closedOn,
                ':version': expiring.version,
              },
            },
          },
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.legalHold(tenantId, expiring.caseId),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: tableName(), Item: audit, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return 'marked';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [caseCheck, holdCheck] = error.CancellationReasons ?? [];
    if (holdCheck?.Code === 'ConditionalCheckFailed') return 'held';
    if (caseCheck?.Code === 'ConditionalCheckFailed') return 'changed';
    throw error;
  }
};

const BATCH = 25;

/** Deletes by key, 25 at a time, retrying what DynamoDB leaves unprocessed. Deleting twice is a no-op. */
export const deleteKeys = async (toDelete: readonly ItemKey[]): Promise<void> => {
  for (let start = 0; start < toDelete.length; start += BATCH) {
    let pending = toDelete.slice(start, start + BATCH).map((key) => ({ DeleteRequest: { Key: key } }));
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt > 8) throw new Error('retention sweep: DynamoDB kept unprocessed deletes');
      const table = tableName();
      const result = await db().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []).flatMap((request) =>
        request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key as ItemKey } }] : [],
      );
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
};
