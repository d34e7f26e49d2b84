import { planPeriodById, type TargetsView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  checkTargets,
  periodFromQuery,
  targetFormValues,
  targetIndicators,
  targetInputName,
  targetLabelOf,
  toTargetsBody,
} from './targets-form.ts';

const period7 = planPeriodById('p7');
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
    expect(targetIndicators(planPeriodById('p8')).map((indicator) => indicator.indicatorId)).toContain(
      'unwanted_self_plans',
    );
  });

  it('opens on the period of this fiscal year, or the one in the address', () => {
    expect(periodFromQuery(null, '2026-11-23').periodId).toBe('p7');
    expect(periodFromQuery('p8', '2026-11-23').periodId).toBe('p8');
    expect(periodFromQuery('p9', '2027-05-01').periodId).toBe('p8');
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
