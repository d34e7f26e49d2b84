import { addDays, addMonths, daysInMonth, formatIsoDate, parseIsoDate } from './calendar.ts';

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
 * The day a person reaches `years` (and `months`) of age, by the Act on Age Calculation
 * (年齢計算ニ関スル法律): age counts from the day of birth, and by 民法143条 a period of years or
 * months ends on the day before the corresponding day of the birth date, or on the last day of the
 * month when that month has no such day. The age is reached at the end (24:00) of that day, and
 * the law applies it from that day: 介護保険 makes a person 第1号被保険者 on the day they reach 65,
 * the day before the 65th birthday. So a person born on 1 April reaches 18 on 31 March (in the
 * earlier fiscal year), one born on 2 April on 1 April, and one born on 29 February on 28 February
 * in common and leap years alike. This is the general rule for every age, not a school-year rule
 * (学校教育法17条 counts school entry from the day after reaching 6, so its 2 April – 1 April
 * cohorts follow from it).
 */
export const dateOfReachingAge = (birthDate: string, years: number, months = 0): string => {
  const birth = parseIsoDate(birthDate);
  const index = birth.year * 12 + (birth.month - 1) + years * 12 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = daysInMonth(year, month);
  if (birth.day > lastDay) return formatIsoDate({ year, month, day: lastDay });
  return addDays(formatIsoDate({ year, month, day: birth.day }), -1);
};

/**
 * A person's age on a day: the greatest age N with `onDate` on or after the day they reach N
 * (dateOfReachingAge). The day before the birthday already has the new age.
 */
export const ageOn = (birthDate: string, onDate: string): number => {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  // Reaching N falls in the year of birth + N, or the year before for a 1 January birth.
  let age = on.year - birth.year + 1;
  while (age > 0 && dateOfReachingAge(birthDate, age) > onDate) age -= 1;
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
