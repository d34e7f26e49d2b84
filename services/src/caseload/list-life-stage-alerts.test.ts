import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../data/case-store.ts';
import { lifeStageAlertsOf } from './list-life-stage-alerts.ts';

const born = (caseId: string, birthDate: string, personKana = 'サトウ ハナコ'): CaseRecord => ({
  caseId,
  caseCode: 'K-ABCDEF',
  tenantId: 'kibougaoka',
  officeId: 'aozora',
  personId: `person_${caseId}`,
  personName: '佐藤 花子',
  personKana,
  birthDate,
  specialistUserId: 'user_suzuki1',
  serviceKind: 'plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 6,
  serviceUseStatus: 'using',
  openedOn: '2020-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: null,
  version: 1,
  createdAt: '2020-04-01T01:00:00.000Z',
  createdBy: 'user_suzuki1',
  updatedAt: '2020-04-01T01:00:00.000Z',
  updatedBy: 'user_suzuki1',
});

describe('life-stage alerts', () => {
  const today = '2026-11-22';

  it('lists people reaching 6, 18, 40 or 65 within six months, on the day before the birthday, with what changes', () => {
    const alerts = lifeStageAlertsOf(
      [born('case_65', '1962-01-10'), born('case_18', '2008-12-01'), born('case_30', '1996-05-01')],
      today,
    );
    expect(alerts.map(({ caseId, age, reachesOn }) => ({ caseId, age, reachesOn }))).toEqual([
      { caseId: 'case_18', age: 18, reachesOn: '2026-11-30' },
      { caseId: 'case_65', age: 65, reachesOn: '2027-01-09' },
    ]);
    expect(alerts[0]?.note).toBe('障害児支援利用計画からサービス等利用計画への移行');
    expect(alerts[1]?.note).toBe('介護保険優先の原則（介護保険サービスへの移行検討）');
  });

  it('includes an age reached today (birthday tomorrow) and on the last day of the horizon, not the day after', () => {
    const alerts = lifeStageAlertsOf(
      [born('case_today', '2020-11-23'), born('case_edge', '1987-05-23'), born('case_after', '1987-05-24')],
      today,
    );
    expect(alerts.map((alert) => alert.caseId)).toEqual(['case_today', 'case_edge']);
  });

  it('orders by the day the age is reached, nearest first', () => {
    const alerts = lifeStageAlertsOf(
      [born('case_later', '2021-04-01'), born('case_sooner', '1987-01-05')],
      today,
    );
    // 40 on 2027-01-04; 6 on 2027-03-31 (born 1 April).
    expect(alerts.map((alert) => alert.reachesOn)).toEqual(['2027-01-04', '2027-03-31']);
  });
});
