import { TABLE_INDEXES, keys } from '@kikan/shared';
import { CaseRecord } from './case-store.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { MilestoneAge } from './office-counters.ts';
import { queryAll, queryPage, type Page } from './paging.ts';
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
  return queryPage(
    {
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
      Limit: limit,
    },
    { cursor, partition: { gsi3pk } },
    (item) => CaseRecord.parse(item),
  );
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
  const milestones = await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :through',
    FilterExpression: 'officeId = :officeId AND age = :age',
    ExpressionAttributeValues: {
      ':pk': pk,
      ':from': window.from,
      ':through': endOf(window.through),
      ':officeId': officeId,
      ':age': age,
    },
    Limit: MILESTONE_PAGE,
  });
  const caseIds = milestones.map((item) => String(item.caseId));
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
