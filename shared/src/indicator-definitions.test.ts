import { describe, expect, it } from 'vitest';
import { IndicatorFigures, PLAN_PERIODS, planPeriodById, withIndicatorTraits } from './statistics-api.ts';

const definition = (periodId: 'p7' | 'p8', indicatorId: string) => {
  const found = planPeriodById(periodId).indicators.find((entry) => entry.indicatorId === indicatorId);
  if (!found) throw new Error(`no ${indicatorId} in ${periodId}`);
  return found;
};

describe('each indicator says which way it should move, what its year is made of, and how past years are computed', () => {
  it('セルフプラン率 and のぞまないセルフプラン should go down; service use, centres and sessions should go up', () => {
    expect(definition('p7', 'self_plan_rate').direction).toBe('lower_is_better');
    expect(definition('p8', 'unwanted_self_plans').direction).toBe('lower_is_better');
    expect(definition('p7', 'plan_consultation_users').direction).toBe('higher_is_better');
    expect(definition('p7', 'council_case_reviews').direction).toBe('higher_is_better');
  });

  it('users per month are a flow per month, sessions a flow per year, 専門部会の設置数 and 主任 a stock at year end', () => {
    expect(definition('p7', 'plan_consultation_users').aggregation).toBe('monthly_flow');
    expect(definition('p7', 'subcommittee_sessions').aggregation).toBe('yearly_flow');
    expect(definition('p7', 'subcommittees').aggregation).toBe('year_end_stock');
    expect(definition('p7', 'senior_specialists').aggregation).toBe('year_end_stock');
  });

  it('相談支援専門員1人あたり exists only as of today, so a past year is not computed from it', () => {
    expect(definition('p7', 'load_per_specialist').pastYears).toBe('not_kept');
    expect(definition('p7', 'plan_consultation_users').pastYears).toBe('recounted');
  });

  it('every indicator with a 見込量 has a direction to judge it by', () => {
    const withTargets = PLAN_PERIODS.flatMap((period) => period.indicators).filter(
      (entry) => entry.hasTarget,
    );
    expect(withTargets.length).toBeGreaterThan(10);
    expect(withTargets.filter((entry) => entry.direction === 'neutral')).toEqual([]);
  });
});

describe('a snapshot frozen before indicators carried their traits', () => {
  const frozen = {
    periodId: 'p7',
    indicators: [
      { indicatorId: 'self_plan_rate', achievementRate: 200 },
      { indicatorId: 'plan_consultation_users', achievementRate: 80 },
      { indicatorId: 'retired_indicator', achievementRate: 50 },
    ],
  };

  it('gets them from its plan period, and an indicator to lower loses the 達成率 it was frozen with', () => {
    expect(withIndicatorTraits(frozen)).toEqual({
      periodId: 'p7',
      indicators: [
        {
          indicatorId: 'self_plan_rate',
          achievementRate: null,
          direction: 'lower_is_better',
          aggregation: 'year_end_stock',
          pastYears: 'recounted',
        },
        {
          indicatorId: 'plan_consultation_users',
          achievementRate: 80,
          direction: 'higher_is_better',
          aggregation: 'monthly_flow',
          pastYears: 'recounted',
        },
        { indicatorId: 'retired_indicator', achievementRate: 50 },
      ],
    });
  });

  it('leaves a snapshot that has them, and anything that is not figures, as it is', () => {
    const current = { periodId: 'p7', indicators: [{ indicatorId: 'self_plan_rate', direction: 'neutral' }] };
    expect(withIndicatorTraits(current)).toEqual(current);
    expect(withIndicatorTraits(null)).toBeNull();
    expect(withIndicatorTraits({ periodId: 'p9', indicators: [] })).toEqual({
      periodId: 'p9',
      indicators: [],
    });
  });
});

describe('a municipality series frozen before member municipalities had 見込量', () => {
  it('still parses, without a target or 達成率 of its own', () => {
    const months = Array.from({ length: 12 }, () => null);
    const frozen = {
      indicatorId: 'plan_consultation_users',
      group: 'consultation',
      label: '計画相談支援の利用者数',
      unit: '人/月',
      figureKind: 'count',
      direction: 'higher_is_better',
      aggregation: 'monthly_flow',
      pastYears: 'recounted',
      hasMonths: true,
      total: { value: 3, months },
      byMunicipality: [{ municipalityCode: '990011', value: 3, months }],
      byOffice: [],
      breakdown: [],
      target: 4,
      achievementRate: 75,
    };
    const parsed = IndicatorFigures.parse(frozen);
    expect(parsed.byMunicipality[0]?.target).toBeUndefined();
    expect(
      IndicatorFigures.safeParse({
        ...frozen,
        byMunicipality: [{ municipalityCode: '990011', value: 3, months, target: 4, achievementRate: 75 }],
      }).success,
    ).toBe(true);
  });
});
