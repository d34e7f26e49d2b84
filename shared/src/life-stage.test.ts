import { describe, expect, it } from 'vitest';
import { addDays, fiscalYearOf } from './calendar.ts';
import { ageBandOf, ageOn, dateOfReachingAge, lifeStageAt, upcomingTransitions } from './life-stage.ts';

describe('dateOfReachingAge (年齢計算ニ関スル法律 with 民法143条: the day before the birthday)', () => {
  it('makes a person born on 1 April reach 18 on 31 March, in the earlier fiscal year', () => {
    expect(dateOfReachingAge('2008-04-01', 18)).toBe('2026-03-31');
    expect(fiscalYearOf(dateOfReachingAge('2008-04-01', 18))).toBe(2025);
  });

  it('makes a person born on 1 April reach 65 on 31 March too (介護保険 第1号被保険者 from that day)', () => {
    expect(dateOfReachingAge('1961-04-01', 65)).toBe('2026-03-31');
  });

  it('makes a person born on 2 April reach the age on 1 April, in the fiscal year of the birthday', () => {
    expect(dateOfReachingAge('2008-04-02', 18)).toBe('2026-04-01');
    expect(fiscalYearOf(dateOfReachingAge('2008-04-02', 18))).toBe(2026);
  });

  it('makes a person born on 29 February reach the age on 28 February in a common year', () => {
    expect(dateOfReachingAge('2008-02-29', 18)).toBe('2026-02-28');
  });

  it('makes a person born on 29 February reach the age on 28 February in a leap year as well', () => {
    expect(dateOfReachingAge('2008-02-29', 16)).toBe('2024-02-28');
  });

  it('makes a person born on 1 January reach the age on 31 December of the year before', () => {
    expect(dateOfReachingAge('2008-01-01', 18)).toBe('2025-12-31');
  });

  it('is the day before the birthday for any other birth date', () => {
    expect(dateOfReachingAge('1986-07-15', 40)).toBe('2026-07-14');
  });

  it('ends a period of years and months on the day before the corresponding day (民法143条2項)', () => {
    expect(dateOfReachingAge('2008-06-15', 17, 6)).toBe('2025-12-14');
    expect(dateOfReachingAge('2008-03-01', 17, 6)).toBe('2025-08-31');
  });

  it('ends it on the last day of the month when the month has no corresponding day (民法143条2項 ただし書)', () => {
    expect(dateOfReachingAge('2008-03-31', 17, 6)).toBe('2025-09-30');
    expect(dateOfReachingAge('2008-08-31', 17, 6)).toBe('2026-02-28');
  });
});

describe('ageOn (the age reached on or before the day, by 年齢計算ニ関スル法律)', () => {
  it('is one year less two days before the birthday', () => {
    expect(ageOn('2008-06-15', '2026-06-13')).toBe(17);
  });

  it('increases on the day before the birthday, the day the age is reached', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(18);
  });

  it('stays increased on the birthday and after it', () => {
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
    expect(ageOn('2008-06-15', '2026-06-16')).toBe(18);
  });

  it('makes a person born on 1 April 18 on 31 March and 17 the day before', () => {
    expect(ageOn('2008-04-01', '2026-03-30')).toBe(17);
    expect(ageOn('2008-04-01', '2026-03-31')).toBe(18);
  });

  it('makes a person born on 1 January older on 31 December of the year before', () => {
    expect(ageOn('2008-01-01', '2025-12-30')).toBe(17);
    expect(ageOn('2008-01-01', '2025-12-31')).toBe(18);
  });

  it('makes a person born on 29 February older on 28 February, in common and leap years', () => {
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
    expect(ageOn('2008-02-29', '2024-02-27')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(16);
  });

  it('is 0 on the day of birth and the day after', () => {
    expect(ageOn('2026-01-10', '2026-01-10')).toBe(0);
    expect(ageOn('2026-01-10', '2026-01-11')).toBe(0);
  });

  it('agrees with dateOfReachingAge for every birth date of a leap year and a common year', () => {
    for (const start of ['2008-01-01', '2010-01-01']) {
      for (let offset = 0; offset < 366; offset += 1) {
        const birth = addDays(start, offset);
        const reached = dateOfReachingAge(birth, 18);
        expect(ageOn(birth, reached)).toBe(18);
        expect(ageOn(birth, addDays(reached, -1))).toBe(17);
      }
    }
  });
});

describe('upcomingTransitions', () => {
  it('lists reaching 18 when it falls within the next six months, dated the day before the birthday', () => {
    const transitions = upcomingTransitions('2008-06-15', '2026-01-10');

    expect(transitions).toEqual([{ age: 18, date: '2026-06-14' }]);
  });

  it('leaves out a transition seven months ahead', () => {
    const transitions = upcomingTransitions('2008-08-15', '2026-01-10');

    expect(transitions).toEqual([]);
  });

  it('includes a transition falling on today and one on the last day of the horizon', () => {
    expect(upcomingTransitions('2008-01-11', '2026-01-10')).toEqual([{ age: 18, date: '2026-01-10' }]);
    expect(upcomingTransitions('2008-07-11', '2026-01-10')).toEqual([{ age: 18, date: '2026-07-10' }]);
  });

  it('leaves out a transition already passed, even when the birthday is today', () => {
    expect(upcomingTransitions('2008-01-10', '2026-01-10')).toEqual([]);
  });

  it('sorts several transitions nearest first', () => {
    const transitions = upcomingTransitions('2000-01-01', '2005-06-01', 12 * 13);

    expect(transitions.map(({ age }) => age)).toEqual([6, 18]);
    expect(transitions.map(({ date }) => date)).toEqual(['2005-12-31', '2017-12-31']);
  });
});

describe('lifeStageAt', () => {
  it.each([
    [5, 'early_childhood'],
    [6, 'school_age'],
    [17, 'school_age'],
    [18, 'adult'],
    [39, 'adult'],
    [40, 'middle_age'],
    [64, 'middle_age'],
    [65, 'senior'],
  ] as const)('puts age %i in the %s stage', (age, stage) => {
    expect(lifeStageAt(age)).toBe(stage);
  });
});

describe('ageBandOf', () => {
  it.each([
    [0, '0-5'],
    [5, '0-5'],
    [6, '6-11'],
    [11, '6-11'],
    [12, '12-17'],
    [17, '12-17'],
    [18, '18-29'],
    [29, '18-29'],
    [30, '30-39'],
    [39, '30-39'],
    [40, '40-49'],
    [49, '40-49'],
    [50, '50-64'],
    [64, '50-64'],
    [65, '65+'],
    [101, '65+'],
  ] as const)('puts age %i in the %s band', (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });
});
