import { describe, expect, it } from 'vitest';
import {
  checkCaseForm,
  duplicateCheckKey,
  emptyCaseForm,
  toRequestBody,
  type CaseFormValues,
} from './case-form.ts';

const validForm = (): CaseFormValues => {
  const values = emptyCaseForm('2026-04-01');
  values.person.name = '山田 太郎';
  values.person.kana = 'ヤマダ タロウ';
  values.person.birthDate = '1990-05-10';
  values.person.municipalityCode = '012345';
  values.serviceKind = 'plan_consultation';
  values.monitoringPeriodMonths = '6';
  return values;
};

describe('case form', () => {
  it('starts with today as the opening date and a specialist-written plan', () => {
    const values = emptyCaseForm('2026-04-01');

    expect(values.openedOn).toBe('2026-04-01');
    expect(values.planAuthor).toBe('specialist');
  });

  it('accepts a complete form and turns the monitoring period into a number', () => {
    const check = checkCaseForm(validForm());

    expect(check.ok).toBe(true);
    expect(check.ok && check.input.monitoringPeriodMonths).toBe(6);
  });

  it('leaves empty optional inputs out of the body', () => {
    const body = toRequestBody(validForm());

    expect(body).not.toHaveProperty('specialistUserId', '');
    expect(body.specialistUserId).toBeUndefined();
    expect((body.person as Record<string, unknown>).recipientNumber).toBeUndefined();
  });

  it('reports schema errors under the input names, with the shared Japanese messages', () => {
    const values = validForm();
    values.person.kana = '山田';
    values.person.recipientNumber = '123';

    const check = checkCaseForm(values);

    expect(check).toEqual({
      ok: false,
      errors: {
        'person.kana': 'フリガナはカタカナかひらがなで入力してください（漢字・英字・記号は使えません）',
        'person.recipientNumber': '受給者証番号は10桁の数字で入力してください',
      },
    });
  });

  it('asks for a self-plan reason only when the plan is a self-plan', () => {
    const values = validForm();
    values.planAuthor = 'self_plan';

    const check = checkCaseForm(values);

    expect(check.ok === false && check.errors.selfPlanReason).toBe('セルフプランの理由を選んでください');
  });

  it('does not send a self-plan reason left over after switching back to a specialist plan', () => {
    const values = validForm();
    values.selfPlanReason = 'family_wish';

    expect(toRequestBody(values).selfPlanReason).toBeUndefined();
  });

  it('words unchosen selects in Japanese where the schema has no message of its own', () => {
    const values = validForm();
    values.serviceKind = '';
    values.monitoringPeriodMonths = '';

    const check = checkCaseForm(values);

    expect(check.ok === false && check.errors.serviceKind).toBe('選択してください');
    expect(check.ok === false && check.errors.monitoringPeriodMonths).toMatch(/[ぁ-んァ-ン一-龥]/);
  });

  it('sends no duplicate confirmation until the user gives one (ADR 0025)', () => {
    const values = validForm();
    expect(toRequestBody(values).confirmNotDuplicate).toBe(false);

    values.confirmNotDuplicate = true;
    expect(toRequestBody(values).confirmNotDuplicate).toBe(true);
  });

  it('ties a duplicate confirmation to the reading and birth date it was given for, spaces aside', () => {
    const values = validForm();
    const key = duplicateCheckKey(values);

    values.person.kana = 'ヤマダ　タロウ';
    expect(duplicateCheckKey(values)).toBe(key);
    values.person.kana = 'やまだ たろう';
    values.person.birthDate = '平成2年5月10日';
    expect(duplicateCheckKey(values)).toBe(key);
    values.person.name = '山田 太朗';
    expect(duplicateCheckKey(values)).toBe(key);
    values.person.birthDate = '1990-05-11';
    expect(duplicateCheckKey(values)).not.toBe(key);
  });
});
