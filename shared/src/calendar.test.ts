import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  fiscalYearMonths,
  fiscalYearOf,
  fiscalYearRange,
  formatFiscalYear,
  formatJapaneseEraDate,
  parseIsoDate,
  todayInJapan,
} from './calendar.ts';

describe('fiscal year (年度)', () => {
  it('puts 31 March in the fiscal year that began the previous April', () => {
    expect(fiscalYearOf('2025-03-31')).toBe(2024);
  });

  it('starts a new fiscal year on 1 April', () => {
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
  });

  it('lists the twelve months of a fiscal year from April to the next March', () => {
    const months = fiscalYearMonths(2024);

    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2024-04');
    expect(months[8]).toBe('2024-12');
    expect(months[9]).toBe('2025-01');
    expect(months[11]).toBe('2025-03');
  });

  it('spans 1 April to 31 March of the following year', () => {
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-11-30', 3, '2025-02-28'],
  ])('clamps %s plus %i months to the last day of a shorter month: %s', (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected);
  });

  it('keeps the day when the target month has it', () => {
    expect(addMonths('2024-10-15', 6)).toBe('2025-04-15');
  });

  it('moves back across a year boundary', () => {
    expect(addMonths('2025-02-10', -3)).toBe('2024-11-10');
  });
});

describe('addDays', () => {
  it('lands on 29 February in a leap year', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('steps over 29 February into March in a leap year', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('goes from 28 February straight to 1 March in a common year', () => {
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
  });

  it('goes back from 1 March to 29 February in a leap year', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('parseIsoDate', () => {
  it('reads a valid date into its parts', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('rejects 29 February in a common year', () => {
    expect(() => parseIsoDate('2023-02-29')).toThrow(RangeError);
  });

  it('rejects a thirteenth month', () => {
    expect(() => parseIsoDate('2024-13-01')).toThrow(RangeError);
  });

  it('rejects a date with a time part', () => {
    expect(() => parseIsoDate('2024-01-01T00:00:00Z')).toThrow(RangeError);
  });
});

describe('Japanese era (和暦)', () => {
  it('names fiscal year 2019 令和元年度, as government documents do after the era change', () => {
    expect(formatFiscalYear(2019)).toBe('令和元年度');
  });

  it('writes a Reiwa date with its era year', () => {
    expect(formatJapaneseEraDate('2026-11-22')).toBe('令和8年11月22日');
  });

  it('writes the first year of Reiwa as 元年', () => {
    expect(formatJapaneseEraDate('2019-05-01')).toBe('令和元年5月1日');
  });

  it('writes the last day before the era change in Heisei', () => {
    expect(formatJapaneseEraDate('2019-04-30')).toBe('平成31年4月30日');
  });

  it('names a fiscal year by its era year with 年度', () => {
    expect(formatFiscalYear(2026)).toBe('令和8年度');
  });

  it('keeps a fiscal year that ended before an era change in the old era', () => {
    expect(formatFiscalYear(1988)).toBe('昭和63年度');
  });
});

describe('todayInJapan', () => {
  it('is already the next day in Japan at 15:30 UTC', () => {
    expect(todayInJapan(new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-23');
  });

  it('is still the same day in Japan at 14:59 UTC', () => {
    expect(todayInJapan(new Date('2026-11-22T14:59:59Z'))).toBe('2026-11-22');
  });
});
