import type { CaseView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { splitByDueDate } from './list-monitoring-due.ts';

const dueOn = (caseId: string, nextMonitoringDueOn: string | null): CaseView => ({
  visibility: 'pseudonymised',
  caseId,
  caseCode: 'K-ABCDEF',
  officeId: 'himawari',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2026-01-05',
  sharedWithCore: false,
  nextMonitoringDueOn,
  monitoringOverdue: false,
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
  initials: 'サ・ハ',
  ageBand: '30-39',
});

describe('splitting the due list', () => {
  const cases = [
    dueOn('case_last_month', '2026-10-31'),
    dueOn('case_yesterday', '2026-11-21'),
    dueOn('case_today', '2026-11-22'),
    dueOn('case_month_end', '2026-11-30'),
    dueOn('case_no_due', null),
  ];
  const { overdue, dueThisMonth } = splitByDueDate(cases, '2026-11-22');

  it('puts a due date before today in overdue', () => {
    expect(overdue.map((item) => item.caseId)).toEqual(['case_last_month', 'case_yesterday']);
  });

  it('keeps a case due today or later in the month out of overdue', () => {
    expect(dueThisMonth.map((item) => item.caseId)).toEqual(['case_today', 'case_month_end']);
  });

  it('lists a case without a due date in neither', () => {
    expect([...overdue, ...dueThisMonth].map((item) => item.caseId)).not.toContain('case_no_due');
  });
});
