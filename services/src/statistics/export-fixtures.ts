import {
  fiscalYearMonths,
  defaultPlanPeriod,
  type FiscalYearFigures,
  type IndicatorFigures,
} from '@kikan/shared';

/**
 * Hand-made figures of a joint core center (北信市 and 川辺町) three months into FY2025, for the
 * export's unit tests: small counts in 川辺町 where suppression has to act. Used by tests only.
 */
const MONTHS = fiscalYearMonths(2025);
const months = (values: readonly number[]): (number | null)[] =>
  MONTHS.map((_, index) => values[index] ?? null);
const none = () => MONTHS.map(() => null);

/** Direction, aggregation, past-year rule, measure and 見込量 rule as 第7期 defines the indicator. */
const traitsOf = (indicatorId: string) => {
  const definition = defaultPlanPeriod('p7').indicators.find((entry) => entry.indicatorId === indicatorId);
  if (!definition) throw new Error(`no 第7期 indicator ${indicatorId}`);
  const { direction, aggregation, pastYears, measure, hasTarget } = definition;
  return { direction, aggregation, pastYears, measure, hasTarget };
};

const indicator = (
  fields: Partial<IndicatorFigures> & Pick<IndicatorFigures, 'indicatorId'>,
): IndicatorFigures => ({
  group: 'consultation',
  label: fields.indicatorId,
  unit: '人',
  figureKind: 'count',
  ...traitsOf(fields.indicatorId),
  hasMonths: true,
  total: { value: null, months: none() },
  byMunicipality: [],
  byOffice: [],
  breakdown: [],
  target: null,
  achievementRate: null,
  ...fields,
});

export const jointFigures = (overrides: Partial<FiscalYearFigures> = {}): FiscalYearFigures => ({
  fiscalYear: 2025,
  periodId: 'p7',
  periodLabel: '第7期',
  periodFiscalYears: [2024, 2025, 2026],
  definitionVersion: 1,
  months: MONTHS,
  elapsedMonths: 3,
  computedAt: '2025-06-30T03:00:00.000Z',
  settings: { communityUserUnit: 'per_month', suppressionThreshold: 3 },
  municipalities: [
    { code: '990011', name: '北信市' },
    { code: '990012', name: '川辺町' },
  ],
  offices: [],
  indicators: [
    indicator({
      indicatorId: 'plan_consultation_users',
      label: '計画相談支援の利用者数',
      unit: '人/月',
      total: { value: 13.3, months: months([12, 13, 15]) },
      byMunicipality: [
        { municipalityCode: '990011', value: 11, months: months([10, 12, 11]) },
        { municipalityCode: '990012', value: 2.3, months: months([2, 1, 4]) },
      ],
      target: 20,
      achievementRate: 66.5,
    }),
    indicator({
      indicatorId: 'self_plan_rate',
      label: 'セルフプラン率',
      unit: '%',
      figureKind: 'rate',
      total: { value: 25, months: months([25, 30, 25]), numerator: 5, denominator: 20 },
      byMunicipality: [
        {
          municipalityCode: '990011',
          value: 20,
          months: months([20, 25, 20]),
          numerator: 3,
          denominator: 15,
        },
        { municipalityCode: '990012', value: 40, months: months([50, 50, 40]), numerator: 2, denominator: 5 },
      ],
      breakdown: [
        { key: 'person_wish', label: '本人の希望', value: 3 },
        { key: 'no_office_available', label: '受け入れ可能な事業所がない', value: 2 },
      ],
      target: 20,
      // Lower is better: over its 見込量, with no 達成率 (achievementOf).
      achievementRate: null,
    }),
    indicator({
      indicatorId: 'core_centers',
      group: 'core_center',
      label: '基幹相談支援センターの設置',
      unit: 'か所',
      hasMonths: false,
      total: { value: 1, months: none() },
      byMunicipality: [
        { municipalityCode: '990011', value: 1, months: none() },
        { municipalityCode: '990012', value: 0, months: none() },
      ],
      target: 1,
      achievementRate: 100,
    }),
    indicator({
      indicatorId: 'difficult_cases',
      group: 'reference',
      label: '困難事例の受付件数（類型別）',
      unit: '件',
      total: { value: 13, months: months([3, 4, 6]) },
      byMunicipality: [
        { municipalityCode: '990011', value: 12, months: months([3, 4, 5]) },
        { municipalityCode: '990012', value: 1, months: months([0, 0, 1]) },
      ],
      breakdown: [
        { key: 'abuse', label: '虐待', value: 6 },
        { key: 'poverty', label: '生活困窮', value: 2 },
        { key: 'hikikomori', label: 'ひきこもり', value: 5 },
      ],
    }),
    indicator({
      indicatorId: 'reaching_18_next_year',
      group: 'reference',
      label: '翌年度に18歳になる利用者数',
      hasMonths: false,
      total: { value: 4, months: none() },
      byMunicipality: [
        { municipalityCode: '990011', value: 2, months: none() },
        { municipalityCode: '990012', value: 2, months: none() },
      ],
    }),
    indicator({
      indicatorId: 'load_per_specialist',
      group: 'reference',
      label: '相談支援専門員1人あたりの担当件数',
      unit: '件/人',
      figureKind: 'ratio',
      hasMonths: false,
      total: { value: 20.5, months: none(), numerator: 41, denominator: 2 },
      byMunicipality: [
        { municipalityCode: '990011', value: 20.5, months: none(), numerator: 41, denominator: 2 },
        { municipalityCode: '990012', value: null, months: none(), numerator: 0, denominator: 0 },
      ],
    }),
  ],
  ...overrides,
});
