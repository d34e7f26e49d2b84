import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import * as z from 'zod';
import { db, tableName } from './client.ts';
import {
  MILESTONE_AGES,
  caseCounterDelta,
  mergeCounterDeltas,
  milestoneChanges,
  milestonesOf,
  officeCountersOf,
  type CountedCase,
  type Counters,
  type Milestone,
  type OfficeCounterDelta,
} from './office-counters.ts';
import { queryAll } from './paging.ts';
import type { TransactItem } from './transaction.ts';

/**
 * The items behind the core center's dashboard: one counters item per office, and one milestone
 * item per open case and life-stage age. Both change only beside a case write, in its transaction
 * (case-store.ts caseWriteItems), so they never disagree with the cases.
 */

export interface CaseTransition {
  /** The case as read before the write; null for a new case. */
  before: CountedCase | null;
  after: CountedCase;
}

/** The item of one milestone, as the case write and the seed put it (the age backfill too). */
export const milestoneItem = (milestone: Milestone) => ({
  ...keys.lifeStageMilestone(
    milestone.tenantId,
    milestone.reachesOn,
    milestone.officeId,
    milestone.age,
    milestone.caseId,
  ),
  entity: 'life_stage_milestone',
  tenantId: milestone.tenantId,
  officeId: milestone.officeId,
  caseId: milestone.caseId,
  age: milestone.age,
  reachesOn: milestone.reachesOn,
});

/**
 * ADD creates the item and any missing counter at zero, so no write has to know whether the item
 * was counted before. Counter names are attribute names, always passed as placeholders.
 */
export const counterAddUpdate = (
  key: { pk: string; sk: string },
  fixed: Record<string, string | number>,
  counters: Record<string, number | undefined>,
): TransactItem => {
  const fixedEntries = Object.entries(fixed);
  const entries = Object.entries(counters);
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET ${fixedEntries.map((_, index) => `#f${index} = :f${index}`).join(', ')} ADD ${entries
        .map((_, index) => `#c${index} :c${index}`)
        .join(', ')}`,
      ExpressionAttributeNames: {
        ...Object.fromEntries(fixedEntries.map(([name], index) => [`#f${index}`, name])),
        ...Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])),
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(fixedEntries.map(([, value], index) => [`:f${index}`, value])),
        ...Object.fromEntries(entries.map(([, value], index) => [`:c${index}`, value ?? 0])),
      },
    },
  };
};

const counterUpdate = ({ tenantId, officeId, counters }: OfficeCounterDelta): TransactItem =>
  counterAddUpdate(
    keys.officeStats(tenantId, officeId),
    { entity: 'office_stats', tenantId, officeId },
    counters,
  );

/**
 * What a transaction writing these cases must also write: the counter changes (one update per
 * office, merged across the cases) and the milestone items the cases gain or lose.
 */
export const officeFigureWrites = (transitions: readonly CaseTransition[]): TransactItem[] => {
  const deltas = mergeCounterDeltas(
    transitions.flatMap(({ before, after }) => caseCounterDelta(before, after)),
  );
  const milestones = transitions.map(({ before, after }) => milestoneChanges(before, after));
  return [
    ...deltas.map(counterUpdate),
    ...milestones.flatMap(({ removed }) =>
      removed.map((milestone): TransactItem => ({
        Delete: {
          TableName: tableName(),
          Key: keys.lifeStageMilestone(
            milestone.tenantId,
            milestone.reachesOn,
            milestone.officeId,
            milestone.age,
            milestone.caseId,
          ),
        },
      })),
    ),
    ...milestones.flatMap(({ added }) =>
      added.map((milestone): TransactItem => ({
        Put: { TableName: tableName(), Item: milestoneItem(milestone) },
      })),
    ),
  ];
};

/**
 * The stats and milestone items of a set of cases written without transactions (demo data, bulk
 * loads): the same definitions the transactions maintain, computed from scratch.
 */
export const officeFigureItems = (records: readonly CountedCase[]): Record<string, unknown>[] => [
  ...officeCountersOf(records).map(({ tenantId, officeId, counters }) => ({
    ...keys.officeStats(tenantId, officeId),
    entity: 'office_stats',
    tenantId,
    officeId,
    ...counters,
  })),
  ...records.flatMap(milestonesOf).map(milestoneItem),
];

// ── Reads for one dashboard load: a fixed number of requests, whatever the caseload ──

const StoredCounters = z.record(z.string(), z.unknown());

/** The counters of a stats item: its numeric attributes (the keys and names are not counters). */
const countersOfItem = (item: Record<string, unknown>): { officeId: unknown; counters: Counters } => {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    tenantId: _tenantId,
    officeId,
    ...rest
  } = StoredCounters.parse(item);
  const counters = Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  ) as Counters;
  return { officeId, counters };
};

/** Every office's counters in one Query (paged past 1 MB, which takes thousands of offices). */
export const readOfficeCounters = async (tenantId: string): Promise<Map<string, Counters>> => {
  const { pk } = keys.officeStats(tenantId);
  const found = new Map<string, Counters>();
  for (const item of await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  })) {
    const { officeId, counters } = countersOfItem(item);
    if (typeof officeId !== 'string') continue;
    found.set(officeId, counters);
  }
  return found;
};

/** One office's counters, one GetItem (an office that never had a case has none: all zero). */
export const readCountersOfOffice = async (tenantId: string, officeId: string): Promise<Counters> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.officeStats(tenantId, officeId) }),
  );
  return Item ? countersOfItem(Item).counters : {};
};

const MilestoneRow = z.object({
  officeId: z.string(),
  caseId: z.string(),
  age: z.union(MILESTONE_AGES.map((age) => z.literal(age))),
  reachesOn: z.string(),
});
export type MilestoneRow = z.infer<typeof MilestoneRow>;

/** '~' sorts after every character of an id: `<day>#~` is past every key of that day. */
const endOf = (day: string) => `${day}#~`;

/**
 * The tenant's milestones from `from` to `through` (both included), date first, in one Query: a
 * window of months holds only the people reaching 18 or 65 in it.
 */
export const readMilestonesWithin = async (
  tenantId: string,
  from: string,
  through: string,
): Promise<MilestoneRow[]> => {
  const { pk } = keys.lifeStageMilestone(tenantId);
  const rows = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :through',
    ExpressionAttributeValues: { ':pk': pk, ':from': from, ':through': endOf(through) },
    ProjectionExpression: 'officeId, caseId, age, reachesOn',
  });
  return rows.map((item) => MilestoneRow.parse(item));
};
