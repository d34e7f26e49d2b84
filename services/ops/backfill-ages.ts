import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, dateOfReachingAge, fiscalYearOf, keys } from '@kikan/shared';
import { CaseRecord } from '../src/data/case-store.ts';
import { MILESTONE_AGES, milestonesOf, type Milestone } from '../src/data/office-counters.ts';
import { milestoneItem } from '../src/data/office-stats-store.ts';
import { parseCounterName, statisticsCountersOf } from '../src/data/statistics-counters.ts';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from '../src/data/transaction.ts';
import { ENDPOINT_USAGE, runTenantTool, runAsScript, type Io } from './operator-cli.ts';
import { caseIndexEntries, getConsistently, keyString, officeIdsOf, queryItems } from './tenant-reads.ts';

/**
 * `npm run tenant:backfill-ages -- <tenantId> [--dry-run] [--endpoint URL]`
 *
 * Since issue 14 (ADR 0012) a person reaches an age on the day before the birthday anniversary
 * (年齢計算ニ関スル法律, `dateOfReachingAge`), and the case write keys the life-stage milestones and
 * counts the `reaches:18` / `reaches:65` statistics counters under that day. Items written before
 * carry the birthday, the day after: a milestone one day late, a counter in the next month (and
 * the next fiscal year for a 1 April birth), a case opened on the birthday counted where it no
 * longer is. A case closed or moved since the change took away the new-rule items it never had,
 * leaving its old milestone and a counter at −1. This sets, office by office, the milestone items
 * and the reaches counters of one tenant to what its cases give with the current rule: stale
 * milestones deleted, missing ones written, each reaches counter set to its count (removed at 0).
 * The other counters are left alone.
 *
 * Each office is written only if what was read is still there: a counters item only while its
 * reaches counters are as read, a milestone deleted only while it exists and written only while
 * absent, beside a check that its case is at the version read. An office that changed meanwhile is
 * read again (three tries). An office's writes go in one transaction, or in several of whole cases
 * when they exceed 100 items. The cases are listed from the tenant-wide case index (eventually
 * consistent) and read by key: a case created in the instant before its office is read is missed,
 * and a second run corrects it; once nothing is being written, a second run reports "unchanged"
 * for every office.
 *
 * Exit codes: 0 done, 1 an office changed on every try, 2 wrong usage.
 */

const USAGE = [
  'usage: TABLE_NAME=<TableName output> AWS_REGION=<region> npm run tenant:backfill-ages -- <tenantId> [options]',
  '  --dry-run            print what would change; nothing written',
  ENDPOINT_USAGE,
].join('\n');

const TRIES = 3;

export interface ReachesDifference {
  fiscalYear: number;
  /** The counter's attribute name, `reaches:<age>|<municipality>|<YYYY-MM>` (no personal data). */
  name: string;
  stored: number;
  counted: number;
}

export interface OfficeAgesOutcome {
  officeId: string;
  outcome: 'unchanged' | 'written' | 'would_write' | 'changed_meanwhile';
  milestones: { removed: number; added: number };
  reaches: ReachesDifference[];
}

const isReachesCounter = (name: string): boolean =>
  parseCounterName(name)?.metric.startsWith('reaches:') ?? false;

/**
 * The fiscal years a birth date's reaches counters may sit in: the current rule's reaching days
 * and the day after each, where the counters written before the change put them.
 */
export const reachesFiscalYears = (birthDate: string): number[] =>
  MILESTONE_AGES.flatMap((age) => {
    const reachesOn = dateOfReachingAge(birthDate, age);
    return [fiscalYearOf(reachesOn), fiscalYearOf(addDays(reachesOn, 1))];
  });

const milestoneSk = (milestone: Milestone) =>
  keys.lifeStageMilestone(
    milestone.tenantId,
    milestone.reachesOn,
    milestone.officeId,
    milestone.age,
    milestone.caseId,
  ).sk;

interface OfficeRead {
  /** Stored reaches counters by fiscal year (only the years read). */
  storedReaches: Map<number, Record<string, number>>;
  storedMilestones: Map<string, Record<string, unknown>>;
  cases: CaseRecord[];
}

