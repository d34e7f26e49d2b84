import type { WeeklyEntry } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { entryText, layOutDay, weeklyGrid, yenLabel } from './weekly-sheet.ts';

const entry = (
  start: string,
  end: string,
  label: string,
  overrides: Partial<WeeklyEntry> = {},
): WeeklyEntry => ({
  day: 'mon',
  start,
  end,
  label,
  kind: 'service',
  ...overrides,
});

describe('the week grid of the 週間計画表', () => {
  it('runs from 6:00 to 24:00 with a line per hour, days Monday to Sunday', () => {
    const grid = weeklyGrid([]);
    expect(grid.startMinutes).toBe(360);
    expect(grid.hours).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(grid.days.map((day) => day.label)).toEqual(['月', '火', '水', '木', '金', '土', '日']);
  });

  it('starts earlier when an entry starts before 6:00, at its whole hour', () => {
    expect(weeklyGrid([entry('04:30', '05:30', '新聞配達')]).startMinutes).toBe(240);
  });

  it('places an entry by its times: 9:00–15:00 of 6:00–24:00 is from 1/6 for 1/3 of the height', () => {
    const [placed] = weeklyGrid([entry('09:00', '15:00', '作業所')]).days[0]?.entries ?? [];
    expect(placed).toMatchObject({ top: 16.667, height: 33.333, left: 0, width: 100 });
    expect(placed?.text).toBe('9:00〜15:00 作業所（サービス）');
  });

  it('puts entries on their own day only', () => {
    const grid = weeklyGrid([entry('09:00', '10:00', 'a', { day: 'sun' })]);
    expect(grid.days.map((day) => day.entries.length)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });
});

describe('overlapping entries on one day', () => {
  it('sit side by side; an entry that overlaps none keeps the full width', () => {
    const laid = layOutDay([
      entry('09:00', '15:00', '作業所'),
      entry('10:00', '11:00', '散歩', { kind: 'own_activity' }),
      entry('16:00', '17:00', '買い物', { kind: 'own_activity' }),
    ]);
    expect(laid.map(({ entry: { label }, lane, lanes }) => [label, lane, lanes])).toEqual([
      ['作業所', 0, 2],
      ['散歩', 1, 2],
      ['買い物', 0, 1],
    ]);
  });

  it('reuse a lane freed before the next entry starts (touching is not overlapping)', () => {
    const laid = layOutDay([
      entry('09:00', '12:00', 'a'),
      entry('10:00', '11:00', 'b'),
      entry('11:00', '12:00', 'c'),
      entry('12:00', '13:00', 'd'),
    ]);
    expect(laid.map(({ entry: { label }, lane, lanes }) => [label, lane, lanes])).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 1, 2],
      ['d', 0, 1],
    ]);
  });
});

describe('texts of the sheet', () => {
  it('says which kind an entry is in words, not by colour alone', () => {
    expect(entryText(entry('18:00', '24:00', '自宅で過ごす', { kind: 'own_activity' }))).toBe(
      '18:00〜24:00 自宅で過ごす（本人の活動）',
    );
  });

  it('prints 利用者負担上限額 in yen, 0 as 0円 and a dash when not recorded', () => {
    expect(yenLabel(37_200)).toBe('37,200円');
    expect(yenLabel(0)).toBe('0円');
    expect(yenLabel(undefined)).toBe('—');
  });
});
