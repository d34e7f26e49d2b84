import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE_INDEXES, keys } from '@kikan/shared';
import { CaseRecord, type Page } from './case-store.ts';
import { db, tableName } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { MilestoneAge } from './office-counters.ts';
import { getCasesByIds } from './record-store.ts';

/**
 * The cases behind a dashboard figure, one page at a time, read on demand (not on every
 * dashboard load). The time-dependent figures come from their own key ranges; the others are
 * filtered from the office's cases (record-store.ts findCasesOfOffice).
 */

const stringKeyOf = (item: Record<string, unknown>, names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, String(item[name])]));

/** '~' sorts after every character of an id: `<day>#~` is past every key of that day. */
const endOf = (day: string) => `${day}#~`;

export type DueWindow = { kind: 'overdue'; today: string } | { kind: 'due'; today: string; monthEnd: string };

/** An office's open cases by next monitoring due date, from the sparse due index. */
export const pageCasesByDue = async (
  tenantId: string,
  officeId: string,
  window: DueWindow,
  limit: number,
  cursor: string | undefined,
): Promise<Page<CaseRecord>> => {
  const index = TABLE_INDEXES.casesByMonitoringDue;
  const { gsi3pk } = keys.caseByDue(tenantId, officeId);
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: index.indexName,
      KeyConditionExpression:
        window.kind === 'overdue'
          ? '#pk = :pk AND #sk < :today'
          : '#pk = :pk AND #sk BETWEEN :today AND :upper',
      ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
      ExpressionAttributeValues: {
        ':pk': gsi3pk,
        ':today': window.today,
        ...(window.kind === 'due' ? { ':upper': endOf(window.monthEnd) } : {}),
      },
      ExclusiveStartKey: decodeCursor(cursor, { gsi3pk }),
      Limit: limit,
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => CaseRecord.parse(item)),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

/** Milestone items read per request at most while looking for one office's. */
const MILESTONE_PAGE = 200;

/**
 * An office's open cases whose person reaches `age` from `from` to `through`, nearest first. The
 * milestones are one tenant-wide range (that is what keeps the dashboard at one request for every
 * office), so this page filters it by office and age; the cursor is the last milestone read.
 */
export const pageCasesReachingAge = async (
  tenantId: string,
  officeId: string,
  age: MilestoneAge,
  window: { from: string; through: string },
  limit: number,
  cursor: string | undefined,
): Promise<Page<CaseRecord>> => {
  const { pk } = keys.lifeStageMilestone(tenantId);
  let startKey: Record<string, unknown> | undefined = decodeCursor(cursor, { pk });
  const caseIds: string[] = [];
  let nextCursor: string | null = null;
  do {
    const result = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :through',
        FilterExpression: 'officeId = :officeId AND age = :age',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':from': window.from,
          ':through': endOf(window.through),
          ':officeId': officeId,
          ':age': age,
        },
        ExclusiveStartKey: startKey,
        Limit: MILESTONE_PAGE,
      }),
    );
    const items = result.Items ?? [];
    startKey = result.LastEvaluatedKey;
    for (const [position, item] of items.entries()) {
      caseIds.push(String(item.caseId));
      if (caseIds.length === limit) {
        const more = position < items.length - 1 || startKey !== undefined;
        nextCursor = more ? encodeCursor(stringKeyOf(item, ['pk', 'sk'])) : null;
        startKey = undefined;
        break;
      }
    }
  } while (startKey);
  const cases = await getCasesByIds(tenantId, caseIds);
  return { items: caseIds.flatMap((caseId) => cases.get(caseId) ?? []), nextCursor };
};
