import type { ExportCell, ExportFigures, ExportIndicator, ExportSeries } from './export-figures.ts';
import { figuresTitle } from './export-names.ts';

const cell = (value: ExportCell): string | number => (value === null ? '' : value);

/**
 * First what the file is — title with the fiscal year and plan period, where the figures come
 * from (as of which day, or which approved version), internal or outside use, a month still under
 * way — then one row per indicator and scope (全体, then each member municipality when there are
 * two or more), then the breakdown of the whole: the layout a municipality pastes into its own
 * tables. Each row has its scope's own 見込量, 達成率 and 達成状況 (a member municipality of a joint
 * tenant sets its own); an indicator to lower has no 達成率: its 達成状況 says whether it is within
 * its 見込量. Every row has as many columns as the header.
 */
export const figuresCsvRows = (figures: ExportFigures, sourceLabel: string): (string | number)[][] => {
  const seriesRow = (
    indicator: ExportIndicator,
    series: ExportSeries,
    achievement: Pick<ExportSeries, 'target' | 'achievementRate' | 'attainment'>,
  ) => [
    series.scope,
    indicator.label,
    indicator.unit,
    indicator.aggregationLabel,
    indicator.directionLabel,
    cell(achievement.target),
    cell(series.value),
    cell(achievement.achievementRate),
    achievement.attainment,
    ...series.months.map(cell),
  ];
  // A municipality without a 見込量 of its own leaves the three cells empty.
  const ownAchievement = (series: ExportSeries) =>
    series.target === null ? { target: null, achievementRate: null, attainment: '' } : series;
  const header = [
    '区分',
    '指標',
    '単位',
    '集計方法',
    '評価の向き',
    '見込量',
    '実績',
    '達成率',
    '達成状況',
    ...figures.monthHeadings,
  ];
  const provisional = figures.monthHeadings.find((heading) => heading.endsWith('（暫定）'));
  const about: (string | number)[][] = [
    [figuresTitle(figures.fiscalYear, figures.periodLabel)],
    ['数値', sourceLabel],
    ['用途', figures.use === 'outside' ? '外部公表用（少ない件数は「*」で秘匿）' : '庁内用'],
    ...(provisional
      ? [
          [
            '注',
            `${provisional.replace('（暫定）', '')}は月の途中のため暫定値です（年度の平均・率には含めていません）`,
          ],
        ]
      : []),
    [],
  ];
  // One member municipality: its rows would repeat the 全体 rows.
  const members = (indicator: ExportIndicator) =>
    indicator.byMunicipality.length > 1 ? indicator.byMunicipality : [];
  const pad = (row: (string | number)[]) => [...row, ...Array<string>(header.length - row.length).fill('')];
  return [
    ...about.map(pad),
    header,
    ...figures.indicators.flatMap((indicator) => [
      seriesRow(indicator, indicator.total, indicator),
      ...members(indicator).map((series) => seriesRow(indicator, series, ownAchievement(series))),
      ...indicator.breakdown.map((part) => [
        indicator.total.scope,
        `${indicator.label}\u3000うち${part.label}`,
        part.unit,
        indicator.aggregationLabel,
        '',
        '',
        cell(part.value),
        '',
        '',
        ...figures.months.map(() => ''),
      ]),
    ]),
  ];
};
