import type { Office, User } from '@kikan/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Counters } from '../data/office-counters.ts';
import { dashboardOf, type DashboardSources } from './dashboard-figures.ts';

const office = (officeId: string, type: Office['type'] = 'plan_consultation'): Office => ({
  officeId,
  name: `${officeId}事業所`,
  type,
  operator: '社会福祉法人テスト会',
  municipalityCode: '990001',
});
const staff = (userId: string, officeId: string, role: User['role'], displayName: string): User => ({
  userId,
  tenantId: 'kibougaoka',
  email: `${userId}@example.jp`,
  displayName,
  role,
  officeId,
  senior: false,
});

const sources = (overrides: Partial<DashboardSources> = {}): DashboardSources => ({
  today: '2026-06-15',
  nearingUntil: '2026-12-15',
  offices: [
    office('aozora'),
    office('himawari', 'child_plan_consultation'),
    office('city', 'municipal_division'),
  ],
  users: [
    staff('user_suzuki1', 'aozora', 'specialist', '鈴木 健一'),
    staff('user_tanaka1', 'aozora', 'office_manager', '田中 陽子'),
    staff('user_ito0001', 'city', 'municipal_officer', '伊藤 直子'),
  ],
  counters: new Map<string, Counters>([
    [
      'aozora',
      {
        activeCases: 5,
        planCases: 4,
        withoutFinalPlan: 1,
        selfPlan: 1,
        'selfPlanReason#no_office_available': 1,
        'specialist#user_suzuki1': 4,
        'specialist#user_moved01': 1,
        'specialist#user_tanaka1': 0,
        openDifficult: 1,
        'difficultCategory#abuse': 1,
        'monitoringDue#2026-03-31': 0,
        'monitoringDue#2026-04-30': 1,
        'monitoringDue#2026-05-31': 1,
        'monitoringDue#2026-06-30': 1,
        'monitoringDue#2026-07-31': 2,
      },
    ],
    ['himawari', { activeCases: 2, planCases: 2, selfPlan: 1, 'specialist#user_sato01': 2 }],
  ]),
  milestones: [
    { officeId: 'aozora', caseId: 'case_0001', age: 65, reachesOn: '2026-07-01' },
    { officeId: 'himawari', caseId: 'case_0002', age: 18, reachesOn: '2026-08-01' },
    { officeId: 'himawari', caseId: 'case_0003', age: 18, reachesOn: '2026-09-01' },
  ],
  ...overrides,
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the dashboard from counters, due keys and milestones', () => {
  it('shows every office that holds cases, not the municipal division', () => {
    expect(dashboardOf(sources()).offices.map((row) => row.officeId)).toEqual(['aozora', 'himawari']);
  });

  it("fills an office's figures from its counters, its due counts and its milestones", () => {
    const [aozora] = dashboardOf(sources()).offices;
    expect(aozora).toMatchObject({
      name: 'aozora事業所',
      operator: '社会福祉法人テスト会',
      type: 'plan_consultation',
      activeCases: 5,
      monitoringOverdue: 2,
      monitoringDueThisMonth: 1,
      planCases: 4,
      withoutFinalPlan: 1,
      selfPlan: 1,
      selfPlanRate: 0.25,
      openDifficult: 1,
      nearing18: 0,
      nearing65: 1,
    });
    expect(aozora?.selfPlanByReason).toEqual({
      person_wish: 0,
      family_wish: 0,
      no_office_available: 1,
      office_suggested: 0,
      other: 0,
    });
    expect(aozora?.openDifficultByCategory.abuse).toBe(1);
    expect(aozora?.openDifficultByCategory.poverty).toBe(0);
  });

  it('splits the due days on the day of reading: before today overdue, today to month end due', () => {
    const dueOf = (today: string) => {
      const [aozora] = dashboardOf(sources({ today })).offices;
      return { overdue: aozora?.monitoringOverdue, dueThisMonth: aozora?.monitoringDueThisMonth };
    };
    expect(dueOf('2026-06-30')).toEqual({ overdue: 2, dueThisMonth: 1 });
    expect(dueOf('2026-07-01')).toEqual({ overdue: 3, dueThisMonth: 2 });
    expect(dueOf('2026-04-30')).toEqual({ overdue: 0, dueThisMonth: 1 });
  });

  it('lists load per specialist heaviest first, staff with no case too, a former holder by id', () => {
    const [aozora] = dashboardOf(sources()).offices;
    expect(aozora?.specialists).toEqual([
      { userId: 'user_suzuki1', displayName: '鈴木 健一', activeCases: 4 },
      { userId: 'user_moved01', displayName: 'user_moved01', activeCases: 1 },
      { userId: 'user_tanaka1', displayName: '田中 陽子', activeCases: 0 },
    ]);
  });

  it('shows an office never counted as zeros, with no self-plan rate', () => {
    const dashboard = dashboardOf(sources({ counters: new Map(), milestones: [] }));
    expect(dashboard.offices[0]).toMatchObject({ activeCases: 0, planCases: 0, selfPlanRate: null });
  });

  it('adds the offices up into tenant totals, the rate from the summed counts', () => {
    const { totals } = dashboardOf(sources());
    expect(totals).toMatchObject({
      activeCases: 7,
      monitoringOverdue: 2,
      planCases: 6,
      selfPlan: 2,
      selfPlanRate: 0.3333,
      nearing18: 2,
      nearing65: 1,
    });
    expect(totals.selfPlanByReason.no_office_available).toBe(1);
  });

  it('shows a counter below zero as zero instead of failing the page', () => {
    const dashboard = dashboardOf(sources({ counters: new Map([['aozora', { activeCases: -1 }]]) }));
    expect(dashboard.offices[0]?.activeCases).toBe(0);
  });
});
