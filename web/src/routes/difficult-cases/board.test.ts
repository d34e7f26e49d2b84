import type { CaseView } from '@kikan/shared';
import type { DifficultBoardItem } from '@kikan/shared/difficult-api';
import { describe, expect, it } from 'vitest';
import { boardColumns, openCount } from './board.ts';

const caseView = (caseCode: string): CaseView => ({
  visibility: 'pseudonymised',
  caseId: `case-${caseCode}`,
  caseCode,
  officeId: 'himawari',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2025-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  monitoringOverdue: false,
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
  initials: 'Y.K.',
  ageBand: '18-29',
});

const item = (caseCode: string, overrides: Partial<DifficultBoardItem> = {}): DifficultBoardItem => ({
  case: caseView(caseCode),
  status: 'accepted',
  categories: ['eighty_fifty'],
  flaggedOn: '2026-06-01',
  nextReviewOn: null,
  reviewOverdue: false,
  ...overrides,
});

describe('difficult-case board', () => {
  it('has one column per status in the order a case moves, empty ones included', () => {
    const columns = boardColumns([item('A-1', { status: 'escalated' })]);

    expect(columns.map((column) => column.status)).toEqual([
      'flagged',
      'escalated',
      'accepted',
      'closing_proposed',
      'closed',
    ]);
    expect(columns.map((column) => column.items.length)).toEqual([0, 1, 0, 0, 0]);
  });

  it('puts each case in the column of its status only', () => {
    const columns = boardColumns([
      item('A-1', { status: 'flagged' }),
      item('A-2', { status: 'accepted' }),
      item('A-3', { status: 'accepted' }),
      item('A-4', { status: 'closed' }),
    ]);

    const codes = Object.fromEntries(
      columns.map((column) => [column.status, column.items.map((entry) => entry.case.caseCode)]),
    );
    expect(codes).toEqual({
      flagged: ['A-1'],
      escalated: [],
      accepted: ['A-2', 'A-3'],
      closing_proposed: [],
      closed: ['A-4'],
    });
  });

  it('leads a column with overdue reviews, then the nearest review date', () => {
    const [, , accepted] = boardColumns([
      item('later', { nextReviewOn: '2026-12-20' }),
      item('none'),
      item('overdue', { nextReviewOn: '2026-11-01', reviewOverdue: true }),
      item('sooner', { nextReviewOn: '2026-12-01' }),
    ]);

    expect(accepted?.items.map((entry) => entry.case.caseCode)).toEqual([
      'overdue',
      'sooner',
      'later',
      'none',
    ]);
  });

  it('counts open cases, not closed ones', () => {
    const columns = boardColumns([
      item('A-1', { status: 'flagged' }),
      item('A-2', { status: 'closing_proposed' }),
      item('A-3', { status: 'closed' }),
    ]);

    expect(openCount(columns)).toBe(2);
  });
});
