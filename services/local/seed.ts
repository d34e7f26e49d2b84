import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { CaseRecord, caseCodeItem, caseItem, personItem } from '../src/data/case-store.ts';
import { officeItems, tenantItem, userItems } from '../src/data/directory-store.ts';
import { officeFigureItems } from '../src/data/office-stats-store.ts';
import { latestDay, recordDaysOf } from '../src/data/record-days.ts';
import { tenantRegistryItem } from '../src/data/retention-store.ts';
import { seededPlanPeriodItems } from '../src/data/plan-period-store.ts';
import { statisticsItems } from '../src/data/statistics-store.ts';
import { DEMO_OFFICES, DEMO_TENANTS, DEMO_USERS, demoCases } from './demo-data.ts';
import { demoDifficultItems, withDemoDifficulty } from './demo-difficult.ts';
import { demoRecordItems } from './demo-records.ts';
import { demoLedgerItems } from './demo-ledger.ts';
import { demoCouncilItems } from './demo-council.ts';
import { demoStatisticsItems } from './demo-statistics.ts';

const BATCH_SIZE = 25;

/** DynamoDB Local takes several batch writes at once; the seed no longer waits for each in turn. */
const PARALLEL_BATCHES = 8;

const writeBatch = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  batch: Record<string, unknown>[],
) => {
  let pending = batch;
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
};

export const writeItems = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
): Promise<void> => {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE)
    batches.push(items.slice(start, start + BATCH_SIZE));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      if (batch) await writeBatch(client, tableName, batch);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));
};

const demoTenantItems = (now: Date): Record<string, unknown>[] =>
  DEMO_TENANTS.flatMap((tenant) => [
    tenantItem(tenant),
    // Provisioning a tenant registers it: the retention sweeper's only list of tenants.
    tenantRegistryItem(tenant.tenantId),
    ...(DEMO_OFFICES[tenant.tenantId] ?? []).flatMap((office) => officeItems(tenant.tenantId, office)),
    ...DEMO_USERS.filter((user) => user.tenantId === tenant.tenantId).flatMap(userItems),
    ...seededPlanPeriodItems(tenant.tenantId),
    ...withDemoDifficulty(demoCases(tenant.tenantId, now)).flatMap(({ person, record }) => [
      personItem(tenant.tenantId, person),
      caseItem(record),
      caseCodeItem(record),
    ]),
    ...demoRecordItems(tenant.tenantId, now),
    ...demoLedgerItems(tenant.tenantId, now),
    ...demoDifficultItems(tenant.tenantId, now),
    ...demoCouncilItems(tenant.tenantId, now),
    ...demoStatisticsItems(tenant.tenantId, now),
  ]);

/**
 * The demo cases are written without transactions, so the dashboard's office counters and
 * life-stage milestones are computed from the case items as they will be stored (a case item
 * appearing twice counts as its last copy, the one that stays).
 */
export const withOfficeFigures = (items: Record<string, unknown>[]): Record<string, unknown>[] => {
  const cases = new Map<string, CaseRecord>();
  for (const item of items) {
    if (item.entity === 'case') cases.set(String(item.pk), CaseRecord.parse(item));
  }
  return [...items, ...officeFigureItems([...cases.values()]), ...statisticsItems([...cases.values()])];
};

/**
 * The demo plans are generated beside the cases (demo-records.ts): each case points at its newest
 * final plan, as finalising one does, so "without a final plan" counts what it says.
 */
const withCurrentPlans = (items: Record<string, unknown>[]): Record<string, unknown>[] => {
  const finalVersions = new Map<string, number>();
  for (const item of items) {
    if (item.entity !== 'plan' || item.status !== 'final' || typeof item.planVersion !== 'number') continue;
    const casePk = String(item.pk);
    finalVersions.set(casePk, Math.max(finalVersions.get(casePk) ?? 0, item.planVersion));
  }
  return items.map((item) => {
    const current = item.entity === 'case' ? finalVersions.get(String(item.pk)) : undefined;
    return current === undefined ? item : { ...item, currentPlanVersion: current };
  });
};

/**
 * Each case keeps the day of its latest record, as every write that adds a record keeps it
 * (data/record-days.ts): computed from the records seeded into its partition, the opening day when
 * it has none.
 */
export const withLastRecordDays = (items: Record<string, unknown>[]): Record<string, unknown>[] => {
  const recordDays = new Map<string, string[]>();
  for (const item of items) {
    const days = recordDaysOf(item);
    if (days.length) recordDays.set(String(item.pk), [...(recordDays.get(String(item.pk)) ?? []), ...days]);
  }
  return items.map((item) =>
    item.entity === 'case'
      ? {
          ...item,
          lastRecordOn: latestDay([String(item.openedOn), ...(recordDays.get(String(item.pk)) ?? [])]),
        }
      : item,
  );
};

export const demoItems = (now: Date): Record<string, unknown>[] =>
  withOfficeFigures(withLastRecordDays(withCurrentPlans(demoTenantItems(now))));

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
  await writeItems(
    documents,
    tableName,
    items.filter((item) => !isMarker(item)),
  );
  await writeItems(documents, tableName, items.filter(isMarker));
  return { seeded: true, items: items.length };
};
