import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_INDEXES, keys } from '@kikan/shared';
import { DECISION_END_PREFIX, MONITORING_DUE_PREFIX } from '../src/data/office-counters.ts';
import { ENDPOINT_USAGE, runTenantTool, runAsScript, type Io } from './operator-cli.ts';
import { officeIdsOf, queryItems } from './tenant-reads.ts';

/**
 * `npm run tenant:recompute-due -- <tenantId> [--dry-run] [--endpoint URL]`
 *
 * The office counters keep open cases by the day their monitoring is due (ADR 0026) and by the
 * last day of their decision in force (renewals, issue 15), in the transaction of every case write.
 * Counters written before those changes lack them: this sets each office's due-day counters of one
 * tenant to what the due index holds (the open cases with a due monitoring, case-store.ts caseItem)
 * and its decision-end counters to the office's open cases with a decision, and removes the days
 * neither has any more. The other counters are left alone.
 *
 * Run once per tenant after deploying, by an operator whose AWS credentials may write the table.
 * Each office is written only if its counters item is as read before its due cases were counted,
 * so a case write in between makes that office read again (three tries). The index is read
 * eventually consistent: running it again reports "unchanged" for every office once it agrees.
 *
 * Exit codes: 0 done, 1 an office changed on every try, 2 wrong usage.
 */

const USAGE = [
  'usage: TABLE_NAME=<TableName output> AWS_REGION=<region> npm run tenant:recompute-due -- <tenantId> [options]',
  '  --dry-run            print what would change; nothing written',
  ENDPOINT_USAGE,
].join('\n');

const TRIES = 3;

export type DueDays = Record<string, number>;

export interface OfficeOutcome {
  officeId: string;
  outcome: 'unchanged' | 'written' | 'would_write' | 'changed_meanwhile';
  /** Due days whose count differs: stored → counted (absent = 0). */
  differences: { dueOn: string; stored: number; counted: number }[];
}

/** The counters this script owns: one per day, under these prefixes. */
const DAY_PREFIXES = [MONITORING_DUE_PREFIX, DECISION_END_PREFIX] as const;

/**
 * Open cases per due day and per decision end day of one office, keyed by counter name: due days
 * from the sort keys of the due index (`<dueOn>#<caseId>`), decision ends from the office's cases.
 */
export const countedDueDays = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  officeId: string,
): Promise<DueDays> => {
  const index = TABLE_INDEXES.casesByMonitoringDue;
  const counted: DueDays = {};
  const byOffice = TABLE_INDEXES.casesByOffice;
  for (const item of await queryItems(client, {
    TableName: tableName,
    IndexName: byOffice.indexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': byOffice.partitionKey, '#phase': 'phase', '#decision': 'decision' },
    ExpressionAttributeValues: { ':pk': keys.caseByOffice(tenantId, officeId).gsi1pk },
    ProjectionExpression: '#phase, #decision',
  })) {
    const decision = item.decision as { validTo?: string } | undefined;
    if (item.phase === 'closed' || !decision?.validTo) continue;
    const name = `${DECISION_END_PREFIX}${decision.validTo}`;
    counted[name] = (counted[name] ?? 0) + 1;
  }
  for (const item of await queryItems(client, {
    TableName: tableName,
    IndexName: index.indexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
    ExpressionAttributeValues: { ':pk': keys.caseByDue(tenantId, officeId).gsi3pk },
    ProjectionExpression: '#sk',
  })) {
    const name = `${MONITORING_DUE_PREFIX}${String(item[index.sortKey]).split('#')[0] ?? ''}`;
    counted[name] = (counted[name] ?? 0) + 1;
  }
  return counted;
};

const storedDueDays = (item: Record<string, unknown> | undefined): DueDays =>
  Object.fromEntries(
    Object.entries(item ?? {})
      .filter(
        ([name, value]) =>
          DAY_PREFIXES.some((prefix) => name.startsWith(prefix)) && typeof value === 'number',
      )
      .map(([name, value]) => [name, value as number]),
  );

const differencesOf = (stored: DueDays, counted: DueDays): OfficeOutcome['differences'] =>
  [...new Set([...Object.keys(stored), ...Object.keys(counted)])]
    .sort()
    .map((dueOn) => ({ dueOn, stored: stored[dueOn] ?? 0, counted: counted[dueOn] ?? 0 }))
    .filter(({ stored: before, counted: after }) => before !== after);

/**
 * One office: the due days set to the count, the others removed, on the condition that every
 * numeric attribute of the counters item (or its absence) is as read.
 */
export const recomputeOffice = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  officeId: string,
  dryRun: boolean,
): Promise<OfficeOutcome> => {
  const key = keys.officeStats(tenantId, officeId);
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const { Item: item } = await client.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    const counted = await countedDueDays(client, tableName, tenantId, officeId);
    const stored = storedDueDays(item);
    const differences = differencesOf(stored, counted);
    if (!differences.length) return { officeId, outcome: 'unchanged', differences };
    if (dryRun) return { officeId, outcome: 'would_write', differences };

    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const conditions: string[] = [];
    const numeric = Object.entries(item ?? {}).filter(([, value]) => typeof value === 'number');
    numeric.forEach(([name, value], index) => {
      names[`#r${index}`] = name;
      values[`:r${index}`] = value;
      conditions.push(`#r${index} = :r${index}`);
    });
    if (!item) conditions.push('attribute_not_exists(pk)');
    const sets = [
      ...['entity', 'tenantId', 'officeId'].map((name, index) => {
        names[`#f${index}`] = name;
        values[`:f${index}`] = name === 'entity' ? 'office_stats' : name === 'tenantId' ? tenantId : officeId;
        return `#f${index} = :f${index}`;
      }),
      ...Object.entries(counted).map(([dueOn, count], index) => {
        names[`#s${index}`] = dueOn;
        values[`:s${index}`] = count;
        return `#s${index} = :s${index}`;
      }),
    ];
    const removes = Object.keys(stored)
      .filter((dueOn) => counted[dueOn] === undefined)
      .map((dueOn, index) => {
        names[`#d${index}`] = dueOn;
        return `#d${index}`;
      });
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return { officeId, outcome: 'written', differences };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return { officeId, outcome: 'changed_meanwhile', differences: [] };
};

export const recomputeTenant = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dryRun = false,
): Promise<OfficeOutcome[]> => {
  const outcomes: OfficeOutcome[] = [];
  for (const officeId of await officeIdsOf(client, tableName, tenantId)) {
    outcomes.push(await recomputeOffice(client, tableName, tenantId, officeId, dryRun));
  }
  return outcomes;
};

export const run = (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> =>
  runTenantTool(argv, env, io, USAGE, async ({ options, tableName, client }) => {
    const outcomes = await recomputeTenant(client, tableName, options.tenantId, options.dryRun);
    for (const { officeId, outcome, differences } of outcomes) {
      const detail = differences.map(({ dueOn, stored, counted }) => `${dueOn} ${stored}→${counted}`);
      io.out(`  ${outcome.padEnd(17)} ${officeId}${detail.length ? `  ${detail.join(', ')}` : ''}`);
    }
    const count = (outcome: OfficeOutcome['outcome']) =>
      outcomes.filter((row) => row.outcome === outcome).length;
    io.out(
      `${options.tenantId}: ${count(options.dryRun ? 'would_write' : 'written')} offices ${options.dryRun ? 'to write' : 'written'}, ` +
        `${count('unchanged')} unchanged, ${count('changed_meanwhile')} changed on every try, table ${tableName}.`,
    );
    return count('changed_meanwhile') ? 1 : 0;
  });

runAsScript(import.meta.url, 'recompute failed', run);
