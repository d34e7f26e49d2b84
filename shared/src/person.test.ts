import { describe, expect, it } from 'vitest';
import { isLikelySamePerson, kanaForComparison } from './person.ts';

describe('one person, one record: likely duplicates (ADR 0025)', () => {
  it('compares the reading of the name without spaces or middle dots', () => {
    expect(kanaForComparison('ヤマダ　タロウ')).toBe('ヤマダタロウ');
    expect(kanaForComparison('ヤマダ タロウ')).toBe('ヤマダタロウ');
    expect(kanaForComparison('スミス・ジョン')).toBe('スミスジョン');
  });

  it('compares a reading typed in hiragana or half-width katakana as the katakana stored', () => {
    expect(kanaForComparison('やまだ　たろう')).toBe('ヤマダタロウ');
    expect(kanaForComparison('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダタロウ');
  });

  it('the same kana and the same birth date is a likely duplicate, whatever the spacing', () => {
    expect(
      isLikelySamePerson(
        { kana: 'ヤマダ　タロウ', birthDate: '1990-04-01' },
        { kana: 'ヤマダタロウ', birthDate: '1990-04-01' },
      ),
    ).toBe(true);
  });

  it('another birth date or another reading is not a likely duplicate', () => {
    const person = { kana: 'ヤマダ タロウ', birthDate: '1990-04-01' };
    expect(isLikelySamePerson(person, { kana: 'ヤマダ タロウ', birthDate: '1990-04-02' })).toBe(false);
    expect(isLikelySamePerson(person, { kana: 'ヤマダ ジロウ', birthDate: '1990-04-01' })).toBe(false);
  });
});