const readOffice = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  officeId: string,
  fiscalYears: ReadonlySet<number>,
): Promise<OfficeRead> => {
  // The counters and milestones are read before the cases: a case write after this read changes
  // what the writes are conditional on, so it cannot be overwritten with a count made before it.
  const statsKeys = [...fiscalYears].map((fiscalYear) => keys.caseStatistics(tenantId, fiscalYear, officeId));
  const statsItems = await getConsistently(client, tableName, statsKeys);
  const storedReaches = new Map<number, Record<string, number>>();
  for (const fiscalYear of fiscalYears) {
    const item = statsItems.get(keyString(keys.caseStatistics(tenantId, fiscalYear, officeId)));
    storedReaches.set(
      fiscalYear,
      Object.fromEntries(
        Object.entries(item ?? {}).filter(
          (entry): entry is [string, number] => typeof entry[1] === 'number' && isReachesCounter(entry[0]),
        ),
      ),
    );
  }
  const milestoneItems = await queryItems(client, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: 'officeId = :office',
    ExpressionAttributeValues: { ':pk': keys.lifeStageMilestone(tenantId).pk, ':office': officeId },
    ConsistentRead: true,
  });
  const entries = await caseIndexEntries(client, tableName, tenantId, officeId);
  const caseItems = await getConsistently(
    client,
    tableName,
    entries.map(({ caseId }) => keys.caseItem(tenantId, caseId)),
  );
  return {
    storedReaches,
    storedMilestones: new Map(milestoneItems.map((item) => [String(item.sk), item])),
    cases: [...caseItems.values()]
      .map((item) => CaseRecord.parse(item))
      .filter((record) => record.officeId === officeId),
  };
};

const countedReaches = (cases: readonly CaseRecord[]): Map<number, Record<string, number>> => {
  const counted = new Map<number, Record<string, number>>();
  for (const record of cases) {
    for (const [fiscalYear, counters] of statisticsCountersOf(record)) {
      for (const [name, value] of Object.entries(counters)) {
        if (!isReachesCounter(name)) continue;
        const year = counted.get(fiscalYear) ?? {};
        year[name] = (year[name] ?? 0) + value;
        counted.set(fiscalYear, year);
      }
    }
  }
  return counted;
};

const reachesDifferences = (
  stored: Map<number, Record<string, number>>,
  counted: Map<number, Record<string, number>>,
): ReachesDifference[] =>
  [...stored.keys()]
    .sort()
    .flatMap((fiscalYear) => {
      const before = stored.get(fiscalYear) ?? {};
      const after = counted.get(fiscalYear) ?? {};
      return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort().map((name) => ({
        fiscalYear,
        name,
        stored: before[name] ?? 0,
        counted: after[name] ?? 0,
      }));
    })
    .filter(({ stored: before, counted: after }) => before !== after);

/**
 * One counters item: the differing reaches counters set (removed at zero), on the condition that
 * every reaches counter it holds, and the absence of those it lacks, are as read.
 */
