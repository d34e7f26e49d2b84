import type { ExportCell, ExportFigures, ExportIndicator, ExportSeries } from './export-figures.ts';

const cell = (value: ExportCell): string | number => (value === null ? '' : value);

/**
 * One row per indicator and scope (全体, then each member municipality), then the breakdown of the
 * whole: the layout a municipality pastes into its own tables. Targets are set for the whole
 * tenant, so only the 全体 row has 見込量 and 達成率.
 */
export const figuresCsvRows = (figures: ExportFigures): (string | number)[][] => {
  const seriesRow = (indicator: ExportIndicator, series: ExportSeries, withTarget: boolean) => [
    series.scope,
    indicator.label,
    indicator.unit,
    withTarget ? cell(indicator.target) : '',
    cell(series.value),
    withTarget ? cell(indicator.achievementRate) : '',
    ...series.months.map(cell),
  ];
  return [
    ['区分', '指標', '単位', '見込量', '実績', '達成率', ...figures.monthHeadings],
    ...figures.indicators.flatMap((indicator) => [
      seriesRow(indicator, indicator.total, true),
      ...indicator.byMunicipality.map((series) => seriesRow(indicator, series, false)),
      ...indicator.breakdown.map((part) => [
        indicator.total.scope,
        `${indicator.label}\u3000うち${part.label}`,
        part.unit,
        '',
        cell(part.value),
        '',
        ...figures.months.map(() => ''),
      ]),
    ]),
  ];
};
