import type { PlanContent } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  checkPlanForm,
  emptyNeedRow,
  emptyPlanForm,
  planFormOf,
  planInputLabel,
  toPlanBody,
  type PlanFormValues,
} from './plan-form.ts';
import { moveRow } from '#lib/rows.ts';

const counterKeys = () => {
  let counter = 0;
  return () => `k${++counter}`;
};

const filledForm = (): PlanFormValues => {
  const newKey = counterKeys();
  const values = emptyPlanForm(newKey);
  values.personWishes = '一人で電車に乗って作業所に通いたい';
  values.needs = [
    { ...emptyNeedRow(newKey), need: '通所の手段がない', goal: '一人で通所できる' },
    { ...emptyNeedRow(newKey), need: '昼食を作れるようになりたい', goal: '週1回自炊する' },
    { ...emptyNeedRow(newKey), need: '余暇の過ごし方', goal: '趣味の活動に参加する' },
  ];
  return values;
};

describe('plan form ↔ PlanContent', () => {
  it('numbers the priorities by the order of the rows', () => {
    const body = toPlanBody(filledForm());

    expect(body.needs.map((row) => [row.priority, row.need])).toEqual([
      [1, '通所の手段がない'],
      [2, '昼食を作れるようになりたい'],
      [3, '余暇の過ごし方'],
    ]);
  });

  it('drops a service line left completely empty and keeps a filled one', () => {
    const values = filledForm();
    const first = values.needs[0];
    if (!first) throw new Error('fixture has rows');
    first.services = [
      { key: 'a', kind: '', provider: '', amount: '' },
      { key: 'b', kind: '移動支援', provider: 'ひまわり', amount: '月20時間' },
    ];

    expect(toPlanBody(values).needs[0]?.services).toEqual([
      { kind: '移動支援', provider: 'ひまわり', amount: '月20時間' },
    ]);
  });

  it('accepts a complete plan with the shared schema', () => {
    const check = checkPlanForm(filledForm());

    expect(check.ok).toBe(true);
    expect(check.ok && check.input.needs).toHaveLength(3);
  });

  it('reports an empty need under the input of its row', () => {
    const values = filledForm();
    const second = values.needs[1];
    if (!second) throw new Error('fixture has rows');
    second.need = ' ';

    const check = checkPlanForm(values);

    expect(check).toEqual({ ok: false, errors: { 'needs.1.need': '入力してください' } });
  });

  it('asks for the kind of a service line that has only a provider', () => {
    const values = filledForm();
    const first = values.needs[0];
    if (!first) throw new Error('fixture has rows');
    first.services = [{ key: 'a', kind: '', provider: 'ひまわり', amount: '' }];

    const check = checkPlanForm(values);

    expect(check.ok === false && check.errors['needs.0.services.0.kind']).toBe('入力してください');
  });

  it('loads stored rows in priority order whatever order they were stored in', () => {
    const content: PlanContent = {
      personWishes: '',
      familyWishes: '',
      overallPolicy: '',
      longTermGoal: '',
      shortTermGoal: '',
      needs: [
        { priority: 2, need: '二番目', goal: 'b', period: '', services: [], personRole: '', supporters: '' },
        { priority: 1, need: '一番目', goal: 'a', period: '', services: [], personRole: '', supporters: '' },
      ],
    };

    const values = planFormOf(content, counterKeys());

    expect(values.needs.map((row) => row.need)).toEqual(['一番目', '二番目']);
  });

  it('round-trips a stored plan through the editor unchanged', () => {
    const content: PlanContent = {
      personWishes: '家で暮らしたい',
      familyWishes: '安心して任せたい',
      overallPolicy: '本人のペースを大切に',
      longTermGoal: '地域で暮らす',
      shortTermGoal: '日中活動に慣れる',
      needs: [
        {
          priority: 1,
          need: '日中の居場所',
          goal: '週3回通う',
          period: '6か月',
          services: [{ kind: '生活介護', provider: 'あおぞら', amount: '週3日' }],
          personRole: '朝の準備をする',
          supporters: '母・事業所',
        },
      ],
    };

    expect(toPlanBody(planFormOf(content, counterKeys()))).toEqual(content);
  });
});

describe('need-row reordering', () => {
  it('renumbers the priorities after a move', () => {
    const values = filledForm();
    values.needs = moveRow(values.needs, 2, -2);

    expect(toPlanBody(values).needs.map((row) => [row.priority, row.need])).toEqual([
      [1, '余暇の過ごし方'],
      [2, '通所の手段がない'],
      [3, '昼食を作れるようになりたい'],
    ]);
  });
});

describe('plan input labels for the error summary', () => {
  it('names a row by its priority and the field by the form heading', () => {
    expect(planInputLabel('needs.1.goal')).toBe('優先順位2：支援目標');
    expect(planInputLabel('needs.0.services.1.kind')).toBe('優先順位1：福祉サービス等2 種類・内容');
    expect(planInputLabel('personWishes')).toBe('利用者の意向（本人の言葉で）');
  });
});
