import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_NAME_DEFAULT, keys, todayInJapan } from '@kikan/shared';
import { caseCodeItem, caseItem, personItem } from '../src/data/case-store.ts';
import { cycleRecordItem } from '../src/data/cycle-store.ts';
import { officeItem, tenantItem, userItems } from '../src/data/directory-store.ts';
import { tenantRegistryItem } from '../src/data/retention-store.ts';
import { ledgerEventItems, seniorSpecialistItem } from '../src/data/ledger-store.ts';
import { officeFigureItems } from '../src/data/office-stats-store.ts';
import { personIndexItems, recipientHolderItems } from '../src/data/person-store.ts';
import { statisticsItems } from '../src/data/statistics-store.ts';
import {
  SCALE_OFFICES,
  SCALE_TENANT,
  SCALE_TENANT_ID,
  SCALE_USERS,
  scaleCases,
  scaleLedgerEvents,
  scaleSeniorSpecialists,
} from './scale-data.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { writeItems } from './seed.ts';
import { REPO_ROOT, startLocalStack } from './stack.ts';
import { localClient } from './table.ts';

/**
 * `npm run seed:scale`: writes the scale tenant (scale-data.ts) into the DynamoDB Local of a running
 * `npm start` (KIKAN_DYNAMODB_PORT, or KIKAN_DYNAMODB_ENDPOINT). The counter items are computed
 * from the cases with the functions the demo seed uses, so the figures agree with the cases.
 * The tenant profile is written last: a tenant that has it is complete and is left alone unless
 * `--force` is given.
 *
 * `npm run seed:scale -- --serve` instead starts the local stack itself (no portal) on an in-memory
 * DynamoDB Local at KIKAN_PORT / KIKAN_DYNAMODB_PORT and keeps serving until Ctrl-C: DynamoDB
 * Local writes its file store about ten times slower, too slow for 300,000 items (ADR 0015). The
 * signing key stays in KIKAN_DATA_DIR, so `npm run token` works against it as usual.
 */

const serve = process.argv.includes('--serve');
const force = process.argv.includes('--force');
const dynamoDbPort = Number(process.env.KIKAN_DYNAMODB_PORT ?? 8300);
const tableName = process.env.KIKAN_TABLE_NAME ?? TABLE_NAME_DEFAULT;
const startedAt = performance.now();
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
const log = (message: string) => process.stdout.write(`[${elapsed()}] ${message}\n`);

let servedDynamoDbEndpoint: string | undefined;
if (serve) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const dynamo = await startDynamoDbLocal({ port: dynamoDbPort });
  // Never leave java behind, even when this process dies without stopping the stack.
  process.on('exit', () => {
    try {
      process.kill(-dynamo.pid, 'SIGKILL');
    } catch {
      // already stopped
    }
  });
  const stack = await startLocalStack({
    port: Number(process.env.KIKAN_PORT ?? 4300),
    dynamoDb: { endpoint: dynamo.endpoint },
    dataDir: process.env.KIKAN_DATA_DIR ?? join(REPO_ROOT, '.data'),
    tableName,
    portal: 'none',
    seed: true,
  });
  const stopServing = async () => {
    await stack.stop();
    await dynamo.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopServing());
  servedDynamoDbEndpoint = dynamo.endpoint;
  log(`local stack with the demo data at ${stack.url}, in-memory DynamoDB Local at ${dynamo.endpoint}`);
}
const endpoint =
  servedDynamoDbEndpoint ?? process.env.KIKAN_DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${String(dynamoDbPort)}`;

/** Items per progress line: small enough to see it move, large enough to keep every worker busy. */
const CHUNK = 20_000;

const documents = DynamoDBDocumentClient.from(localClient(endpoint), {
  marshallOptions: { removeUndefinedValues: true },
});

const existing = await documents.send(
  new GetCommand({ TableName: tableName, Key: keys.tenant(SCALE_TENANT_ID) }),
);
if (existing.Item && !force && !serve) {
  log(`tenant ${SCALE_TENANT_ID} is already in ${tableName} at ${endpoint}; --force writes it again`);
  process.exit(0);
}

const today = todayInJapan();
log(`generating tenant ${SCALE_TENANT_ID} for ${today}…`);
const cases = scaleCases(today);
const records = cases.map(({ record }) => record);
const ledgerEvents = scaleLedgerEvents(today);
const monitoringCount = cases.reduce((sum, { monitorings }) => sum + monitorings.length, 0);

const items: Record<string, unknown>[] = [
  ...SCALE_OFFICES.map((office) => officeItem(SCALE_TENANT_ID, office)),
  ...SCALE_USERS.flatMap(userItems),
  ...cases.flatMap(({ person, record, monitorings }) => [
    personItem(SCALE_TENANT_ID, person),
    caseItem(record),
    caseCodeItem(record),
    ...personIndexItems(SCALE_TENANT_ID, person, { caseId: record.caseId, officeId: record.officeId }),
    ...recipientHolderItems(SCALE_TENANT_ID, person),
    ...monitorings.map(({ conductedOn }, index) =>
      cycleRecordItem(SCALE_TENANT_ID, record.officeId, {
        kind: 'MONITORING',
        record: {
          recordId: `${record.caseId}-mon-${index + 1}`,
          caseId: record.caseId,
          conductedOn,
          kind: 'regular',
          method: 'home_visit',
          progress: [],
          personSatisfaction: '',
          planChangeNeeded: false,
          notes: '',
          createdAt: record.createdAt,
          createdBy: record.specialistUserId,
        },
      }),
    ),
  ]),
  ...ledgerEvents.flatMap((event) => {
    const { event: item, copies } = ledgerEventItems(SCALE_TENANT_ID, event);
    return [item, ...copies];
  }),
  ...scaleSeniorSpecialists(today).map((entry) => seniorSpecialistItem(SCALE_TENANT_ID, entry)),
  ...officeFigureItems(records),
  ...statisticsItems(records),
];
log(
  `${cases.length} cases, ${monitoringCount} monitorings, ${ledgerEvents.length} ledger events → ${items.length} items`,
);

for (let start = 0; start < items.length; start += CHUNK) {
  await writeItems(documents, tableName, items.slice(start, start + CHUNK));
  log(`written ${Math.min(start + CHUNK, items.length)} / ${items.length}`);
}
await writeItems(documents, tableName, [tenantItem(SCALE_TENANT), tenantRegistryItem(SCALE_TENANT.tenantId)]);
log(`done: tenant ${SCALE_TENANT_ID} in ${tableName}; token: npm run -s token -- ito@scale.example`);
documents.destroy();
if (serve) log('serving until Ctrl-C (in memory: nothing is kept)');
