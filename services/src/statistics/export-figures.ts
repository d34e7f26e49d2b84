import {
  INDICATOR_AGGREGATION_LABELS,
  INDICATOR_DIRECTION_LABELS,
  SUPPRESSED_MARK,
  achievementOf,
  monthHeadings,
  type ExportUse,
  type FigureKind,
  type FigureSeries,
  type FiscalYearFigures,
  type IndicatorFigures,
  type IndicatorGroup,
  type PlanPeriodId,
  type Suppressed,
} from '@kikan/shared';
import { countsPeople, figureKey, hiddenForOutside, outsideThreshold, scopeKey } from './export-model.ts';

/** A figure as an export shows it: a number, nothing (a month not begun), or suppressed. */
export type ExportCell = number | null | Suppressed;

export const WHOLE_TENANT_LABEL = '全体';

export interface ExportSeries {
  /** 全体, or the member municipality's name. */
  scope: string;
  municipalityCode: string | null;
  value: ExportCell;
  months: ExportCell[];
  /** The scope's own 見込量 (a member municipality of a joint tenant sets its own). */
  target: number | null;
  achievementRate: ExportCell;
  /** 実績 − 見込量 and achievementOf in words: hidden with the scope's year figure. */
  targetGap: ExportCell;
  attainment: string;
}

export interface ExportIndicator {
  indicatorId: string;
  group: IndicatorGroup;
  label: string;
  unit: string;
  figureKind: FigureKind;
  /** 月平均 / 年度累計 / 年度末時点: what the year's figure is made of. */
  aggregationLabel: string;
  /** 高いほど良い / 低いほど良い / 参考値. */
  directionLabel: string;
  /** Lower is better: the file shows the distance to the 見込量, not a 達成率. */
  lowerIsBetter: boolean;
  hasMonths: boolean;
  /** The plan sets a 見込量 for it (a 見込量 row in the progress table). */
  hasTarget: boolean;
  target: number | null;
  achievementRate: ExportCell;
  /** 実績 − 見込量 (hidden with the whole). */
  targetGap: ExportCell;
  /** 見込量に到達, 見込量を超過…: achievementOf in words (hidden with the whole). */
  attainment: string;
  total: ExportSeries;
  byMunicipality: ExportSeries[];
  breakdown: { label: string; unit: string; value: ExportCell }[];
}

/** The figures of one fiscal year as every export lays them out, suppressed for outside use. */
export interface ExportFigures {
  fiscalYear: number;
  periodId: PlanPeriodId;
  periodLabel: string;
  months: string[];
  /** 4月 … 3月, the month under way marked 「（暫定）」 (its figures are the month so far). */
  monthHeadings: string[];
  use: ExportUse;
  threshold: number;
  indicators: ExportIndicator[];
}

const municipalityName = (figures: FiscalYearFigures, code: string) =>
  figures.municipalities.find((municipality) => municipality.code === code)?.name ?? code;

const definitionOf = (indicator: IndicatorFigures) => ({
  indicatorId: indicator.indicatorId,
  group: indicator.group,
  label: indicator.label,
  unit: indicator.unit,
  figureKind: indicator.figureKind,
  aggregationLabel: INDICATOR_AGGREGATION_LABELS[indicator.aggregation],
  directionLabel: INDICATOR_DIRECTION_LABELS[indicator.direction],
  lowerIsBetter: indicator.direction === 'lower_is_better',
  hasMonths: indicator.hasMonths,
  hasTarget: indicator.hasTarget ?? indicator.target !== null,
  target: indicator.target,
});

/** Self-plan reasons under a rate are people; a count's parts keep its unit. */
const breakdownUnit = (indicator: IndicatorFigures): string =>
  indicator.figureKind === 'count' ? indicator.unit : '人';

/** Which figures a file shows as "*": none inside the tenant. */
type Shown = (key: string, value: number | null) => ExportCell;

