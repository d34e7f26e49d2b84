import { describe, expect, it } from 'vitest';
import { fiscalYearFromQuery, fiscalYearLabel, fiscalYearOptions } from './fiscal-year.ts';

describe('fiscal-year options', () => {
  it('starts with the fiscal year of today: March still belongs to the year before', () => {
    expect(fiscalYearOptions('2027-03-31', 1)).toEqual([{ value: 2026, label: '令和8年度（2026年度）' }]);
    expect(fiscalYearOptions('2027-04-01', 1)[0]?.value).toBe(2027);
  });

  it('offers the current year and the years before it, newest first', () => {
    expect(fiscalYearOptions('2026-11-23', 3).map((option) => option.value)).toEqual([2026, 2025, 2024]);
  });

  it('labels the first year of an era 元年度, with the Gregorian year beside it', () => {
    expect(fiscalYearLabel(2019)).toBe('令和元年度（2019年度）');
  });

  it('takes the year from the address only when it is offered', () => {
    const options = fiscalYearOptions('2026-11-23', 3);

    expect(fiscalYearFromQuery('2025', options)).toBe(2025);
    expect(fiscalYearFromQuery('1999', options)).toBe(2026);
    expect(fiscalYearFromQuery(null, options)).toBe(2026);
  });
});
