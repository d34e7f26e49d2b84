import {
  INDICATOR_AGGREGATION_LABELS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_GROUP_LABELS,
  PAST_YEAR_RULE_LABELS,
  formatJapaneseEraDate,
  type IndicatorDefinition,
  type PlanPeriod,
} from '@kikan/shared';
import { japanDateOfTimestamp } from '#lib/dates.ts';

/** One row of a period's definitions table, every cell as the municipality reads it. */
export interface DefinitionRow {
  indicatorId: string;
  group: string;
  label: string;
  unit: string;
  direction: string;
  aggregation: string;
  pastYears: string;
  target: string;
}

/** Whether the municipality sets a 見込量, and what a year it leaves blank counts as. */
export const targetRuleOf = (indicator: IndicatorDefinition): string => {
  if (!indicator.hasTarget) return 'なし（参考値）';
  return indicator.defaultTarget === undefined
    ? '市町村が設定'
    : `市町村が設定（未設定の年度は${indicator.defaultTarget}）`;
};

export const definitionRows = (period: PlanPeriod): DefinitionRow[] =>
  period.indicators.map((indicator) => ({
    indicatorId: indicator.indicatorId,
    group: INDICATOR_GROUP_LABELS[indicator.group],
    label: indicator.label,
    unit: indicator.unit,
    direction: INDICATOR_DIRECTION_LABELS[indicator.direction],
    aggregation: INDICATOR_AGGREGATION_LABELS[indicator.aggregation],
    pastYears: PAST_YEAR_RULE_LABELS[indicator.pastYears],
    target: targetRuleOf(indicator),
  }));

/**
 * Which version of the definitions the tenant has: published ones with their day, the one seeded
 * with the tenant, or the product's default for a period the tenant has none stored of.
 */
export const versionLabelOf = (period: PlanPeriod): string => {
  if (period.version === 0) return '製品の既定の定義（この自治体用には未登録）';
  if (!period.publishedAt) return `第${period.version}版（利用開始時の定義）`;
  return `第${period.version}版（${formatJapaneseEraDate(japanDateOfTimestamp(period.publishedAt))}公開）`;
};
