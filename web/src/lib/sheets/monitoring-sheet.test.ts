import type { GoalProgressRecord } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { formatJapaneseEraMonth, goalRowsInOrder, planChangeMark } from './monitoring-sheet.ts';

const row = (overrides: Partial<GoalProgressRecord> = {}): GoalProgressRecord => ({
  goal: '通所を続ける',
  progress: '週3回',
  achieved: 'partly',
  ...overrides,
});

describe('the monitoring sheet', () => {
  it('writes the next monitoring month in 令和', () => {
    expect(formatJapaneseEraMonth('2026-06')).toBe('令和8年6月');
    expect(formatJapaneseEraMonth('2026-11')).toBe('令和8年11月');
  });

  it('marks each plan change 有 or 無, and a dash on a row recorded before it was asked', () => {
    const answered = row({ changeServiceKind: true, changeServiceAmount: false });

    expect(planChangeMark(answered, 'changeServiceKind')).toBe('有');
    expect(planChangeMark(answered, 'changeServiceAmount')).toBe('無');
    expect(planChangeMark(row(), 'changeWeeklySchedule')).toBe('—');
  });

  it("lists rows in the plan's priority order, rows without a priority after, as recorded", () => {
    const rows = [
      row({ goal: '入力した目標' }),
      row({ goal: '二番目', priority: 2 }),
      row({ goal: '一番目', priority: 1 }),
      row({ goal: '入力した目標2' }),
    ];

    expect(goalRowsInOrder(rows).map((item) => item.goal)).toEqual([
      '一番目',
      '二番目',
      '入力した目標',
      '入力した目標2',
    ]);
  });
});