const reachesUpdate = (
  tableName: string,
  tenantId: string,
  officeId: string,
  fiscalYear: number,
  stored: Record<string, number>,
  differences: readonly ReachesDifference[],
): TransactItem => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  const sets: string[] = [];
  const removes: string[] = [];
  const fixed = { entity: 'case_statistics', tenantId, fiscalYear, officeId };
  Object.entries(fixed).forEach(([name, value], index) => {
    names[`#f${index}`] = name;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  });
  const touched = [...new Set([...Object.keys(stored), ...differences.map(({ name }) => name)])];
  touched.forEach((name, index) => {
    names[`#r${index}`] = name;
    if (name in stored) {
      values[`:r${index}`] = stored[name];
      conditions.push(`#r${index} = :r${index}`);
    } else conditions.push(`attribute_not_exists(#r${index})`);
    const difference = differences.find((row) => row.name === name);
    if (!difference) return;
    if (difference.counted === 0) removes.push(`#r${index}`);
    else {
      values[`:n${index}`] = difference.counted;
      sets.push(`#r${index} = :n${index}`);
    }
  });
  return {
    Update: {
      TableName: tableName,
      Key: keys.caseStatistics(tenantId, fiscalYear, officeId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

/**
 * The milestone writes, grouped by case so a transaction never splits one: a case's stale
 * milestones deleted while they exist, its missing ones put while absent, beside a check that the
 * case is still at the version read (a case closed meanwhile must not get its milestones back).
 */
const milestoneGroups = (
  tableName: string,
  read: OfficeRead,
  expected: Map<string, Milestone>,
): { groups: TransactItem[][]; removed: number; added: number } => {
  const byCase = new Map<string, TransactItem[]>();
  const add = (caseId: string, item: TransactItem) =>
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), item]);
  let removed = 0;
  let added = 0;
  for (const [sk, item] of read.storedMilestones) {
    if (expected.has(sk)) continue;
    removed += 1;
    add(String(item.caseId), {
      Delete: {
        TableName: tableName,
        Key: { pk: String(item.pk), sk },
        ConditionExpression: 'attribute_exists(pk)',
      },
    });
  }
  for (const [sk, milestone] of expected) {
    if (read.storedMilestones.has(sk)) continue;
    added += 1;
    add(milestone.caseId, {
      Put: {
        TableName: tableName,
        Item: milestoneItem(milestone),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  const groups = [...byCase].map(([caseId, items]) => {
    const record = read.cases.find((candidate) => candidate.caseId === caseId);
    if (!record) return items;
    const check: TransactItem = {
      ConditionCheck: {
        TableName: tableName,
        Key: keys.caseItem(record.tenantId, caseId),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': record.version },
      },
    };
    return [check, ...items];
  });
  return { groups, removed, added };
};

/** Whole groups into transactions of at most 100 items. */
const packTransactions = (groups: readonly TransactItem[][]): TransactItem[][] => {
  const transactions: TransactItem[][] = [];
  for (const group of groups) {
    const last = transactions.at(-1);
    if (last && last.length + group.length <= MAX_TRANSACTION_ITEMS) last.push(...group);
    else transactions.push([...group]);
  }
  return transactions;
};

export const backfillOfficeAges = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  officeId: string,
  tenantFiscalYears: ReadonlySet<number>,
  dryRun: boolean,
): Promise<OfficeAgesOutcome> => {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const entries = await caseIndexEntries(client, tableName, tenantId, officeId);
    const fiscalYears = new Set([
      ...tenantFiscalYears,
      ...entries.flatMap(({ birthDate }) => reachesFiscalYears(birthDate)),
    ]);
    const read = await readOffice(client, tableName, tenantId, officeId, fiscalYears);
    const counted = countedReaches(read.cases);
    // A birth date changed after the years were chosen: its counters were not read, so read again.
    if ([...counted.keys()].some((fiscalYear) => !fiscalYears.has(fiscalYear))) continue;

    const expected = new Map(
      read.cases.flatMap(milestonesOf).map((milestone) => [milestoneSk(milestone), milestone]),
    );
    const { groups, removed, added } = milestoneGroups(tableName, read, expected);
    const reaches = reachesDifferences(read.storedReaches, counted);
    const summary = { officeId, milestones: { removed, added }, reaches };
    if (!groups.length && !reaches.length) return { ...summary, outcome: 'unchanged' };
    if (dryRun) return { ...summary, outcome: 'would_write' };

    const updates = [...new Set(reaches.map(({ fiscalYear }) => fiscalYear))].map((fiscalYear) =>
      reachesUpdate(
        tableName,
        tenantId,
        officeId,
        fiscalYear,
        read.storedReaches.get(fiscalYear) ?? {},
        reaches.filter((row) => row.fiscalYear === fiscalYear),
      ),
    );
    try {
      for (const items of packTransactions([...updates.map((update) => [update]), ...groups])) {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
      }
      return { ...summary, outcome: 'written' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  return { officeId, outcome: 'changed_meanwhile', milestones: { removed: 0, added: 0 }, reaches: [] };
};

export const backfillTenantAges = async (
  client: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dryRun = false,
): Promise<OfficeAgesOutcome[]> => {
  const entries = await caseIndexEntries(client, tableName, tenantId);
  // Every year any of the tenant's people reaches an age in: a case moved to another office left
  // its old counters behind in the office it came from.
  const fiscalYears = new Set(entries.flatMap(({ birthDate }) => reachesFiscalYears(birthDate)));
  const officeIds = [
    ...new Set([
      ...(await officeIdsOf(client, tableName, tenantId)),
      ...entries.map(({ officeId }) => officeId),
    ]),
  ].sort();
  const outcomes: OfficeAgesOutcome[] = [];
  for (const officeId of officeIds) {
    outcomes.push(await backfillOfficeAges(client, tableName, tenantId, officeId, fiscalYears, dryRun));
  }
  return outcomes;
};

export const run = (
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> =>
  runTenantTool(argv, env, io, USAGE, async ({ options, tableName, client }) => {
    const outcomes = await backfillTenantAges(client, tableName, options.tenantId, options.dryRun);
    for (const { officeId, outcome, milestones, reaches } of outcomes) {
      const detail = [
        ...(milestones.removed || milestones.added
          ? [`milestones −${milestones.removed} +${milestones.added}`]
          : []),
        ...reaches.map(({ name, stored, counted }) => `${name} ${stored}→${counted}`),
      ];
      io.out(`  ${outcome.padEnd(17)} ${officeId}${detail.length ? `  ${detail.join(', ')}` : ''}`);
    }
    const count = (outcome: OfficeAgesOutcome['outcome']) =>
      outcomes.filter((row) => row.outcome === outcome).length;
    io.out(
      `${options.tenantId}: ${count(options.dryRun ? 'would_write' : 'written')} offices ${options.dryRun ? 'to write' : 'written'}, ` +
        `${count('unchanged')} unchanged, ${count('changed_meanwhile')} changed on every try, table ${tableName}.`,
    );
    return count('changed_meanwhile') ? 1 : 0;
  });

runAsScript(import.meta.url, 'age backfill failed', run);
