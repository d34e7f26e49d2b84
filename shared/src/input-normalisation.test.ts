import { describe, expect, it } from 'vitest';
import {
  DATE_FORMAT_MESSAGE,
  normaliseDigits,
  normaliseHyphens,
  normaliseKana,
  readDate,
  readNumber,
} from './input-normalisation.ts';

const isoOf = (value: string) => {
  const reading = readDate(value);
  return reading.ok ? reading.iso : `refused: ${reading.message}`;
};
const refusalOf = (value: string) => {
  const reading = readDate(value);
  return reading.ok ? `read as ${reading.iso}` : reading.message;
};

describe('digits', () => {
  it('full-width digits are ASCII digits', () => {
    expect(normaliseDigits('０１２３４５６７８９')).toBe('0123456789');
  });

  it('surrounding spaces, also full-width, are dropped', () => {
    expect(normaliseDigits('\u3000０１２３４５ ')).toBe('012345');
  });

  it('a hyphen inside a code is left for the field to refuse', () => {
    expect(normaliseDigits('01234-6789')).toBe('01234-6789');
  });

  it('a number typed with full-width digits is that number; empty is none', () => {
    expect(readNumber('１２０')).toBe(120);
    expect(readNumber(' ')).toBeUndefined();
    expect(readNumber('１２分')).toBeNaN();
  });
});

describe('hyphens', () => {
  it.each([
    ['the full-width hyphen-minus －', '０３－１２３４'],
    ['the katakana long vowel mark ー an IME gives', '03ー1234'],
    ['the half-width long vowel mark ｰ', '03ｰ1234'],
    ['the minus sign −', '03−1234'],
    ['the en dash –', '03–1234'],
    ['the hyphen ‐', '03‐1234'],
  ])('%s is a hyphen', (_description, value) => {
    expect(normaliseHyphens(value.normalize('NFKC'))).toBe('03-1234');
  });
});

describe('kana (フリガナ)', () => {
  it('hiragana is katakana', () => {
    expect(normaliseKana('やまだ たろう')).toBe('ヤマダ タロウ');
  });

  it('ゔ and small hiragana are their katakana', () => {
    expect(normaliseKana('ゔぁいおりん')).toBe('ヴァイオリン');
  });

  it('half-width katakana is full-width, voiced marks joined', () => {
    expect(normaliseKana('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダ タロウ');
  });

  it('the half-width long vowel mark and middle dot are full-width', () => {
    expect(normaliseKana('ﾙｰｼｰ･ｻﾄｳ')).toBe('ルーシー・サトウ');
  });

  it('spaces (full-width, several) are one ASCII space, none around', () => {
    expect(normaliseKana('\u3000ヤマダ\u3000\u3000タロウ ')).toBe('ヤマダ タロウ');
  });

  it('a hyphen is not taken for the long vowel mark', () => {
    expect(normaliseKana('サトウ-ハナコ')).toBe('サトウ-ハナコ');
  });

  it('kanji and latin letters are left for the field to refuse', () => {
    expect(normaliseKana('山田 Taro')).toBe('山田 Taro');
  });
});

describe('dates', () => {
  it.each([
    ['ISO as before', '2026-04-01', '2026-04-01'],
    ['slashes, one-digit month and day', '2026/4/1', '2026-04-01'],
    ['dots', '2026.4.1', '2026-04-01'],
    ['年月日', '2026年4月1日', '2026-04-01'],
    ['full-width digits and hyphens', '２０２６－０４－０１', '2026-04-01'],
    ['令和 written out', '令和8年4月1日', '2026-04-01'],
    ['R with dots', 'R8.4.1', '2026-04-01'],
    ['R with slashes', 'R8/4/1', '2026-04-01'],
    ['a lower-case r', 'r8.4.1', '2026-04-01'],
    ['full-width digits in an era date', '令和８年４月１日', '2026-04-01'],
    ['the one-character era ㋿', '㋿8年4月1日', '2026-04-01'],
    ['spaces anywhere', ' 令和 8年 4月 1日 ', '2026-04-01'],
    ['平成', '平成31年4月30日', '2019-04-30'],
    ['H with hyphens', 'H1-1-8', '1989-01-08'],
    ['昭和', '昭和45年3月2日', '1970-03-02'],
    ['S', 'S64.1.7', '1989-01-07'],
    ['大正', '大正15年12月24日', '1926-12-24'],
    ['29 February of a leap year', '令和6年2月29日', '2024-02-29'],
  ])('%s: %s is %s', (_rule, value, iso) => {
    expect(isoOf(value)).toBe(iso);
  });

  it('元年 is year 1', () => {
    expect(isoOf('令和元年5月1日')).toBe('2019-05-01');
    expect(isoOf('平成元年1月8日')).toBe('1989-01-08');
    expect(isoOf('R元.5.1')).toBe('2019-05-01');
  });

  it('令和 starts 2019-05-01: 平成31年4月30日 is valid, 令和1年4月30日 is not', () => {
    expect(isoOf('平成31年4月30日')).toBe('2019-04-30');
    expect(refusalOf('令和1年4月30日')).toBe(
      '令和は2019年5月1日からです。それより前の日付は平成で入力してください',
    );
    expect(refusalOf('令和元年4月30日')).toBe(
      '令和は2019年5月1日からです。それより前の日付は平成で入力してください',
    );
  });

  it('平成 ends 2019-04-30: 平成31年5月1日 is refused, pointing to 令和', () => {
    expect(refusalOf('平成31年5月1日')).toBe(
      '平成は2019年4月30日までです。それより後の日付は令和で入力してください',
    );
  });

  it('昭和 ends 1989-01-07 and 平成 starts 1989-01-08', () => {
    expect(refusalOf('S64.1.8')).toBe('昭和は1989年1月7日までです。それより後の日付は平成で入力してください');
    expect(refusalOf('H1.1.7')).toBe('平成は1989年1月8日からです。それより前の日付は昭和で入力してください');
  });

  it('before 大正 the message asks for the Gregorian year', () => {
    expect(refusalOf('大正1年7月29日')).toBe(
      '大正は1912年7月30日からです。それより前の日付は西暦で入力してください',
    );
  });

  it('an era year 0 is refused', () => {
    expect(refusalOf('令和0年5月1日')).toBe('令和の年は元年（1年）からです');
  });

  it.each([
    ['30 February', '令和8年2月30日', '令和8年2月は1日から28日までです'],
    ['29 February of a common year', '2025-02-29', '2025年2月は1日から28日までです'],
    ['31 April', '2026/4/31', '2026年4月は1日から30日までです'],
    ['day 0', 'R8.4.0', '令和8年4月は1日から30日までです'],
    ['month 13', '2026-13-01', '月は1から12までで入力してください'],
  ])('an impossible date is refused: %s', (_rule, value, message) => {
    expect(refusalOf(value)).toBe(message);
  });

  it.each([
    ['a two-digit year', '26/4/1'],
    ['mixed separators', '2026-4/1'],
    ['a date and time', '2026-04-01T00:00:00Z'],
    ['an era not accepted', '明治45年7月29日'],
    ['words', '来週'],
  ])('%s is refused with the accepted formats', (_rule, value) => {
    expect(refusalOf(value)).toBe(DATE_FORMAT_MESSAGE);
  });

  it('an empty date asks for one', () => {
    expect(refusalOf(' \u3000')).toBe('日付を入力してください');
  });
});
