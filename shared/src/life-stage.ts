import { addMonths, isLeapYear, parseIsoDate, formatIsoDate } from './calendar.ts';

/**
 * Ages where the system changes (seed 001): 6 school entry, 18 child → adult plan,
 * 40 long-term-care insurance for specified diseases (第2号被保険者), 65 long-term-care
 * insurance takes priority for many services (介護保険優先).
 */
export const LIFE_STAGE_AGES = [6, 18, 40, 65] as const;
export type LifeStageAge = (typeof LIFE_STAGE_AGES)[number];

export const LIFE_STAGES = ['early_childhood', 'school_age', 'adult', 'middle_age', 'senior'] as const;
export type LifeStage = (typeof LIFE_STAGES)[number];

export const LIFE_STAGE_LABELS: Record<LifeStage, string> = {
  early_childhood: '乳幼児期',
  school_age: '学齢期',
  adult: '成人期',
  middle_age: '壮年期',
  senior: '高齢期',
};

export const LIFE_STAGE_TRANSITION_NOTES: Record<LifeStageAge, string> = {
  6: '就学に向けた支援の見直し',
  18: '障害児支援利用計画からサービス等利用計画への移行',
  40: '介護保険第2号被保険者（特定疾病）',
  65: '介護保険優先の原則（介護保険サービスへの移行検討）',
};

/**
 * The date a person reaches `age`. A person born on 29 February reaches it on 1 March in a
 * common year: under the Act on Age Calculation (年齢計算ニ関スル法律) age increases at the end of
 * the day before the birthday, i.e. the end of 28 February, so the new age applies from 1 March.
 */
export const dateOfReachingAge = (birthDate: string, age: number): string => {
  const birth = parseIsoDate(birthDate);
  const year = birth.year + age;
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year))
    return formatIsoDate({ year, month: 3, day: 1 });
  return formatIsoDate({ year, month: birth.month, day: birth.day });
};

export const ageOn = (birthDate: string, onDate: string): number => {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  let age = on.year - birth.year;
  if (dateOfReachingAge(birthDate, age) > onDate) age -= 1;
  return Math.max(age, 0);
};

export const lifeStageAt = (age: number): LifeStage => {
  if (age < 6) return 'early_childhood';
  if (age < 18) return 'school_age';
  if (age < 40) return 'adult';
  if (age < 65) return 'middle_age';
  return 'senior';
};

export interface UpcomingTransition {
  age: LifeStageAge;
  date: string;
}

/** Transitions falling within `months` after `today` (today included), nearest first. */
export const upcomingTransitions = (birthDate: string, today: string, months = 6): UpcomingTransition[] => {
  const horizon = addMonths(today, months);
  return LIFE_STAGE_AGES.map((age) => ({ age, date: dateOfReachingAge(birthDate, age) }))
    .filter(({ date }) => date >= today && date <= horizon)
    .sort((a, b) => a.date.localeCompare(b.date));
};

export const ageBandOf = (age: number) => {
  if (age < 6) return '0-5' as const;
  if (age < 12) return '6-11' as const;
  if (age < 18) return '12-17' as const;
  if (age < 30) return '18-29' as const;
  if (age < 40) return '30-39' as const;
  if (age < 50) return '40-49' as const;
  if (age < 65) return '50-64' as const;
  return '65+' as const;
};
