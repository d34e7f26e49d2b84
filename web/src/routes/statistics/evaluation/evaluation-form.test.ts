import { EVALUATION_TEXT_MAX, defaultPlanPeriod, type EvaluationsView } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { checkEvaluations, evaluationFormValues, evaluationLabelOf } from './evaluation-form.ts';

const period = defaultPlanPeriod('p7');
const view: EvaluationsView = {
  fiscalYear: 2026,
  signOffVersion: 1,
  texts: { self_plan_rate: '見込量を超過した' },
  editable: true,
  version: 1,
  updatedAt: null,
  updatedByName: null,
};

describe('the 評価・課題 form', () => {
  it('starts from the saved texts, every indicator of the period with a textarea', () => {
    const values = evaluationFormValues(view, period);

    expect(values.self_plan_rate).toBe('見込量を超過した');
    expect(Object.keys(values)).toHaveLength(period.indicators.length);
    expect(values.plan_consultation_users).toBe('');
  });

  it('sends every indicator, a blank one as null so the API clears it', () => {
    const check = checkEvaluations({ self_plan_rate: '  ', plan_consultation_users: ' 到達 ' }, period);

    expect(check.ok && check.input.texts.self_plan_rate).toBeNull();
    expect(check.ok && check.input.texts.plan_consultation_users).toBe('到達');
  });

  it('names the indicator whose text is too long, by its label in the error summary', () => {
    const check = checkEvaluations({ self_plan_rate: 'あ'.repeat(EVALUATION_TEXT_MAX + 1) }, period);

    expect(check).toEqual({
      ok: false,
      errors: { 'texts.self_plan_rate': `評価・課題は${EVALUATION_TEXT_MAX}文字以内で入力してください` },
    });
    expect(evaluationLabelOf('texts.self_plan_rate', period.indicators)).toBe('セルフプラン率');
  });
});
