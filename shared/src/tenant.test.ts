import { describe, expect, it } from 'vitest';
import {
  CHECK_DIGIT_MESSAGE,
  MemberMunicipality,
  NewMemberMunicipality,
  hasValidCheckDigit,
  municipalityCheckDigit,
} from './tenant.ts';

describe('全国地方公共団体コード check digit: weights 6,5,4,3,2 on the first five digits, (11 − sum mod 11) mod 10', () => {
  it.each([
    ['131016', '千代田区'],
    ['011002', '札幌市'],
    ['012025', '函館市'],
    ['271004', '大阪市'],
  ])('%s %s passes', (code) => {
    expect(municipalityCheckDigit(code.slice(0, 5))).toBe(Number(code[5]));
    expect(hasValidCheckDigit(code)).toBe(true);
  });

  it.each(['131017', '011001', '13101', '1310160', 'abcdef'])('%s fails', (code) => {
    expect(hasValidCheckDigit(code)).toBe(false);
  });

  it('a remainder of 0 gives 1 and a remainder of 1 gives 0 (the mod 10 of 11 and 10)', () => {
    // 00000: sum 0 → (11 − 0) mod 10 = 1. 20000: sum 12, 12 mod 11 = 1 → (11 − 1) mod 10 = 0.
    expect(municipalityCheckDigit('00000')).toBe(1);
    expect(municipalityCheckDigit('20000')).toBe(0);
  });
});

describe('a new member municipality', () => {
  it('is refused with the check-digit message on code when the check digit is wrong', () => {
    const parsed = NewMemberMunicipality.safeParse({ code: '131017', name: '千代田区' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['code', CHECK_DIGIT_MESSAGE],
    ]);
  });

  it('is accepted with a valid code and a name', () => {
    expect(NewMemberMunicipality.safeParse({ code: '131016', name: '千代田区' }).success).toBe(true);
    expect(NewMemberMunicipality.safeParse({ code: '131016', name: '' }).success).toBe(false);
  });

  it('the demo codes are fictional and fail the check, so only new input is checked, never stored members', () => {
    for (const code of ['990011', '990012']) {
      expect(hasValidCheckDigit(code)).toBe(false);
      expect(MemberMunicipality.safeParse({ code, name: '北信市' }).success).toBe(true);
    }
  });
});
