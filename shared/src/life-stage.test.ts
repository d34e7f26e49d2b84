import { describe, expect, it } from 'vitest';
import { ageBandOf, ageOn, dateOfReachingAge, lifeStageAt, upcomingTransitions } from './life-stage.ts';

describe('dateOfReachingAge', () => {
  it('moves the birthday of a person born on 29 February to 1 March in a common year', () => {
    expect(dateOfReachingAge('2008-02-29', 18)).toBe('2026-03-01');
  });

  it('keeps 29 February as the birthday in a leap year', () => {
    expect(dateOfReachingAge('2008-02-29', 16)).toBe('2024-02-29');
  });

  it('is the birthday of the given year for any other birth date', () => {
    expect(dateOfReachingAge('1986-07-15', 40)).toBe('2026-07-15');
  });
});

describe('ageOn', () => {
  it('is one year less on the day before the birthday', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17);
  });

  it('increases on the birthday itself', () => {
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18);
  });

  it('makes a person born on 29 February older on 1 March, not on 28 February, in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('is 0 on the day of birth', () => {
    expect(ageOn('2026-01-10', '2026-01-10')).toBe(0);
  });
});

describe('upcomingTransitions', () => {
  it('lists reaching 18 when it falls within the next six months', () => {
    const transitions = upcomingTransitions('2008-06-15', '2026-01-10');

    expect(transitions).toEqual([{ age: 18, date: '2026-06-15' }]);
  });

  it('leaves out a transition seven months ahead', () => {
    const transitions = upcomingTransitions('2008-08-15', '2026-01-10');

    expect(transitions).toEqual([]);
  });

  it('includes a transition falling on today and one on the last day of the horizon', () => {
    expect(upcomingTransitions('2008-01-10', '2026-01-10')).toEqual([{ age: 18, date: '2026-01-10' }]);
    expect(upcomingTransitions('2008-07-10', '2026-01-10')).toEqual([{ age: 18, date: '2026-07-10' }]);
  });

  it('leaves out a transition already passed', () => {
    expect(upcomingTransitions('2008-01-09', '2026-01-10')).toEqual([]);
  });

  it('sorts several transitions nearest first', () => {
    const transitions = upcomingTransitions('2000-01-01', '2005-06-01', 12 * 13);

    expect(transitions.map(({ age }) => age)).toEqual([6, 18]);
    expect(transitions.map(({ date }) => date)).toEqual(['2006-01-01', '2018-01-01']);
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
