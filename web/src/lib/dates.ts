import {
  LIFE_STAGE_TRANSITION_NOTES,
  ageOn,
  formatGregorianDate,
  formatJapaneseEraDate,
  readDate,
  todayInJapan,
  upcomingTransitions,
  type AgeBand,
  type CaseView,
  type LifeStageAge,
} from '@kikan/shared';

export interface DisplayDate {
  iso: string;
  /** 令和8年11月22日: what the staff read and write on paper. */
  era: string;
  /** 2026年11月22日: beside or under the era date, for anyone who thinks in Gregorian years. */
  gregorian: string;
}

/**
 * 令和 reading of what a date input holds, however it was typed (2026-05-10, R8.5.10,
 * 令和８年５月１０日: readDate); '' while it holds no complete calendar date.
 */
export const eraReadingOf = (value: string): string => {
  const reading = readDate(value);
  return reading.ok ? formatJapaneseEraDate(reading.iso) : '';
};

/** What a date input shows once left: the ISO day it was read as, or what was typed, for the form to refuse. */
export const settledDateInput = (value: string): string => {
  const reading = readDate(value);
  return reading.ok ? reading.iso : value;
};

export const displayDate = (iso: string): DisplayDate => ({
  iso,
  era: formatJapaneseEraDate(iso),
  gregorian: formatGregorianDate(iso),
});

/** The calendar day in Japan of a server timestamp (`updatedAt`). */
export const japanDateOfTimestamp = (timestamp: string): string => todayInJapan(new Date(timestamp));

export const ageLabel = (birthDate: string, today: string): string => `${ageOn(birthDate, today)}歳`;

/** `18-29` → `18-29歳`, `65+` → `65歳以上`. */
export const ageBandLabel = (band: AgeBand): string =>
  band.endsWith('+') ? `${band.slice(0, -1)}歳以上` : `${band}歳`;

/** How a case names its person: the name, or for a pseudonymised row initials and age band only. */
export const personLabel = (view: CaseView): string =>
  view.visibility === 'full' ? view.personName : `${view.initials}（${ageBandLabel(view.ageBand)}）`;

export const PSEUDONYMISED_NOTE = '仮名化表示（共有されていないケース）';

export interface LifeStageAlert {
  age: LifeStageAge;
  date: DisplayDate;
  note: string;
}

/** Ages 6, 18, 40 and 65 reached within the next `months` (DOMAIN: the caseload shows them ahead). */
export const lifeStageAlerts = (birthDate: string, today: string, months = 6): LifeStageAlert[] =>
  upcomingTransitions(birthDate, today, months).map(({ age, date }) => ({
    age,
    date: displayDate(date),
    note: LIFE_STAGE_TRANSITION_NOTES[age],
  }));
