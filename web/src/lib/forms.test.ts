import { CaseSettingsInput, MonitoringInput, PersonInput } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { SubmissionKey, checkInput, linesOf, numberOrUndefined, optionalText, optionsOf } from './forms.ts';

describe('checkInput', () => {
  it('returns the parsed input, with the schema defaults filled in, when the body is valid', () => {
    const check = checkInput(MonitoringInput, {
      conductedOn: '2026-05-10',
      kind: 'regular',
      method: 'home_visit',
      planChangeNeeded: false,
    });

    expect(check).toEqual({
      ok: true,
      input: {
        conductedOn: '2026-05-10',
        kind: 'regular',
        method: 'home_visit',
        overallSituation: '',
        progress: [],
        personSatisfaction: '',
        planChangeNeeded: false,
        notes: '',
      },
    });
  });

  it('keys errors by the dotted input name, down to a row of an array', () => {
    const check = checkInput(MonitoringInput, {
      conductedOn: '2026-05-10',
      kind: 'regular',
      method: 'home_visit',
      planChangeNeeded: false,
      progress: [
        {
          goal: '買い物に行く',
          progress: '',
          achieved: 'partly',
          changeServiceKind: false,
          changeServiceAmount: false,
          changeWeeklySchedule: false,
        },
      ],
    });

    expect(check).toEqual({ ok: false, errors: { 'progress.0.progress': '入力してください' } });
  });

  it('words a missing choice in Japanese where the schema has no message of its own', () => {
    const check = checkInput(MonitoringInput, { conductedOn: '2026-05-10', planChangeNeeded: false });

    expect(check.ok === false && check.errors.kind).toBe('選択してください');
    expect(check.ok === false && check.errors.method).toBe('選択してください');
  });

  it("keeps the shared schema's own Japanese message", () => {
    const check = checkInput(PersonInput, {
      name: '山田',
      kana: 'Yamada',
      birthDate: '1990-01-01',
      municipalityCode: '990001',
    });

    expect(check.ok === false && check.errors.kana).toBe(
      'フリガナはカタカナかひらがなで入力してください（漢字・英字・記号は使えません）',
    );
  });

  it('sends what the inputs hold in its stored form: katakana, ASCII digits, ISO dates', () => {
    const check = checkInput(PersonInput, {
      name: '山田 太郎',
      kana: 'やまだ たろう',
      birthDate: '昭和45年3月2日',
      municipalityCode: '９９０００１',
    });

    expect(check.ok && check.input).toMatchObject({
      kana: 'ヤマダ タロウ',
      birthDate: '1970-03-02',
      municipalityCode: '990001',
    });
  });
});

describe('checkInput: errors about the whole form', () => {
  it('lists an issue with no input of its own as a general message', () => {
    const check = checkInput(CaseSettingsInput, {});

    expect(check).toEqual({ ok: false, errors: {}, general: ['変更する項目を1つ以上指定してください'] });
  });
});

describe('form value helpers', () => {
  it('leaves an empty text input out and keeps a filled one', () => {
    expect(optionalText('  ')).toBeUndefined();
    expect(optionalText('あり')).toBe('あり');
  });

  it('turns a typed number into a number and an empty input into undefined', () => {
    expect(numberOrUndefined(' 30 ')).toBe(30);
    expect(numberOrUndefined('')).toBeUndefined();
    expect(numberOrUndefined('abc')).toBeNaN();
  });

  it('reads a number typed in full-width digits', () => {
    expect(numberOrUndefined('\u3000４５ ')).toBe(45);
  });
});

describe('SubmissionKey', () => {
  it('reuses the key when the same body is submitted again', () => {
    let counter = 0;
    const key = new SubmissionKey(() => `key-${++counter}`);

    expect(key.keyFor({ a: 1 })).toBe('key-1');
    expect(key.keyFor({ a: 1 })).toBe('key-1');
  });

  it('makes a new key when the body changed', () => {
    let counter = 0;
    const key = new SubmissionKey(() => `key-${++counter}`);

    key.keyFor({ a: 1 });

    expect(key.keyFor({ a: 2 })).toBe('key-2');
  });

  it('uses random UUIDs by default', () => {
    expect(new SubmissionKey().keyFor({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('choice and list helpers', () => {
  it('turns a label map into options in the order of the values', () => {
    expect(optionsOf(['b', 'a'] as const, { a: 'エー', b: 'ビー' })).toEqual([
      { value: 'b', label: 'ビー' },
      { value: 'a', label: 'エー' },
    ]);
  });

  it('splits a textarea into its non-empty trimmed lines', () => {
    expect(linesOf('居宅介護 月20時間\n\n  生活介護 週5日  \n')).toEqual([
      '居宅介護 月20時間',
      '生活介護 週5日',
    ]);
  });
});
