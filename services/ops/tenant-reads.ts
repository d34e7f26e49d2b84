import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  paginateQuery,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TABLE_INDEXES, keys, type ItemKey } from '@kikan/shared';

/**
 * How the operator tools read one tenant: every read names a partition under the tenant's prefix
 * (offices, the tenant-wide case index, items by key), never a scan across tenants.
 */

export const queryItems = async (
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client }, input)) items.push(...(page.Items ?? []));
  return items;
};

export const officeIdsOf = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
): Promise<string[]> =>
  (
    await queryItems(client, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.offices(tenantId).pk },
      ProjectionExpression: 'officeId',
    })
  ).map((item) => String(item.officeId));

/**
 * The tenant's cases (open and closed) from the tenant-wide case index, one office's with
 * `officeId`. The index is eventually consistent: read the case items by key (getConsistently)
 * before deciding anything from them.
 */
export const caseIndexEntries = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  officeId?: string,
): Promise<{ caseId: string; officeId: string; personId: string; birthDate: string }[]> => {
  const index = TABLE_INDEXES.casesByTenant;
  const { gsi2pk, gsi2sk } = keys.caseByTenant(tenantId, officeId ?? '');
  const items = await queryItems(client, {
    TableName: tableName,
    IndexName: index.indexName,
    KeyConditionExpression: gsi2sk ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey, ...(gsi2sk ? { '#sk': index.sortKey } : {}) },
    ExpressionAttributeValues: { ':pk': gsi2pk, ...(gsi2sk ? { ':prefix': gsi2sk } : {}) },
    ProjectionExpression: 'caseId, officeId, personId, birthDate',
  });
  return items.map((item) => ({
    caseId: String(item.caseId),
    officeId: String(item.officeId),
    personId: String(item.personId),
    birthDate: String(item.birthDate),
  }));
};

/** BatchGet caps a request at 100 keys. */
const BATCH_GET_LIMIT = 100;
const UNPROCESSED_TRIES = 8;

/** Items by key, strongly consistent; absent keys are absent from the answer (`pk|sk` → item). */
export const getConsistently = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly ItemKey[],
): Promise<Map<string, Record<string, unknown>>> => {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Map(itemKeys.map((key) => [keyString(key), key])).values()];
  for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
    let pending: Record<string, unknown>[] = unique
      .slice(start, start + BATCH_GET_LIMIT)
      .map(({ pk, sk }) => ({ pk, sk }));
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt === UNPROCESSED_TRIES) throw new Error('BatchGet left keys unprocessed on every try');
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const answer = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      for (const item of answer.Responses?.[tableName] ?? []) {
        found.set(keyString({ pk: String(item.pk), sk: String(item.sk) }), item);
      }
      pending = answer.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
};

export const keyString = (key: ItemKey): string => `${key.pk}|${key.sk}`;
