import { GetItemCommand, PutItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DEFAULT_PAGE_SIZE, TABLE_INDEXES, keys } from '@kikan/shared';
import { localClient } from '../services/local/table.ts';
import { measurement, type Measurement } from './results.ts';
import { percentilesOf, round2, timeRepeated, type Percentiles } from './timing.ts';

/**
 * What DynamoDB Local answers with the SDK alone, no handler, no gateway, no unmarshalling: the
 * floor every API figure of the same run is divided by. The low-level client, so the floor is the
 * round trip and nothing the application could save.
 */

export interface FloorTarget {
  endpoint: string;
  tableName: string;
  tenantId: string;
  caseId: string;
  officeId: string;
  scale: string;
}

export interface Floors {
  getItem: Percentiles;
  /** A small item's PutItem: what a case read's audit entry costs at least. */
  putItem: Percentiles;
  queryPage: Percentiles;
  fullQuery: Percentiles;
  fullQueryItems: number;
  fullQueryPages: number;
}

const RUNS = 200;
const FULL_QUERY_RUNS = 3;
/**
 * Items per page of the full Query. Pages still end at 1 MB as in AWS, but DynamoDB Local without
 * a Limit reads the whole partition for every page (a 1 MB page of the 20,000 cases: about 2 s
 * instead of 0.2 s), which measures DynamoDB Local rather than the access pattern.
 */
export const FULL_PAGE_LIMIT = 1_000;

const string = (value: string): AttributeValue => ({ S: value });

export const measureFloors = async (
  target: FloorTarget,
  log: (message: string) => void,
): Promise<{ floors: Floors; measurements: Measurement[] }> => {
  const client = localClient(target.endpoint);
  try {
    const caseKey = keys.caseItem(target.tenantId, target.caseId);
    const getItem = percentilesOf(
      await timeRepeated(RUNS, () =>
        client.send(
          new GetItemCommand({
            TableName: target.tableName,
            Key: { pk: string(caseKey.pk), sk: string(caseKey.sk) },
          }),
        ),
      ),
    );

    log(`floor GetItem: p50 ${getItem.p50.toFixed(2)} ms`);
    let written = 0;
    const putItem = percentilesOf(
      await timeRepeated(RUNS, () =>
        client.send(
          new PutItemCommand({
            TableName: target.tableName,
            Item: {
              pk: string('BENCH#FLOOR'),
              sk: string(`PUT#${String(written++).padStart(5, '0')}`),
              entity: string('bench_floor'),
              payload: string('x'.repeat(300)),
            },
          }),
        ),
      ),
    );
    log(`floor PutItem: p50 ${putItem.p50.toFixed(2)} ms`);
    const byOffice = TABLE_INDEXES.casesByOffice;
    const queryPage = percentilesOf(
      await timeRepeated(RUNS, () =>
        client.send(
          new QueryCommand({
            TableName: target.tableName,
            IndexName: byOffice.indexName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': byOffice.partitionKey },
            ExpressionAttributeValues: {
              ':pk': string(keys.caseByOffice(target.tenantId, target.officeId).gsi1pk),
            },
            Limit: DEFAULT_PAGE_SIZE,
          }),
        ),
      ),
    );

    log(`floor one-page Query: p50 ${queryPage.p50.toFixed(2)} ms`);
    const byTenant = TABLE_INDEXES.casesByTenant;
    let fullQueryItems = 0;
    let fullQueryPages = 0;
    const fullQuery = percentilesOf(
      await timeRepeated(
        FULL_QUERY_RUNS,
        async () => {
          let startKey: Record<string, AttributeValue> | undefined;
          fullQueryItems = 0;
          fullQueryPages = 0;
          do {
            const page = await client.send(
              new QueryCommand({
                TableName: target.tableName,
                IndexName: byTenant.indexName,
                KeyConditionExpression: '#pk = :pk',
                ExpressionAttributeNames: { '#pk': byTenant.partitionKey },
                ExpressionAttributeValues: { ':pk': string(keys.caseByTenant(target.tenantId).gsi2pk) },
                ExclusiveStartKey: startKey,
                Limit: FULL_PAGE_LIMIT,
              }),
            );
            fullQueryItems += page.Count ?? 0;
            fullQueryPages += 1;
            startKey = page.LastEvaluatedKey;
          } while (startKey);
        },
        1,
      ),
    );

    const floors: Floors = { getItem, putItem, queryPage, fullQuery, fullQueryItems, fullQueryPages };
    const scale = target.scale;
    const percentileRows = (name: string, values: Percentiles): Measurement[] =>
      (['p50', 'p95', 'p99'] as const).map((key) =>
        measurement({ name: `floor.${name}.${key}`, unit: 'ms', value: round2(values[key]), scale }),
      );
    return {
      floors,
      measurements: [
        ...percentileRows('get_item', getItem),
        ...percentileRows('put_item', putItem),
        ...percentileRows('query_page', queryPage),
        ...percentileRows('full_query_cases', fullQuery),
        measurement({ name: 'floor.full_query_cases.items', unit: 'count', value: fullQueryItems, scale }),
        measurement({ name: 'floor.full_query_cases.pages', unit: 'requests', value: fullQueryPages, scale }),
      ],
    };
  } finally {
    client.destroy();
  }
};
