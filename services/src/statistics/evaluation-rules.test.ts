import { defaultPlanPeriod } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { evaluationProblems, mergeEvaluations } from './evaluation-rules.ts';

describe('評価・課題 of a fiscal year', () => {
  it('names, as a field, every indicator the plan period does not define', () => {
    expect(
      evaluationProblems(defaultPlanPeriod('p7'), {
        texts: { self_plan_rate: '相談支援専門員の不足が続いている', invented: 'x' },
      }),
    ).toEqual([{ field: 'body.texts.invented', message: '第7期の計画にない指標です' }]);
  });

  it('changes only the indicators named: a text sets one, null or blank clears it', () => {
    const current = { self_plan_rate: '前年度より改善', core_centers: '設置済み' };

    expect(
      mergeEvaluations(current, {
        texts: { self_plan_rate: null, core_centers: '  ', plan_consultation_users: ' 見込量を達成 ' },
      }),
    ).toEqual({ plan_consultation_users: '見込量を達成' });
    expect(mergeEvaluations(current, { texts: {} })).toEqual(current);
  });
});
