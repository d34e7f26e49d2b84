import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLAN_PERIODS,
  PlanPeriod,
  PlanPeriodDefinition,
  defaultPlanPeriod,
  overlappingPeriod,
  planPeriodOf,
  withDefaultPeriods,
} from './plan-periods.ts';
import { IndicatorFigures, withIndicatorTraits } from './statistics-api.ts';

const definition = (periodId: 'p7' | 'p8', indicatorId: string) => {
  const found = defaultPlanPeriod(periodId).indicators.find((entry) => entry.indicatorId === indicatorId);
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
    const withTargets = DEFAULT_PLAN_PERIODS.flatMap((period) => period.indicators).filter(
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
      periodFiscalYears: [2024, 2025, 2026],
      definitionVersion: 0,
      indicators: [
        {
          indicatorId: 'self_plan_rate',
          achievementRate: null,
          direction: 'lower_is_better',
          aggregation: 'year_end_stock',
          pastYears: 'recounted',
          measure: { kind: 'self_plan_rate' },
          hasTarget: true,
        },
        {
          indicatorId: 'plan_consultation_users',
          achievementRate: 80,
          direction: 'higher_is_better',
          aggregation: 'monthly_flow',
          pastYears: 'recounted',
          measure: { kind: 'service_users', serviceKind: 'plan_consultation' },
          hasTarget: true,
        },
        { indicatorId: 'retired_indicator', achievementRate: 50 },
      ],
    });
  });

  it('leaves a snapshot that has them, and anything that is not figures, as it is', () => {
    const current = {
      periodId: 'p7',
      periodFiscalYears: [2024, 2025, 2026],
      definitionVersion: 2,
      indicators: [
        {
          indicatorId: 'self_plan_rate',
          direction: 'neutral',
          measure: { kind: 'self_plan_rate' },
          hasTarget: false,
        },
      ],
    };
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
      measure: { kind: 'service_users', serviceKind: 'plan_consultation' },
      hasTarget: true,
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

describe('indicator definitions are data per plan period (issue 14 point 6, ADR 0030)', () => {
  it('the defaults are valid definitions: 第7期 FY2024–26 and 第8期 FY2027–29', () => {
    for (const period of DEFAULT_PLAN_PERIODS) expect(PlanPeriod.parse(period)).toEqual(period);
    expect(DEFAULT_PLAN_PERIODS.map((period) => [period.label, period.fiscalYears])).toEqual([
      ['第7期', [2024, 2025, 2026]],
      ['第8期', [2027, 2028, 2029]],
    ]);
  });

  it('第8期 makes のぞまないセルフプラン an indicator of its own with a 見込量 of zero, to be lowered', () => {
    expect(definition('p7', 'unwanted_self_plans')).toMatchObject({ hasTarget: false, group: 'reference' });
    expect(definition('p7', 'unwanted_self_plans').defaultTarget).toBeUndefined();
    expect(definition('p8', 'unwanted_self_plans')).toMatchObject({
      hasTarget: true,
      defaultTarget: 0,
      direction: 'lower_is_better',
      group: 'consultation',
    });
  });

  const p7 = defaultPlanPeriod('p7');
  const { version: _version, publishedAt: _publishedAt, ...p7Definition } = p7;

  it('a published definition must be three consecutive years with each indicator once', () => {
    expect(PlanPeriodDefinition.safeParse(p7Definition).success).toBe(true);
    const gap = PlanPeriodDefinition.safeParse({ ...p7Definition, fiscalYears: [2024, 2026, 2027] });
    expect(gap.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['fiscalYears']);
    const twice = PlanPeriodDefinition.safeParse({
      ...p7Definition,
      indicators: [...p7Definition.indicators, p7Definition.indicators[0]],
    });
    expect(twice.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      `indicators.${p7Definition.indicators.length}.indicatorId`,
    ]);
  });

  it('a measure outside the closed set is refused: a new way of counting needs code, a new label does not', () => {
    const [first, ...rest] = p7Definition.indicators;
    const unknown = PlanPeriodDefinition.safeParse({
      ...p7Definition,
      indicators: [{ ...first, measure: { kind: 'typed_by_hand' } }, ...rest],
    });
    expect(unknown.success).toBe(false);
    const relabelled = PlanPeriodDefinition.safeParse({
      ...p7Definition,
      indicators: [{ ...first, label: '計画相談支援の利用者数（実人数）' }, ...rest],
    });
    expect(relabelled.success).toBe(true);
  });

  it('an indicator with a 見込量 needs a direction, and only such an indicator may carry a default 見込量', () => {
    const [first, ...rest] = p7Definition.indicators;
    const neutral = PlanPeriodDefinition.safeParse({
      ...p7Definition,
      indicators: [{ ...first, direction: 'neutral' }, ...rest],
    });
    expect(neutral.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['indicators.0.direction']);
    const withoutTarget = PlanPeriodDefinition.safeParse({
      ...p7Definition,
      indicators: [{ ...first, hasTarget: false, defaultTarget: 0 }, ...rest],
    });
    expect(withoutTarget.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'indicators.0.defaultTarget',
    ]);
  });

  it("a tenant reads its own definitions, and the product's default for a period it has none of", () => {
    const own: PlanPeriod = {
      ...p7,
      label: '第7期（改正後）',
      version: 2,
      publishedAt: '2026-04-01T00:00:00.000Z',
    };
    const periods = withDefaultPeriods([own]);
    expect(periods.map((period) => [period.periodId, period.version])).toEqual([
      ['p7', 2],
      ['p8', 0],
    ]);
    expect(planPeriodOf(periods, 2026)?.label).toBe('第7期（改正後）');
    expect(planPeriodOf(periods, 2027)?.label).toBe('第8期');
    expect(planPeriodOf(periods, 2023)).toBeNull();
  });

  it('periods may not share a fiscal year', () => {
    expect(overlappingPeriod(DEFAULT_PLAN_PERIODS, { periodId: 'p9', fiscalYears: [2029, 2030, 2031] })).toBe(
      '第8期',
    );
    expect(
      overlappingPeriod(DEFAULT_PLAN_PERIODS, { periodId: 'p9', fiscalYears: [2030, 2031, 2032] }),
    ).toBeNull();
    expect(
      overlappingPeriod(DEFAULT_PLAN_PERIODS, { periodId: 'p8', fiscalYears: [2027, 2028, 2029] }),
    ).toBeNull();
  });
});
