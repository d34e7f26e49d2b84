import type { IndicatorDirection } from './plan-periods.ts';

/**
 * How far a year's figure is from its 見込量, by the way the plan wants the indicator to move. One
 * rule for the statistics page, the municipality's home, the CSV and the XLSX, so that a figure
 * that should go down never reads as 「達成率 200 %」 in one of them.
 */

/** Above 80 % of the 見込量 counts as nearly there; the plan's evaluation sheets use the same band. */
export const NEAR_ACHIEVEMENT_PERCENT = 80;

/**
 * met / near / short: against a 見込量 to reach (higher is better); within / over: against a
 * ceiling (lower is better); none: no 見込量, no actual yet, or a reference figure.
 */
export type AchievementLevel = 'met' | 'near' | 'short' | 'within' | 'over' | 'none';

export interface Achievement {
  /** 達成率: actual ÷ 見込量 in %, one decimal; only for an indicator to raise, with a 見込量 above 0. */
  rate: number | null;
  /** Actual − 見込量, one decimal: what an indicator to lower is judged by. */
  gap: number | null;
  level: AchievementLevel;
  /** The level in words, for beside a colour (a screen reader and a grey printout see no colour). */
  text: string;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

export const ACHIEVEMENT_TEXTS: Record<AchievementLevel, string> = {
  met: '見込量に到達',
  near: '見込量の8割以上',
  short: '見込量の8割未満',
  within: '見込量以下',
  over: '見込量を超過',
  none: '',
};

const of = (level: AchievementLevel, rate: number | null, gap: number | null): Achievement => ({
  rate,
  gap,
  level,
  text: ACHIEVEMENT_TEXTS[level],
});

export const achievementOf = (
  direction: IndicatorDirection,
  actual: number | null,
  target: number | null,
): Achievement => {
  if (actual === null || target === null || direction === 'neutral') return of('none', null, null);
  const gap = round1(actual - target);
  if (direction === 'lower_is_better') return of(actual <= target ? 'within' : 'over', null, gap);
  // A 見込量 of 0 to reach is met by anything; there is no rate to show against it.
  if (target === 0) return of('met', null, gap);
  const rate = round1((actual / target) * 100);
  if (rate >= 100) return of('met', rate, gap);
  return of(rate >= NEAR_ACHIEVEMENT_PERCENT ? 'near' : 'short', rate, gap);
};

/** Levels that call for the municipality's attention on its home page and in the evaluation. */
export const isBehindTarget = (level: AchievementLevel): boolean => level === 'short' || level === 'over';
