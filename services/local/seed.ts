import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { caseItem, personItem } from '../src/data/case-store.ts';
import { officeItem, tenantItem, userItem } from '../src/data/directory-store.ts';
import { DEMO_OFFICES, DEMO_TENANTS, DEMO_USERS, demoCases } from './demo-data.ts';
import { demoDifficultItems, withDemoDifficulty } from './demo-difficult.ts';
import { demoRecordItems } from './demo-records.ts';
import { demoLedgerItems } from './demo-ledger.ts';

const BATCH_SIZE = 25;

export const writeItems = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
): Promise<void> => {
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    let pending: Record<string, unknown>[] = items.slice(start, start + BATCH_SIZE);
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt > 8) throw new Error('seeding gave up: DynamoDB kept unprocessed items');
      const result = await client.send(
        new BatchWriteCommand({
          RequestItems: { [tableName]: pending.map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
      pending = (result.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [request.PutRequest.Item] : [],
      );
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
};

export const demoItems = (now: Date): Record<string, unknown>[] =>
  DEMO_TENANTS.flatMap((tenant) => [
    tenantItem(tenant),
    ...(DEMO_OFFICES[tenant.tenantId] ?? []).map((office) => officeItem(tenant.tenantId, office)),
    ...DEMO_USERS.filter((user) => user.tenantId === tenant.tenantId).map(userItem),
    ...withDemoDifficulty(demoCases(tenant.tenantId, now)).flatMap(({ person, record }) => [
      personItem(tenant.tenantId, person),
      caseItem(record),
    ]),
    ...demoRecordItems(tenant.tenantId, now),
    ...demoLedgerItems(tenant.tenantId, now),
    ...demoDifficultItems(tenant.tenantId, now),
  ]);

/** Seeds the demo tenants once; a table that already has them is left as it is. */
export const seedDemoData = async (
  client: DynamoDBClient,
  tableName: string,
  now = new Date(),
): Promise<{ seeded: boolean; items: number }> => {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const firstTenant = DEMO_TENANTS[0];
  if (!firstTenant) return { seeded: false, items: 0 };
  const existing = await documents.send(
    new GetCommand({ TableName: tableName, Key: keys.tenant(firstTenant.tenantId) }),
  );
  if (existing.Item) return { seeded: false, items: 0 };
  // The first tenant's profile is the "already seeded" marker, so it is written last.
  const marker = keys.tenant(firstTenant.tenantId);
  const items = demoItems(now);
  const isMarker = (item: Record<string, unknown>) => item.pk === marker.pk && item.sk === marker.sk;
  await writeItems(documents, tableName, [
    ...items.filter((item) => !isMarker(item)),
    ...items.filter(isMarker),
  ]);
  return { seeded: true, items: items.length };
};
