import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { CasePhase, DifficultStatus, IsoDate, TABLE_INDEXES, keys } from '@kikan/shared';
import * as z from 'zod';
import { db, tableName } from './client.ts';
import {
  DECISION_END_PREFIX,
  MONITORING_DUE_PREFIX,
  decisionEndOf,
  monitoringDueOf,
  type Counters,
} from './office-counters.ts';
import { queryPages } from './paging.ts';
import { SignOffRecord, initialSignOff } from './signoff-store.ts';

/**
 * The reads behind a user's notifications (ADR 0038): a few requests whatever the caseload, and
 * only what a count needs — days and statuses, never a name.
 */

const OwnCaseDays = z.object({
  phase: CasePhase,
  nextMonitoringDueOn: IsoDate.nullable().optional(),
  decision: z.object({ validTo: IsoDate }).optional(),
});

/**
 * The due days and decision ends of the open cases one specialist holds at one office, counted as
 * the office counters count them (monitoringDueOf, decisionEndOf): the office counters are per
 * office, not per specialist, so the specialist's own are read from the office's case index (a few
 * hundred cases, three attributes each, filtered to the specialist: one or two responses).
 */
export const readOwnCaseCounters = async (
  tenantId: string,
  officeId: string,
  userId: string,
): Promise<Counters> => {
  const index = TABLE_INDEXES.casesByOffice;
  const counters: Counters = {};
  const count = (name: keyof Counters) => {
    counters[name] = (counters[name] ?? 0) + 1;
  };
  for await (const page of queryPages({
    IndexName: index.indexName,
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: 'specialistUserId = :me AND #phase <> :closed',
    ProjectionExpression: '#phase, nextMonitoringDueOn, #decision.validTo',
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#phase': 'phase', '#decision': 'decision' },
    ExpressionAttributeValues: {
      ':pk': keys.caseByOffice(tenantId, officeId).gsi1pk,
      ':me': userId,
      ':closed': 'closed',
    },
  })) {
    for (const item of page.Items ?? []) {
      const row = OwnCaseDays.parse(item);
      const dueOn = monitoringDueOf(row);
      if (dueOn) count(`${MONITORING_DUE_PREFIX}${dueOn}`);
      const endsOn = decisionEndOf(row);
      if (endsOn) count(`${DECISION_END_PREFIX}${endsOn}`);
    }
  }
  return counters;
};

const BoardRow = z.object({ status: DifficultStatus, nextReviewOn: IsoDate.nullable().optional() });

export interface BoardCounts {
  escalated: number;
  closingProposed: number;
  reviewOverdue: number;
}

/** Statuses in which the core center reviews the case (difficult-store.ts listOverdueReviews). */
const REVIEWED: ReadonlySet<DifficultStatus> = new Set(['accepted', 'closing_proposed']);

/**
 * What awaits the core center on the difficult-case board, from the board partition (one item per
 * difficult case of the tenant, small): cases escalated and not yet accepted, closures proposed and
 * not yet approved, and reviews whose date has passed — as the board's own lists count them.
 */
export const readBoardCounts = async (tenantId: string, today: string): Promise<BoardCounts> => {
  const counts: BoardCounts = { escalated: 0, closingProposed: 0, reviewOverdue: 0 };
  for await (const page of queryPages({
    KeyConditionExpression: 'pk = :pk',
    ProjectionExpression: '#status, nextReviewOn',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': keys.difficultBoard(tenantId).pk },
  })) {
    for (const item of page.Items ?? []) {
      const row = BoardRow.parse(item);
      if (row.status === 'escalated') counts.escalated += 1;
      if (row.status === 'closing_proposed') counts.closingProposed += 1;
      if (REVIEWED.has(row.status) && row.nextReviewOn && row.nextReviewOn < today) counts.reviewOverdue += 1;
    }
  }
  return counts;
};

/**
 * The sign-off items of some fiscal years in one BatchGet; a year without one is the initial state
 * (open, nobody confirmed), with `exists: false`.
 */
export const readSignOffs = async (
  tenantId: string,
  fiscalYears: readonly number[],
): Promise<{ record: SignOffRecord; exists: boolean }[]> => {
  const table = tableName();
  const found = new Map<number, SignOffRecord>();
  let pending: Record<string, unknown>[] = fiscalYears.map((year) => ({ ...keys.signOff(tenantId, year) }));
  for (let attempt = 0; pending.length; attempt += 1) {
    if (attempt > 5) throw new Error('BatchGet kept unprocessed keys');
    const result = await db().send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of result.Responses?.[table] ?? []) {
      const {
        pk: _pk,
        sk: _sk,
        entity: _entity,
        tenantId: _tenantId,
        updatedAt: _at,
        updatedBy: _by,
        ...record
      } = item;
      const parsed = SignOffRecord.parse(record);
      found.set(parsed.fiscalYear, parsed);
    }
    pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
    if (pending.length) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
  }
  return fiscalYears.map((year) => {
    const record = found.get(year);
    return record ? { record, exists: true } : { record: initialSignOff(year), exists: false };
  });
};
