import { describe, expect, it } from 'vitest';
import { Kana, requiredText, text } from './text.ts';

describe('Kana (フリガナ)', () => {
  it.each([
    ['full-width katakana with an ASCII space', 'サトウ ハナコ'],
    ['ヴ and small katakana', 'ヴァイオリン'],
    ['the long vowel mark and the middle dot', 'ルーシー・サトウ'],
  ])('accepts %s', (_description, value) => {
    expect(Kana.safeParse(value).success).toBe(true);
  });

  it.each([
    ['hiragana as katakana', 'さとう はなこ', 'サトウ ハナコ'],
    ['half-width katakana as full-width', 'ｻﾄｳ ﾊﾅｺ', 'サトウ ハナコ'],
    ['a full-width space as one ASCII space', 'サトウ\u3000\u3000ハナコ', 'サトウ ハナコ'],
  ])('stores %s', (_description, value, stored) => {
    expect(Kana.parse(value)).toBe(stored);
  });

  it('says what is allowed when refusing', () => {
    const result = Kana.safeParse('佐藤');
    expect(result.error?.issues[0]?.message).toBe(
      'フリガナはカタカナかひらがなで入力してください（漢字・英字・記号は使えません）',
    );
  });

  it.each([
    ['latin letters', 'Sato'],
    ['a hyphen (not read as ー)', 'サトウ-ハナコ'],
    ['kanji', '佐藤'],
    ['spaces only', ' \u3000 '],
    ['an empty string', ''],
  ])('rejects %s', (_description, value) => {
    expect(Kana.safeParse(value).success).toBe(false);
  });

  it('trims surrounding spaces', () => {
    expect(Kana.parse(' サトウ ハナコ\u3000')).toBe('サトウ ハナコ');
  });

  it('rejects more than 100 characters', () => {
    expect(Kana.safeParse('ア'.repeat(101)).success).toBe(false);
    expect(Kana.safeParse('ア'.repeat(100)).success).toBe(true);
  });
});

describe('requiredText', () => {
  const name = requiredText(10);

  it('rejects an empty string', () => {
    expect(name.safeParse('').success).toBe(false);
  });

  it('rejects whitespace only', () => {
    expect(name.safeParse(' \t\n ').success).toBe(false);
  });

  it.each([
    ['NUL', '佐藤\u0000花子'],
    ['BEL', '佐藤\u0007花子'],
    ['ESC', '佐藤\u001b花子'],
    ['DEL', '佐藤\u007f花子'],
  ])('rejects the control character %s', (_description, value) => {
    expect(name.safeParse(value).success).toBe(false);
  });

  it('trims and accepts ordinary text', () => {
    expect(name.parse('  佐藤 花子  ')).toBe('佐藤 花子');
  });

  it('rejects text longer than its maximum after trimming', () => {
    expect(name.safeParse('あ'.repeat(11)).success).toBe(false);
    expect(name.safeParse(` ${'あ'.repeat(10)} `).success).toBe(true);
  });
});

describe('text', () => {
  it('keeps newlines and tabs inside free text', () => {
    expect(text(100).parse('一行目\n\t二行目')).toBe('一行目\n\t二行目');
  });

  it('accepts an empty string', () => {
    expect(text(100).parse('')).toBe('');
  });
});
