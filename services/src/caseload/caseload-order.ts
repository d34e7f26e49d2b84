import {
  caseKanaSortKey,
  lastDayOfMonth,
  type CaseListSort,
  type CasePhase,
  type DueStatus,
  type ServiceKind,
} from '@kikan/shared';
import * as z from 'zod';
import type { CaseloadRow } from '../data/case-store.ts';
import { ValidationError } from '../kernel/errors.ts';

/**
 * The caseload list's filters, orders and pages over one office's cases read whole (an office holds
 * a few hundred; the 20,000-case tenant of the bench has ~400 per office): in memory, the total is
 * exact on every page and any order costs the same, with no index per order to keep.
 */

export interface CaseloadFilters {
  specialistUserId?: string | undefined;
  phase?: CasePhase | undefined;
  serviceKind?: ServiceKind | undefined;
  due?: DueStatus | undefined;
  assignedTo?: string | undefined;
}

/** The due status as the dashboard counts it (ADR 0026): overdue before today, due to the month's end. */
export const dueStatusOf = (nextDueOn: string | null, today: string): DueStatus | 'later' => {
  if (nextDueOn === null) return 'none';
  if (nextDueOn < today) return 'overdue';
  return nextDueOn <= lastDayOfMonth(today.slice(0, 7)) ? 'due_this_month' : 'later';
};

export const matchesFilters = (record: CaseloadRow, filters: CaseloadFilters, today: string): boolean =>
  (filters.specialistUserId === undefined || record.specialistUserId === filters.specialistUserId) &&
  (filters.assignedTo === undefined || record.specialistUserId === filters.assignedTo) &&
  (filters.phase === undefined || record.phase === filters.phase) &&
  (filters.serviceKind === undefined || record.serviceKind === filters.serviceKind) &&
  (filters.due === undefined || dueStatusOf(record.nextMonitoringDueOn, today) === filters.due);

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Absent due dates last: a case with nothing due is the least urgent. */
const byDue = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : byText(a, b);

/**
 * Kana order is the office's kana index order (caseKanaSortKey), so a page read from the index
 * (list-cases.ts, the unfiltered list) and the office read whole agree on it.
 */
const byKana = (a: CaseloadRow, b: CaseloadRow): number =>
  byText(caseKanaSortKey(a.personKana, a.caseId), caseKanaSortKey(b.personKana, b.caseId));

/**
 * `sort`, then the list's own order (kana for an office's own list, case code where cases are
 * pseudonymised: a tie must not be broken by a name either), then the case id, so every page of
 * one request agrees on one order.
 */
export const caseloadComparator =
  (sort: CaseListSort, tieBreak: 'kana' | 'case_code') =>
  (a: CaseloadRow, b: CaseloadRow): number => {
    const primary =
      sort === 'kana'
        ? byKana(a, b)
        : sort === 'next_due'
          ? byDue(a.nextMonitoringDueOn, b.nextMonitoringDueOn)
          : sort === 'opened_on'
            ? byText(b.openedOn, a.openedOn)
            : byText(a.caseCode, b.caseCode);
    const secondary = tieBreak === 'kana' ? byKana(a, b) : byText(a.caseCode, b.caseCode);
    return primary || secondary || byText(a.caseId, b.caseId);
  };

/**
 * Where the next page starts: after the case that ended the last one, or at its position when
 * that case has left the list meanwhile (closed, reassigned). An id and a number: nothing
 * personal, and sealed at the edge like every cursor (ADR 0021).
 */
const Position = z.strictObject({ after: z.string().min(1).max(100), offset: z.number().int().min(0) });
export type Position = z.infer<typeof Position>;

const invalidCursor = () =>
  new ValidationError([{ field: 'query.cursor', message: 'ページ位置が正しくありません' }]);

export const encodePosition = (position: Position): string =>
  Buffer.from(JSON.stringify({ after: position.after, offset: position.offset })).toString('base64url');

export const decodePosition = (cursor: string): Position => {
  try {
    const parsed = Position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // malformed below
  }
  throw invalidCursor();
};

export const pageOfSorted = <T extends { caseId: string }>(
  sorted: readonly T[],
  limit: number,
  cursor: string | undefined,
): { items: T[]; nextCursor: string | null } => {
  let start = 0;
  if (cursor !== undefined) {
    const position = decodePosition(cursor);
    const after = sorted.findIndex((item) => item.caseId === position.after);
    start = after >= 0 ? after + 1 : Math.min(position.offset, sorted.length);
  }
  const items = sorted.slice(start, start + limit);
  const last = items.at(-1);
  const more = start + limit < sorted.length;
  return {
    items,
    nextCursor: more && last ? encodePosition({ after: last.caseId, offset: start + items.length }) : null,
  };
};
