import { describe, expect, it } from 'vitest';
import { achievementOf, isBehindTarget } from './achievement.ts';

describe('achievement against the 見込量, by the direction the plan wants', () => {
  it('an indicator to raise reports actual ÷ 見込量 as its 達成率, with the 8割 band', () => {
    expect(achievementOf('higher_is_better', 12, 10)).toMatchObject({ rate: 120, level: 'met' });
    expect(achievementOf('higher_is_better', 8, 10)).toMatchObject({ rate: 80, level: 'near' });
    expect(achievementOf('higher_is_better', 7.9, 10)).toMatchObject({ rate: 79, level: 'short' });
  });

  it('セルフプラン率 at twice its 見込量 is over the 見込量, never 「達成率 200 %」', () => {
    const selfPlanRate = achievementOf('lower_is_better', 20, 10);
    expect(selfPlanRate).toEqual({ rate: null, gap: 10, level: 'over', text: '見込量を超過' });
    expect(isBehindTarget(selfPlanRate.level)).toBe(true);
  });

  it('an indicator to lower is within its 見込量 at or below it, whatever the distance', () => {
    expect(achievementOf('lower_is_better', 5, 10)).toMatchObject({ rate: null, gap: -5, level: 'within' });
    expect(achievementOf('lower_is_better', 10, 10).level).toBe('within');
  });

  it('第8期 のぞまないセルフプラン with its 見込量 of zero: none is within it, one is over', () => {
    expect(achievementOf('lower_is_better', 0, 0).level).toBe('within');
    expect(achievementOf('lower_is_better', 1, 0)).toMatchObject({ level: 'over', gap: 1 });
  });

  it('a 見込量 of zero to reach has no rate to divide by', () => {
    expect(achievementOf('higher_is_better', 3, 0)).toMatchObject({ rate: null, level: 'met' });
  });

  it('without a 見込量, an actual, or a direction there is nothing to judge', () => {
    expect(achievementOf('higher_is_better', null, 10).level).toBe('none');
    expect(achievementOf('higher_is_better', 10, null).level).toBe('none');
    expect(achievementOf('neutral', 10, 10)).toEqual({ rate: null, gap: null, level: 'none', text: '' });
  });
});
