import { DEFAULT_PLAN_PERIODS, defaultPlanPeriod, type TargetsView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  checkTargets,
  periodFromQuery,
  targetFormValues,
  targetIndicators,
  targetInputName,
  targetLabelOf,
  targetScopeFromQuery,
  toTargetsBody,
} from './targets-form.ts';

const period7 = defaultPlanPeriod('p7');
const view: TargetsView = {
  periodId: 'p7',
  targets: { plan_consultation_users: { '2024': 120, '2026': 140.5 } },
  byMunicipality: {},
  version: 2,
  updatedAt: '2026-05-01T00:00:00.000Z',
  updatedBy: 'user-ito',
};

describe('the 見込量 form', () => {
  it('has a row for each indicator with a target, and none for the reference figures', () => {
    const ids = targetIndicators(period7).map((indicator) => indicator.indicatorId);
    expect(ids).toContain('plan_consultation_users');
    expect(ids).not.toContain('unwanted_self_plans');
    expect(targetIndicators(defaultPlanPeriod('p8')).map((indicator) => indicator.indicatorId)).toContain(
      'unwanted_self_plans',
    );
  });

  it('opens on the period of this fiscal year, or the one in the address', () => {
    expect(periodFromQuery(null, '2026-11-23', DEFAULT_PLAN_PERIODS)?.periodId).toBe('p7');
    expect(periodFromQuery('p8', '2026-11-23', DEFAULT_PLAN_PERIODS)?.periodId).toBe('p8');
    expect(periodFromQuery('p9', '2027-05-01', DEFAULT_PLAN_PERIODS)?.periodId).toBe('p8');
    // After the last defined period: the last one, until the next is published.
    expect(periodFromQuery(null, '2031-05-01', DEFAULT_PLAN_PERIODS)?.periodId).toBe('p8');
    expect(periodFromQuery(null, '2026-11-23', [])).toBeNull();
  });

  it('fills the cells from the saved targets, blank where none is set', () => {
    const values = targetFormValues(view, period7);
    expect(values.plan_consultation_users).toEqual({ '2024': '120', '2025': '', '2026': '140.5' });
    expect(values.core_centers).toEqual({ '2024': '', '2025': '', '2026': '' });
  });

  it('sends every cell of the period: numbers, full-width digits read, blanks as null to clear', () => {
    const values = targetFormValues(view, period7);
    values.plan_consultation_users = { '2024': '１，２００', '2025': ' 15 ', '2026': '' };
    const body = toTargetsBody(values, period7);
    expect(body.targets.plan_consultation_users).toEqual({ '2024': 1200, '2025': 15, '2026': null });
    expect(Object.keys(body.targets)).toHaveLength(targetIndicators(period7).length);
  });

  it('puts the schema’s message on the very cell that is wrong', () => {
    const values = targetFormValues(view, period7);
    values.core_centers = { '2024': 'たくさん', '2025': '-1', '2026': '1' };
    const check = checkTargets(values, period7);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual({
      [targetInputName('core_centers', 2024)]: '見込量は数値で入力してください',
      [targetInputName('core_centers', 2025)]: '見込量は0以上で入力してください',
    });
  });

  it('names a cell in the summary by indicator and 令和 year', () => {
    expect(targetLabelOf(targetInputName('core_centers', 2025), period7)).toBe(
      '基幹相談支援センターの設置（令和7年度）',
    );
  });
});

describe('the 見込量 form of a joint tenant (共同設置, issue 14 point 9)', () => {
  const MEMBERS = [
    { code: '990011', name: '北信市' },
    { code: '990012', name: '川辺町' },
  ];
  const joint: TargetsView = {
    ...view,
    byMunicipality: { '990012': { plan_consultation_users: { '2025': 30 } } },
  };

  it('offers a member municipality only to a joint tenant, 全体 otherwise', () => {
    expect(targetScopeFromQuery('990012', MEMBERS)).toBe('990012');
    expect(targetScopeFromQuery('131016', MEMBERS)).toBeNull();
    expect(targetScopeFromQuery(null, MEMBERS)).toBeNull();
    expect(targetScopeFromQuery('990001', [{ code: '990001' }])).toBeNull();
  });

  it("fills the table with the chosen municipality's own 見込量, not the whole's", () => {
    const values = targetFormValues(joint, period7, '990012');
    expect(values.plan_consultation_users).toEqual({ '2024': '', '2025': '30', '2026': '' });
    expect(targetFormValues(joint, period7, '990011').plan_consultation_users?.['2024']).toBe('');
    expect(targetFormValues(joint, period7).plan_consultation_users?.['2024']).toBe('120');
  });

  it("sends the table as the municipality's, leaving the whole's untouched", () => {
    const values = targetFormValues(joint, period7, '990012');
    const body = toTargetsBody(values, period7, '990012');
    expect(body.targets).toEqual({});
    expect(body.byMunicipality?.['990012']?.plan_consultation_users).toEqual({
      '2024': null,
      '2025': 30,
      '2026': null,
    });
  });

  it("puts the schema's message on the municipality table's cell", () => {
    const values = targetFormValues(joint, period7, '990012');
    const check = checkTargets(
      { ...values, plan_consultation_users: { ...values.plan_consultation_users, '2025': '-1' } },
      period7,
      '990012',
    );
    expect(check).toEqual({
      ok: false,
      errors: { [targetInputName('plan_consultation_users', 2025)]: '見込量は0以上で入力してください' },
    });
  });
});
