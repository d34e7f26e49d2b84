import type { CaseFull } from '@kikan/shared';
import { mayActOnLegalHold, mayWriteCase } from '@kikan/shared/access-policy';
import { describe, expect, it } from 'vitest';
import { canClose, phaseButtons, transferToAdultDue } from './case-actions.ts';

const childCase: CaseFull = {
  visibility: 'full',
  caseId: 'case-000001',
  caseCode: 'K-0001',
  officeId: 'himawari',
  serviceKind: 'child_plan_consultation',
  planAuthor: 'specialist',
  phase: 'monitoring',
  monitoringPeriodMonths: 3,
  serviceUseStatus: 'using',
  openedOn: '2020-04-01',
  sharedWithCore: false,
  nextMonitoringDueOn: '2026-05-31',
  monitoringOverdue: false,
  version: 4,
  updatedAt: '2026-04-01T00:00:00.000Z',
  personId: 'person-0001',
  personName: '山田 太郎',
  personKana: 'ヤマダ タロウ',
  birthDate: '2008-09-15',
  specialistUserId: 'user-sato',
  createdAt: '2020-04-01T00:00:00.000Z',
};

describe('phase buttons', () => {
  it('offers only the next phase from intake, never a jump ahead', () => {
    expect(phaseButtons('intake').map((button) => button.to)).toEqual(['assessment']);
  });

  it('offers a plan review (back to planning) from monitoring, marked as a review', () => {
    expect(phaseButtons('monitoring')).toEqual([
      { to: 'planning', review: true, label: '計画を見直す（プランニングへ戻る）' },
    ]);
  });

  it('words a forward move with the Japanese phase name', () => {
    expect(phaseButtons('planning')).toEqual([
      { to: 'implementation', review: false, label: '支援の実施へ進む' },
    ]);
  });

  it('offers nothing on a closed case, and closing only on open ones', () => {
    expect(phaseButtons('closed')).toEqual([]);
    expect(canClose('closed')).toBe(false);
    expect(canClose('intake')).toBe(true);
  });
});

/** The case page decides with the shared rules the API applies (`@kikan/shared/access-policy`). */
describe('who may write to a case', () => {
  it("lets the office's own staff write, and nobody from another office", () => {
    expect(mayWriteCase({ role: 'specialist', officeId: 'himawari' }, childCase)).toBe(true);
    expect(mayWriteCase({ role: 'office_manager', officeId: 'aozora' }, childCase)).toBe(false);
    expect(mayWriteCase({ role: 'municipal_officer', officeId: 'himawari' }, childCase)).toBe(false);
  });

  it('offers a legal hold to the manager of the office holding the case only', () => {
    expect(mayActOnLegalHold({ role: 'office_manager', officeId: 'himawari' }, childCase, 'place')).toBe(
      true,
    );
    expect(mayActOnLegalHold({ role: 'office_manager', officeId: 'aozora' }, childCase, 'place')).toBe(false);
    expect(mayActOnLegalHold({ role: 'specialist', officeId: 'himawari' }, childCase, 'place')).toBe(false);
    expect(mayActOnLegalHold({ role: 'core_supervisor', officeId: 'himawari' }, childCase, 'place')).toBe(
      false,
    );
  });
});

describe('transfer to an adult plan', () => {
  it('is offered for a child plan when reaching 18 is within six months', () => {
    expect(transferToAdultDue(childCase, '2026-04-01')).toBe(true);
  });

  it('counts the six months to the day 18 is reached, the day before the 18th birthday (年齢計算ニ関スル法律)', () => {
    // Born 2008-09-15: 18 on 2026-09-14.
    expect(transferToAdultDue(childCase, '2026-03-13')).toBe(false);
    expect(transferToAdultDue(childCase, '2026-03-14')).toBe(true);
  });

  it('is not offered a year ahead, for adult plans, or on closed cases', () => {
    expect(transferToAdultDue(childCase, '2025-09-01')).toBe(false);
    expect(transferToAdultDue({ ...childCase, serviceKind: 'plan_consultation' }, '2026-04-01')).toBe(false);
    expect(transferToAdultDue({ ...childCase, phase: 'closed' }, '2026-04-01')).toBe(false);
  });

  it('stays offered after the birthday has passed', () => {
    expect(transferToAdultDue(childCase, '2026-10-01')).toBe(true);
  });
});
