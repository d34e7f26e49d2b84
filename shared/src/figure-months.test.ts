import { describe, expect, it } from 'vitest';
import { completeMonthsOf, monthHeadings, provisionalMonthIndex } from './statistics-api.ts';

const MONTHS = [
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
  '2026-12',
  '2027-01',
  '2027-02',
  '2027-03',
];

describe('the month under way is provisional (暫定): shown as such, counted in no average or rate', () => {
  it('marks the month under way in the headings of the page, the CSV and the XLSX', () => {
    const december = { months: MONTHS, elapsedMonths: 9, completeMonths: 8 };
    expect(provisionalMonthIndex(december)).toBe(8);
    expect(monthHeadings(december).slice(7, 10)).toEqual(['11月', '12月（暫定）', '1月']);
  });

  it('has no provisional month in a year that has ended', () => {
    const ended = { months: MONTHS, elapsedMonths: 12, completeMonths: 12 };
    expect(provisionalMonthIndex(ended)).toBeNull();
    expect(monthHeadings(ended).at(-1)).toBe('3月');
  });

  it('counts every elapsed month as over in a snapshot frozen before the rule', () => {
    expect(completeMonthsOf({ months: MONTHS, elapsedMonths: 12 })).toBe(12);
    expect(provisionalMonthIndex({ months: MONTHS, elapsedMonths: 12 })).toBeNull();
  });
});
