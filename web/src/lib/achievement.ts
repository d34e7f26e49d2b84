import type { FigureKind } from '@kikan/shared';

/**
 * How an indicator's figure is printed and how far it is from its 見込量, for the statistics page
 * and the municipality's home summary alike.
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

/**
 * Indicators the plan wants to go down (DOMAIN.md: unwanted self-plans are what the guideline aims
 * at): reaching more than the 見込量 is the bad case for them, so the colour turns round.
 */
const LOWER_IS_BETTER = new Set(['self_plan_rate', 'unwanted_self_plans']);

export type AchievementLevel = 'met' | 'near' | 'short' | 'none';

/** Above 80% of the target counts as nearly there; the plan's evaluation sheets use the same band. */
const NEAR_THRESHOLD = 80;

export const achievementLevel = (indicatorId: string, rate: number | null): AchievementLevel => {
  if (rate === null) return 'none';
  if (LOWER_IS_BETTER.has(indicatorId)) return rate <= 100 ? 'met' : 'short';
  if (rate >= 100) return 'met';
  return rate >= NEAR_THRESHOLD ? 'near' : 'short';
};

/** Words beside the colour: colour alone tells nothing to a screen reader or a grey printout. */
export const achievementText = (indicatorId: string, level: AchievementLevel): string => {
  const lower = LOWER_IS_BETTER.has(indicatorId);
  switch (level) {
    case 'met':
      return lower ? '見込量以下' : '見込量に到達';
    case 'near':
      return '見込量の8割以上';
    case 'short':
      return lower ? '見込量を超過' : '見込量の8割未満';
    case 'none':
      return '';
  }
};
