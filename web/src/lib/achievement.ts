import { achievementOf, type Achievement, type FigureKind, type IndicatorFigures } from '@kikan/shared';

/**
 * How an indicator's figure is printed and how far it is from its 見込量, for the statistics page
 * and the municipality's home summary alike. The judgement itself is shared/achievement.ts, the
 * same rule the CSV and the XLSX print.
 */

const integerFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });
const oneDecimalFormat = new Intl.NumberFormat('ja-JP', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A figure as the plan's table prints it: rates with one decimal, counts with separators, — for none. */
export const formatFigure = (value: number | null | undefined, figureKind: FigureKind): string => {
  if (value === null || value === undefined) return '—';
  return figureKind === 'count' ? integerFormat.format(value) : oneDecimalFormat.format(value);
};

/** 達成率 in % with one decimal. */
export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${oneDecimalFormat.format(rate)}%`;

type Judged = Pick<IndicatorFigures, 'direction' | 'total' | 'target' | 'figureKind'>;

/** The whole tenant's 実績 against its 見込量 (targets are the tenant's). */
export const achievementOfIndicator = (indicator: Judged): Achievement =>
  achievementOf(indicator.direction, indicator.total.value, indicator.target);

/**
 * What the 達成状況 column prints: the 達成率 of an indicator to raise, the signed distance of one
 * to lower (+5.0ポイント over a rate's 見込量, +2 over a count's), — when there is neither.
 */
export const formatAttainment = (indicator: Judged, achievement: Achievement): string => {
  if (indicator.direction !== 'lower_is_better') return formatRate(achievement.rate);
  if (achievement.gap === null) return '—';
  const sign = achievement.gap > 0 ? '+' : achievement.gap < 0 ? '−' : '±';
  const size = formatFigure(Math.abs(achievement.gap), indicator.figureKind);
  return `${sign}${size}${indicator.figureKind === 'rate' ? 'ポイント' : ''}`;
};
