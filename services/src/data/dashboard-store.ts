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

/** Milestone items read per request while collecting one office's. */
const MILESTONE_PAGE = 200;

/** A case's place in case-code order: the code, then the id for the (unlikely) equal codes. */
const codeOrder = (record: CaseRecord) => `${record.caseCode}#${record.caseId}`;

/**
 * An office's open cases whose person reaches `age` from `from` to `through`, in case-code order.
 * The milestones are dated, so their own order is the order of birth dates, which a pseudonymised
 * list must not show (SECURITY.md row 23): the office's milestones of the window are collected
 * whole (a few months of one office: tens of cases), their cases read, and the page cut from them
 * in case-code order; the cursor is the last case's place in that order.
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
  const after = decodeCursor(cursor, { pk })?.after ?? '';
  const caseIds: string[] = [];
  let startKey: Record<string, unknown> | undefined;
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
    caseIds.push(...(result.Items ?? []).map((item) => String(item.caseId)));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  const ordered = [...(await getCasesByIds(tenantId, caseIds)).values()]
    .filter((record) => codeOrder(record) > after)
    .sort((a, b) => (codeOrder(a) < codeOrder(b) ? -1 : 1));
  const items = ordered.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: ordered.length > limit && last ? encodeCursor({ pk, after: codeOrder(last) }) : null,
  };
};
