import { DIFFICULT_STATUSES, type DifficultStatus } from '@kikan/shared';
import type { DifficultBoardItem } from '@kikan/shared/difficult-api';

export interface BoardColumn {
  status: DifficultStatus;
  items: DifficultBoardItem[];
}

/**
 * The board's columns in the order a difficult case moves (flagged → … → closed), every status
 * present even when empty so the counts line up. Within a column: an overdue review first, then
 * the nearest review date, then the earliest flagged (what needs attention leads).
 */
export const boardColumns = (items: readonly DifficultBoardItem[]): BoardColumn[] =>
  DIFFICULT_STATUSES.map((status) => ({
    status,
    items: items.filter((item) => item.status === status).sort(byAttention),
  }));

const byAttention = (a: DifficultBoardItem, b: DifficultBoardItem): number =>
  Number(b.reviewOverdue) - Number(a.reviewOverdue) ||
  (a.nextReviewOn ?? '9999-12-31').localeCompare(b.nextReviewOn ?? '9999-12-31') ||
  a.flaggedOn.localeCompare(b.flaggedOn) ||
  a.case.caseCode.localeCompare(b.case.caseCode);

/** Open cases: the board's headline count (closed ones are history). */
export const openCount = (columns: readonly BoardColumn[]): number =>
  columns
    .filter((column) => column.status !== 'closed')
    .reduce((sum, column) => sum + column.items.length, 0);
