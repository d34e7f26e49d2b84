import { describe, expect, it } from 'vitest';
import { isLikelySamePerson, kanaForComparison, PersonInput, PhoneNumber } from './person.ts';

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

describe('contact fields (issue 15 point 5: an office can reach the person)', () => {
  it('reads a phone number as staff write it: full-width digits, any dash, brackets → ASCII with hyphens', () => {
    expect(PhoneNumber.parse('０２６－１２３－４５６７')).toBe('026-123-4567');
    expect(PhoneNumber.parse('026(123)4567')).toBe('026-123-4567');
    expect(PhoneNumber.parse('09012345678')).toBe('09012345678');
  });

  it('refuses a number that is not 10 or 11 digits from 0, saying so in Japanese', () => {
    expect(PhoneNumber.safeParse('123-4567').error?.issues[0]?.message).toContain('0から始まる');
    expect(PhoneNumber.safeParse('026-123-45').error?.issues[0]?.message).toContain('10桁または11桁');
  });

  it('keeps contact fields optional, and a representative names the relation from the closed list', () => {
    const base = {
      name: '山田 太郎',
      kana: 'やまだ たろう',
      birthDate: '令和2年4月1日',
      municipalityCode: '990011',
    };
    expect(PersonInput.parse(base).phone).toBeUndefined();
    const withContacts = PersonInput.parse({
      ...base,
      sex: 'male',
      address: '北信市中央1-2-3',
      representative: { name: '山田 花子', relation: 'parent' },
      emergencyContact: { name: '山田 花子', relation: '母', phone: '０９０−１１１１−２２２２' },
    });
    expect(withContacts.emergencyContact?.phone).toBe('090-1111-2222');
    expect(
      PersonInput.safeParse({ ...base, representative: { name: '山田 花子', relation: 'aunt' } }).success,
    ).toBe(false);
  });
});
