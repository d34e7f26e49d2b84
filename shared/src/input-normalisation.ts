import { daysInMonth, formatGregorianDate, formatIsoDate } from './calendar.ts';

/**
 * What staff type is read the way they meant it (ADR 0032): full-width digits, 和暦 dates and
 * hiragana フリガナ are turned into the one stored form instead of being refused. Names and free
 * text are never normalised here: they keep the person's own characters.
 */

/**
 * Codes made of digits (受給者証番号, 事業所番号, 市町村コード). NFKC turns full-width digits and the
 * full-width space into ASCII; a code has no character NFKC could change in meaning.
 */
export const normaliseDigits = (value: string): string => value.normalize('NFKC').trim();

/**
 * Hyphens, dashes and minus signs an IME or a word processor produces (ｰ, ー, －, ‐, –, —, −), for
 * fields whose separators are hyphens (dates here; phone numbers when the person record has one).
 */
const HYPHEN_VARIANTS = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]/g;
export const normaliseHyphens = (value: string): string => value.replace(HYPHEN_VARIANTS, '-');

const HIRAGANA = /[\u3041-\u3096]/g;
/** ぁ–ゖ sit exactly 0x60 below their katakana (ァ–ヶ). */
export const hiraganaToKatakana = (value: string): string =>
  value.replace(HIRAGANA, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60));

/**
 * フリガナ: NFKC (half-width ｻﾄｳ → サトウ, a separate dakuten joined), hiragana as katakana, and any
 * run of spaces (also full-width) as one ASCII space. A hyphen is not taken for the long vowel ー:
 * between two names it may be a separator, and a wrong reading saved is worse than a refusal.
 */
export const normaliseKana = (value: string): string =>
  hiraganaToKatakana(value.normalize('NFKC')).replace(/\s+/g, ' ').trim();

interface Era {
  name: string;
  letter: string;
  start: string;
  end?: string;
}

/** Eras a living person's birth date or a record may be written in, newest first. */
const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', start: '2019-05-01' },
  { name: '平成', letter: 'H', start: '1989-01-08', end: '2019-04-30' },
  { name: '昭和', letter: 'S', start: '1926-12-25', end: '1989-01-07' },
  { name: '大正', letter: 'T', start: '1912-07-30', end: '1926-12-24' },
];

export const DATE_FORMAT_MESSAGE = '日付は「2026-04-01」「令和8年4月1日」「R8.4.1」のように入力してください';

export type DateReading = { ok: true; iso: string } | { ok: false; message: string };

const GREGORIAN_SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const GREGORIAN_WRITTEN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const ERA_NAMES = '令和|平成|昭和|大正|[RHST]';
const ERA_SEPARATED = new RegExp(`^(${ERA_NAMES})(元|\\d{1,2})([-/.])(\\d{1,2})\\3(\\d{1,2})$`);
const ERA_WRITTEN = new RegExp(`^(${ERA_NAMES})(元|\\d{1,2})年(\\d{1,2})月(\\d{1,2})日$`);

const calendarDay = (year: number, month: number, day: number, yearLabel: string): DateReading => {
  if (month < 1 || month > 12) return { ok: false, message: '月は1から12までで入力してください' };
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    return { ok: false, message: `${yearLabel}${month}月は1日から${lastDay}日までです` };
  }
  return { ok: true, iso: formatIsoDate({ year, month, day }) };
};

const eraDay = (eraName: string, eraYear: string, month: number, day: number): DateReading => {
  const index = ERAS.findIndex((era) => era.name === eraName || era.letter === eraName);
  const era = ERAS[index];
  if (!era) return { ok: false, message: DATE_FORMAT_MESSAGE };
  const yearOfEra = eraYear === '元' ? 1 : Number(eraYear);
  if (yearOfEra < 1) return { ok: false, message: `${era.name}の年は元年（1年）からです` };
  const year = Number(era.start.slice(0, 4)) + yearOfEra - 1;
  const reading = calendarDay(year, month, day, `${era.name}${yearOfEra === 1 ? '元' : yearOfEra}年`);
  if (!reading.ok) return reading;
  if (reading.iso < era.start) {
    const older = ERAS[index + 1];
    return {
      ok: false,
      message: `${era.name}は${formatGregorianDate(era.start)}からです。それより前の日付は${older ? older.name : '西暦'}で入力してください`,
    };
  }
  if (era.end && reading.iso > era.end) {
    return {
      ok: false,
      message: `${era.name}は${formatGregorianDate(era.end)}までです。それより後の日付は${ERAS[index - 1]?.name ?? '西暦'}で入力してください`,
    };
  }
  return reading;
};

/**
 * A date as staff write it, read as ISO `YYYY-MM-DD`: 2026-04-01, 2026/4/1, 2026.4.1, 2026年4月1日,
 * 令和8年4月1日, 令和元年5月1日, R8.4.1, R8/4/1, H31-4-30, S45.3.2, with full-width digits and
 * separators, spaces anywhere, ㋿ for 令和. An impossible day or a day outside its era is refused with
 * a message that says what is allowed.
 */
export const readDate = (value: string): DateReading => {
  const compact = normaliseHyphens(value.normalize('NFKC')).replace(/\s+/g, '').toUpperCase();
  if (compact === '') return { ok: false, message: '日付を入力してください' };
  const separated = GREGORIAN_SEPARATED.exec(compact);
  if (separated) {
    const [year = 0, month = 0, day = 0] = [separated[1], separated[3], separated[4]].map(Number);
    return calendarDay(year, month, day, `${year}年`);
  }
  const written = GREGORIAN_WRITTEN.exec(compact);
  if (written) {
    const [, year = 0, month = 0, day = 0] = written.map(Number);
    return calendarDay(year, month, day, `${year}年`);
  }
  const eraSeparated = ERA_SEPARATED.exec(compact);
  if (eraSeparated) {
    const [, era = '', eraYear = '', , month, day] = eraSeparated;
    return eraDay(era, eraYear, Number(month), Number(day));
  }
  const eraWritten = ERA_WRITTEN.exec(compact);
  if (eraWritten) {
    const [, era = '', eraYear = '', month, day] = eraWritten;
    return eraDay(era, eraYear, Number(month), Number(day));
  }
  return { ok: false, message: DATE_FORMAT_MESSAGE };
};

/** A number typed in a text input: full-width digits count, '' is no number at all. */
export const readNumber = (value: string): number | undefined => {
  const digits = normaliseDigits(value);
  return digits === '' ? undefined : Number(digits);
};
