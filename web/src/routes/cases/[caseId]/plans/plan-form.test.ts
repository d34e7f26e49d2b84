import { emptyWeeklySchedule, type PlanContent } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  checkPlanForm,
  emptyNeedRow,
  emptyWeeklyEntry,
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
      { key: 'a', serviceType: '', content: '', provider: '', amount: '' },
      {
        key: 'b',
        serviceType: 'mobility_support',
        content: '余暇の外出',
        provider: 'ひまわり',
        amount: '月20時間',
      },
    ];

    expect(toPlanBody(values).needs[0]?.services).toEqual([
      { serviceType: 'mobility_support', content: '余暇の外出', provider: 'ひまわり', amount: '月20時間' },
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

  it('asks for the type of a service line that has only a provider', () => {
    const values = filledForm();
    const first = values.needs[0];
    if (!first) throw new Error('fixture has rows');
    first.services = [{ key: 'a', serviceType: '', content: '', provider: 'ひまわり', amount: '' }];

    const check = checkPlanForm(values);

    expect(check.ok === false && check.errors['needs.0.services.0.serviceType']).toBe(
      'サービスの種類を一覧から選んでください',
    );
  });

  it('sends 利用者負担上限額 as a number read from full-width digits, and leaves it out when empty', () => {
    const values = filledForm();
    expect(toPlanBody(values)).not.toHaveProperty('userChargeCap');
    values.userChargeCap = '９３００';
    const check = checkPlanForm(values);
    expect(check.ok && check.input.userChargeCap).toBe(9300);
    values.userChargeCap = '40000';
    expect(checkPlanForm(values)).toEqual({
      ok: false,
      errors: { userChargeCap: '利用者負担上限額は0円から37,200円までの整数（円）で入力してください' },
    });
  });

  it('drops a weekly entry left empty and reports a bad end time under its own input', () => {
    const values = filledForm();
    const newKey = counterKeys();
    values.weeklySchedule.entries = [
      { ...emptyWeeklyEntry(newKey, 'tue'), start: '9:00', end: '8:00', label: '作業所' },
      emptyWeeklyEntry(newKey),
      {
        ...emptyWeeklyEntry(newKey, 'sun'),
        start: '10:00',
        end: '12:00',
        label: '散歩',
        kind: 'own_activity',
      },
    ];

    expect(checkPlanForm(values)).toEqual({
      ok: false,
      errors: {
        'weeklySchedule.entries.0.end':
          '終了時刻は開始時刻より後にしてください（日をまたぐときは0:00で分けて2行にしてください）',
      },
    });
    const first = values.weeklySchedule.entries[0];
    if (!first) throw new Error('fixture has entries');
    first.end = '15:30';
    const check = checkPlanForm(values);
    expect(check.ok && check.input.weeklySchedule.entries).toEqual([
      { day: 'tue', start: '09:00', end: '15:30', label: '作業所', kind: 'service' },
      { day: 'sun', start: '10:00', end: '12:00', label: '散歩', kind: 'own_activity' },
    ]);
  });

  it('loads stored rows in priority order whatever order they were stored in', () => {
    const row = {
      period: '',
      services: [],
      personRole: '',
      evaluationTiming: '',
      supporters: '',
      notes: '',
    };
    const content: PlanContent = {
      personWishes: '',
      familyWishes: '',
      overallPolicy: '',
      longTermGoal: '',
      shortTermGoal: '',
      needs: [
        { ...row, priority: 2, need: '二番目', goal: 'b' },
        { ...row, priority: 1, need: '一番目', goal: 'a' },
      ],
      weeklySchedule: emptyWeeklySchedule(),
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
          services: [
            { serviceType: 'daily_life_care', content: '創作活動', amount: '週3日', provider: 'あおぞら' },
          ],
          personRole: '朝の準備をする',
          evaluationTiming: '令和9年3月',
          supporters: '母・事業所',
          notes: '通院日は休む',
        },
      ],
      userChargeCap: 0,
      weeklySchedule: {
        entries: [
          { day: 'mon', start: '09:30', end: '15:30', label: '生活介護あおぞら', kind: 'service' },
          { day: 'mon', start: '10:00', end: '11:00', label: '散歩', kind: 'own_activity' },
        ],
        dailyActivities: '7時起床',
        nonWeeklyServices: '通院（月1回）',
        lifeOverview: '家で暮らし続ける',
      },
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
    expect(planInputLabel('needs.0.services.1.serviceType')).toBe('優先順位1：福祉サービス等2 種類');
    expect(planInputLabel('needs.2.evaluationTiming')).toBe('優先順位3：評価時期');
    expect(planInputLabel('weeklySchedule.entries.2.end')).toBe('週間計画表3：終了時刻');
    expect(planInputLabel('weeklySchedule.nonWeeklyServices')).toBe('週単位以外のサービス');
    expect(planInputLabel('userChargeCap')).toBe('利用者負担上限額');
    expect(planInputLabel('personWishes')).toBe('利用者の意向（本人の言葉で）');
  });
});