const seriesOf = (
  indicator: IndicatorFigures,
  figures: FiscalYearFigures,
  series: FigureSeries & { target?: number | null; achievementRate?: number | null },
  municipalityCode: string | null,
  shown: Shown,
  hideMonths: boolean,
): ExportSeries => {
  const scope = scopeKey(municipalityCode);
  const value = shown(figureKey.year(indicator.indicatorId, scope), series.value);
  const target = series.target ?? null;
  // The distance to a public 見込量 gives the scope's figure back: it shows only where that does.
  const achievement = achievementOf(indicator.direction, series.value, target);
  const hidden = value === SUPPRESSED_MARK;
  return {
    scope: municipalityCode === null ? WHOLE_TENANT_LABEL : municipalityName(figures, municipalityCode),
    municipalityCode,
    value,
    target,
    achievementRate: shown(
      figureKey.achievement(indicator.indicatorId, scope),
      series.achievementRate ?? null,
    ),
    targetGap: hidden ? SUPPRESSED_MARK : achievement.gap,
    attainment: hidden ? SUPPRESSED_MARK : achievement.text,
    months: series.months.map((value, index) =>
      // A monthly rate carries no counts of its own, so outside use cannot tell 1 of 2 from 50 of
      // 100 there and hides it.
      hideMonths && value !== null
        ? SUPPRESSED_MARK
        : shown(figureKey.month(indicator.indicatorId, scope, figures.months[index] ?? ''), value),
    ),
  };
};

const indicatorOf = (
  indicator: IndicatorFigures,
  figures: FiscalYearFigures,
  shown: Shown,
  hideMonthlyRates: boolean,
): ExportIndicator => {
  const hideMonths = hideMonthlyRates && indicator.figureKind !== 'count';
  const total = seriesOf(
    indicator,
    figures,
    { ...indicator.total, target: indicator.target, achievementRate: indicator.achievementRate },
    null,
    shown,
    hideMonths,
  );
  // The distance to a public 見込量 gives the whole back: it shows only where the whole does.
  const achievement = achievementOf(indicator.direction, indicator.total.value, indicator.target);
  const wholeHidden = total.value === SUPPRESSED_MARK;
  return {
    ...definitionOf(indicator),
    achievementRate: shown(figureKey.achievement(indicator.indicatorId), indicator.achievementRate),
    targetGap: wholeHidden ? SUPPRESSED_MARK : achievement.gap,
    attainment: wholeHidden ? SUPPRESSED_MARK : achievement.text,
    total,
    byMunicipality: indicator.byMunicipality.map((series) =>
      seriesOf(indicator, figures, series, series.municipalityCode, shown, hideMonths),
    ),
    breakdown: indicator.breakdown.map(({ key, label, value }) => ({
      label,
      unit: breakdownUnit(indicator),
      value: shown(figureKey.part(indicator.indicatorId, key), value),
    })),
  };
};

/**
 * The figures for an export. Internal use shows them as computed; outside use (council papers, a
 * published plan) suppresses small counts of people and every figure that would give one back
 * (ADR 0013). `versions` are the versions of the fiscal year that can be published, oldest first,
 * `figures` among them: outside files of any two of them cannot be subtracted to find a hidden one.
 */
export const exportFigures = (
  figures: FiscalYearFigures,
  use: ExportUse,
  versions: readonly FiscalYearFigures[] = [figures],
): ExportFigures => {
  const hidden = use === 'outside' ? hiddenForOutside(figures, versions) : new Set<string>();
  const shown: Shown = (key, value) => (value !== null && hidden.has(key) ? SUPPRESSED_MARK : value);
  return {
    fiscalYear: figures.fiscalYear,
    periodId: figures.periodId,
    periodLabel: figures.periodLabel,
    months: figures.months,
    monthHeadings: monthHeadings(figures),
    use,
    threshold:
      use === 'outside' ? outsideThreshold([...versions, figures]) : figures.settings.suppressionThreshold,
    indicators: figures.indicators.map((indicator) =>
      indicatorOf(indicator, figures, shown, use === 'outside' && countsPeople(indicator)),
    ),
  };
};
