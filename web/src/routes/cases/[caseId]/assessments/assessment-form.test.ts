import { AssessmentContent } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  assessmentFormOf,
  assessmentInputLabel,
  checkAssessmentForm,
  emptyAssessmentForm,
  sameAssessmentContent,
  toAssessmentContent,
} from './assessment-form.ts';

describe('the assessment form', () => {
  it('sends what it shows: a stored assessment read into the inputs comes back unchanged', () => {
    const content = AssessmentContent.parse({
      personWishes: '一人暮らしをしたい',
      dailyLife: { money: '通帳は母が管理' },
      summary: '金銭管理の練習が必要',
    });
    const values = assessmentFormOf(content, '2026-04-02');
    expect(toAssessmentContent(values)).toEqual(content);
    const check = checkAssessmentForm(values);
    expect(check).toEqual({ ok: true, input: { ...content, conductedOn: '2026-04-02' } });
  });

  it('reads a 和暦 実施日 and names a field that is too long by its label', () => {
    const values = { ...emptyAssessmentForm(), conductedOn: '令和8年4月2日' };
    values.dailyLife.housing = 'あ'.repeat(1001);
    const check = checkAssessmentForm(values);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors)).toEqual(['dailyLife.housing']);
    expect(assessmentInputLabel('dailyLife.housing')).toBe('日常生活の状況：住環境');
    expect(assessmentInputLabel('conductedOn')).toBe('実施日');
    const fixed = checkAssessmentForm({ ...values, dailyLife: { ...values.dailyLife, housing: '' } });
    expect(fixed.ok && fixed.input.conductedOn).toBe('2026-04-02');
  });

  it('compares contents field by field, whatever the order of their keys', () => {
    const content = AssessmentContent.parse({ personWishes: '働きたい', dailyLife: { money: '母が管理' } });
    const { dailyLife, ...rest } = content;
    const reordered = { dailyLife: Object.fromEntries(Object.entries(dailyLife).reverse()), ...rest };
    expect(sameAssessmentContent(content, AssessmentContent.parse(reordered))).toBe(true);
    expect(sameAssessmentContent(content, { ...content, summary: '変更' })).toBe(false);
    expect(
      sameAssessmentContent(content, { ...content, dailyLife: { ...content.dailyLife, housing: '変更' } }),
    ).toBe(false);
  });

  it('does not share the domains of the stored record with the inputs', () => {
    const content = AssessmentContent.parse({});
    const values = assessmentFormOf(content, '2026-04-02');
    values.dailyLife.health = '変更';
    expect(content.dailyLife.health).toBe('');
  });
});
