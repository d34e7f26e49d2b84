import type { CaseFull, CaseView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { countByPhase, groupDueList, loadPerSpecialist } from './home-summary.ts';

const caseIn = (phase: CaseView['phase']): CaseView => ({
  visibility: 'pseudonymised',
  caseId: `case-${phase}`,
  caseCode: 'K-1',
  officeId: 'office-01',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase,
  monitoringPeriodMonths: 6,
  serviceUseStatus: 'using',
  openedOn: '2026-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  monitoringOverdue: false,
  version: 1,
  updatedAt: '2026-04-01T00:00:00.000Z',
  initials: 'ヤ・タ',
  ageBand: '30-39',
});

describe('countByPhase', () => {
  it('counts cases per phase and lists every phase of the cycle, zeros included', () => {
    const counts = countByPhase([caseIn('monitoring'), caseIn('monitoring'), caseIn('intake')]);

    expect(counts).toEqual({
      intake: 1,
      assessment: 0,
      planning: 0,
      implementation: 0,
      monitoring: 2,
      closed: 0,
    });
    expect(Object.keys(counts)).toEqual([
      'intake',
      'assessment',
      'planning',
      'implementation',
      'monitoring',
      'closed',
    ]);
  });
});

const fullCase = (caseId: string, specialistUserId: string, overrides: Partial<CaseFull> = {}): CaseFull => ({
  visibility: 'full',
  caseId,
  caseCode: caseId.toUpperCase(),
  officeId: 'aozora',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 6,
  serviceUseStatus: 'using',
  openedOn: '2025-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: '2026-09-30',
  monitoringOverdue: false,
  version: 1,
  updatedAt: '2026-04-01T00:00:00.000Z',
  personId: `person-${caseId}`,
  personName: '山田 太郎',
  personKana: 'ヤマダ タロウ',
  birthDate: '1990-01-01',
  specialistUserId,
  createdAt: '2025-04-01T00:00:00.000Z',
  ...overrides,
});

describe('load per specialist', () => {
  const staff = [
    { userId: 'user-suzuki', displayName: '鈴木 健一' },
    { userId: 'user-tanaka', displayName: '田中 陽子' },
    { userId: 'user-new', displayName: '新人 花子' },
  ];

  it('counts open cases per specialist, heaviest first, and lists staff without cases as zero', () => {
    const rows = loadPerSpecialist(
      [
        fullCase('c1', 'user-tanaka'),
        fullCase('c2', 'user-suzuki'),
        fullCase('c3', 'user-suzuki'),
        fullCase('c4', 'user-suzuki', { phase: 'closed' }),
      ],
      staff,
      '2026-05-10',
    );

    expect(rows.map((row) => [row.name, row.open])).toEqual([
      ['鈴木 健一', 2],
      ['田中 陽子', 1],
      ['新人 花子', 0],
    ]);
  });

  it('counts overdue monitorings and those due this month separately', () => {
    const [row] = loadPerSpecialist(
      [
        fullCase('c1', 'user-suzuki', { monitoringOverdue: true, nextMonitoringDueOn: '2026-04-30' }),
        fullCase('c2', 'user-suzuki', { nextMonitoringDueOn: '2026-05-31' }),
        fullCase('c3', 'user-suzuki', { nextMonitoringDueOn: '2026-08-31' }),
      ],
      staff,
      '2026-05-10',
    );

    expect(row).toMatchObject({ userId: 'user-suzuki', open: 3, overdue: 1, dueSoon: 1 });
  });

  it('keeps a case whose specialist is not in the staff list, under their id', () => {
    const rows = loadPerSpecialist([fullCase('c1', 'user-gone')], [], '2026-05-10');

    expect(rows).toEqual([{ userId: 'user-gone', name: 'user-gone', open: 1, overdue: 0, dueSoon: 0 }]);
  });
});

describe('due list grouping', () => {
  const names: Record<string, string> = { 'user-suzuki': '鈴木 健一', 'user-tanaka': '田中 陽子' };
  const nameOf = (userId: string) => names[userId] ?? userId;
  const cases = [
    fullCase('c1', 'user-tanaka', { nextMonitoringDueOn: '2026-05-31' }),
    fullCase('c2', 'user-suzuki', { nextMonitoringDueOn: '2026-03-31' }),
    fullCase('c3', 'user-suzuki', { nextMonitoringDueOn: '2026-01-31' }),
  ];

  it("puts the caller's own list in one group, earliest due date first", () => {
    const groups = groupDueList(cases, 'mine', nameOf);

    expect(groups).toHaveLength(1);
    expect(groups[0]?.specialist).toBeNull();
    expect(groups[0]?.cases.map((item) => item.caseId)).toEqual(['c3', 'c2', 'c1']);
  });

  it('groups the office list by specialist, each group earliest first', () => {
    const groups = groupDueList(cases, 'office', nameOf);

    expect(groups.map((group) => [group.specialist?.name, group.cases.map((item) => item.caseId)])).toEqual([
      ['田中 陽子', ['c1']],
      ['鈴木 健一', ['c3', 'c2']],
    ]);
  });

  it('has no groups for an empty list', () => {
    expect(groupDueList([], 'mine', nameOf)).toEqual([]);
    expect(groupDueList([], 'office', nameOf)).toEqual([]);
  });
});
