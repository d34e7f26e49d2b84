/**
 * Calendar dates as ISO strings (YYYY-MM-DD) and the Japanese fiscal year and era.
 * Dates carry no time zone: a service decision or a monitoring happens on a day in Japan.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export const parseIsoDate = (iso: string): CalendarDate => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date: ${iso}`);
  }
  return { year, month, day };
};

export const formatIsoDate = ({ year, month, day }: CalendarDate): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;

/** Adds months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (iso: string, months: number): string => {
  const { year, month, day } = parseIsoDate(iso);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
};

export const addDays = (iso: string, days: number): string => {
  const { year, month, day } = parseIsoDate(iso);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDate({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  });
};

/**
 * A formatter made on first use: building an Intl.DateTimeFormat loads its locale and calendar
 * data, which at import time was a measurable part of every function's cold start (ADR 0023).
 */
const lazyFormatter = (locale: string, options: Intl.DateTimeFormatOptions) => {
  let formatter: Intl.DateTimeFormat | undefined;
  return (date: Date): string => (formatter ??= new Intl.DateTimeFormat(locale, options)).format(date);
};

const formatJapanDay = lazyFormatter('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Japan, whatever the host's time zone (Lambda runs in UTC). */
export const todayInJapan = (now: Date = new Date()): string => formatJapanDay(now);

/** 年度: April to March. 2025-03-31 belongs to FY2024, 2025-04-01 to FY2025. */
export const fiscalYearOf = (iso: string): number => {
  const { year, month } = parseIsoDate(iso);
  return month >= 4 ? year : year - 1;
};

export const fiscalYearRange = (fiscalYear: number): { start: string; end: string } => ({
  start: `${fiscalYear}-04-01`,
  end: `${fiscalYear + 1}-03-31`,
});

/** The twelve months of a fiscal year as `YYYY-MM`, April first. */
export const fiscalYearMonths = (fiscalYear: number): string[] =>
  Array.from({ length: 12 }, (_, index) => {
    const month = ((index + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });

const formatEraDate = lazyFormatter('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});
const formatEraYear = lazyFormatter('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const isoToUtcDate = (iso: string): Date => {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day));
};

/** The first year of an era is written 元年 on paper (令和元年), not 1年. */
const withGannen = (formatted: string): string => formatted.replace(/^(\D+)1年/, '$1元年');

/** 2026-11-22 → 令和8年11月22日 */
export const formatJapaneseEraDate = (iso: string): string => withGannen(formatEraDate(isoToUtcDate(iso)));

/**
 * 2026 → 令和8年度. Named by the era in force at the end of the fiscal year's first calendar year:
 * FY2019 began on 1 April 2019 under 平成, yet government documents call it 令和元年度.
 */
export const formatFiscalYear = (fiscalYear: number): string =>
  `${withGannen(formatEraYear(isoToUtcDate(`${fiscalYear}-12-31`)))}度`;

/** 2026-11-22 → 2026年11月22日 */
export const formatGregorianDate = (iso: string): string => {
  const { year, month, day } = parseIsoDate(iso);
  return `${year}年${month}月${day}日`;
};
