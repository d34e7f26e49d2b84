import type { TransferToAdultRequest } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../data/case-store.ts';
import { adultCaseOf, transferOnRefusal, transferRefusal } from './transfer-to-adult.ts';

const child = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: 'case_child1',
  caseCode: 'K-ABCDEF',
  tenantId: 'kibougaoka',
  officeId: 'himawari',
  personId: 'person_7f3a9c',
  personName: '佐藤 花子',
  personKana: 'サトウ ハナコ',
  birthDate: '2008-11-23',
  specialistUserId: 'user_sato01',
  serviceKind: 'child_plan_consultation',
  planAuthor: 'self_plan',
  selfPlanReason: 'family_wish',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2020-04-01',
  sharedWithCore: false,
  decision: { validFrom: '2026-04-01', validTo: '2027-03-31', periodMonths: 3, intensiveStart: false },
  nextMonitoringDueOn: '2026-12-31',
  lastMonitoringOn: '2026-09-15',
  currentPlanVersion: 3,
  version: 7,
  createdAt: '2020-04-01T01:00:00.000Z',
  createdBy: 'user_sato01',
  updatedAt: '2026-09-15T01:00:00.000Z',
  updatedBy: 'user_sato01',
  ...overrides,
});

describe('when a child plan may move to an adult plan', () => {
  it('is refused before 17 years and 6 months, reached the day before the corresponding day (年齢計算ニ関スル法律)', () => {
    // Born 2008-11-23: 17 years and 6 months end on 2026-05-22, the day before 23 May.
    expect(transferRefusal(child(), '2026-05-21')).toBe('成人の計画相談支援への移行は17歳6か月から行えます');
  });

  it('is allowed from the day 17 years and 6 months are reached, and after 18', () => {
    expect(transferRefusal(child(), '2026-05-22')).toBeNull();
    expect(transferRefusal(child(), '2026-12-01')).toBeNull();
  });

  it('counts 17 years and 6 months of a 29 February birth to 28 August (民法143条)', () => {
    const leapling = child({ birthDate: '2008-02-29' });
    expect(transferRefusal(leapling, '2025-08-27')).not.toBeNull();
    expect(transferRefusal(leapling, '2025-08-28')).toBeNull();
  });

  it('counts 17 years and 6 months of a 1 March birth to 31 August, not from a clamped 28 February', () => {
    const born1March = child({ birthDate: '2008-03-01' });
    expect(transferRefusal(born1March, '2025-08-30')).not.toBeNull();
    expect(transferRefusal(born1March, '2025-08-31')).toBeNull();
  });

  it('applies to 障害児相談支援 cases only', () => {
    expect(transferRefusal(child({ serviceKind: 'plan_consultation' }), '2026-12-01')).toBe(
      '障害児相談支援のケースだけが計画相談支援へ移行できます',
    );
  });
});

describe('the adult case', () => {
  const request: TransferToAdultRequest = {
    transferOn: '2026-11-20',
    targetOfficeId: 'aozora',
    serviceKind: 'plan_consultation',
    monitoringPeriodMonths: 6,
    note: '',
  };
  const adult = adultCaseOf(child(), request, 'user_tanaka1', 'user_sato01', '2026-11-20T03:00:00.000Z');

  it('is the same person at the receiving office, starting at intake, linked back to the child case', () => {
    expect(adult).toMatchObject({
      personId: 'person_7f3a9c',
      personName: '佐藤 花子',
      birthDate: '2008-11-23',
      officeId: 'aozora',
      specialistUserId: 'user_tanaka1',
      serviceKind: 'plan_consultation',
      phase: 'intake',
      openedOn: '2026-11-20',
      monitoringPeriodMonths: 6,
      previousCaseId: 'case_child1',
      version: 1,
    });
    expect(adult.caseId).not.toBe('case_child1');
  });

  it("starts without the child case's decision, monitoring, plan or self-plan reason", () => {
    expect(adult.decision).toBeUndefined();
    expect(adult.nextMonitoringDueOn).toBeNull();
    expect(adult.lastMonitoringOn).toBeUndefined();
    expect(adult.currentPlanVersion).toBeUndefined();
    expect(adult.planAuthor).toBe('specialist');
    expect(adult.selfPlanReason).toBeUndefined();
  });
});

describe('the day of a transfer at 18 (the closing day of the child case)', () => {
  it('is between the opening of the child case and today', () => {
    expect(transferOnRefusal(child(), '2020-03-31', '2026-11-22')).toBe(
      '移行日はケース開始日から今日までの日付にしてください',
    );
    expect(transferOnRefusal(child(), '2026-11-23', '2026-11-22')).toBe(
      '移行日はケース開始日から今日までの日付にしてください',
    );
  });

  it('is not before the last record of the child case, which it names', () => {
    const recorded = child({ lastRecordOn: '2026-11-20' });
    expect(transferOnRefusal(recorded, '2026-11-19', '2026-11-22')).toBe(
      '移行日は最後の記録日（2026-11-20）以降にしてください',
    );
    expect(transferOnRefusal(recorded, '2026-11-20', '2026-11-22')).toBeNull();
  });
});
