import { describe, expect, it } from 'vitest';
import { Plan, PlanContent, PlanInput } from './caseload-records.ts';
import {
  PLAN_SERVICE_TYPES,
  PLAN_SERVICE_TYPE_LABELS,
  WeeklyEntry,
  serviceLineOfLegacyKind,
  upgradeLegacyPlan,
} from './plan-forms.ts';

const entry = (overrides: Record<string, unknown> = {}) => ({
  day: 'mon',
  start: '09:00',
  end: '15:30',
  label: '生活介護',
  kind: 'service',
  ...overrides,
});

const messagesOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map(({ path, message }) => [path.join('.'), message]);

describe('service types (種類)', () => {
  it('has one Japanese label per type, all distinct, ending with その他・インフォーマル', () => {
    const labels = PLAN_SERVICE_TYPES.map((type) => PLAN_SERVICE_TYPE_LABELS[type]);
    expect(new Set(labels).size).toBe(PLAN_SERVICE_TYPES.length);
    expect(labels).toHaveLength(30);
    expect(labels.at(-1)).toBe('その他・インフォーマル');
    expect(labels).toContain('就労継続支援Ｂ型');
  });

  it('refuses a type not in the list with a Japanese message', () => {
    const result = PlanContent.safeParse({
      needs: [{ priority: 1, need: 'n', goal: 'g', services: [{ serviceType: '生活介護' }] }],
    });
    expect(messagesOf(result)).toEqual([
      ['needs.0.services.0.serviceType', 'サービスの種類を一覧から選んでください'],
    ]);
  });
});

describe('a need row of 様式1', () => {
  it('defaults 評価時期 and その他留意事項 to empty and keeps them when written', () => {
    const content = PlanContent.parse({
      needs: [
        { priority: 1, need: 'n', goal: 'g' },
        { priority: 2, need: 'n', goal: 'g', evaluationTiming: '令和9年3月', notes: '通院日は休む' },
      ],
    });
    expect(content.needs[0]).toMatchObject({ evaluationTiming: '', notes: '' });
    expect(content.needs[1]).toMatchObject({ evaluationTiming: '令和9年3月', notes: '通院日は休む' });
  });
});

describe('利用者負担上限額', () => {
  it.each([0, 4600, 9300, 37_200])('reads %s yen', (cap) => {
    expect(PlanContent.parse({ userChargeCap: cap }).userChargeCap).toBe(cap);
  });

  it.each([-1, 37_201, 100.5, '9300'])('refuses %s with the allowed range', (cap) => {
    expect(messagesOf(PlanContent.safeParse({ userChargeCap: cap }))).toEqual([
      ['userChargeCap', '利用者負担上限額は0円から37,200円までの整数（円）で入力してください'],
    ]);
  });

  it('is absent when not recorded', () => {
    expect(PlanContent.parse({})).not.toHaveProperty('userChargeCap');
  });
});

describe('週間計画表 (様式2-2)', () => {
  it('is empty when left out, a fresh object each time', () => {
    const first = PlanContent.parse({}).weeklySchedule;
    expect(first).toEqual({ entries: [], dailyActivities: '', nonWeeklyServices: '', lifeOverview: '' });
    first.entries.push(WeeklyEntry.parse(entry()));
    expect(PlanContent.parse({}).weeklySchedule.entries).toEqual([]);
  });

  it('reads times as typed: 9:00, full-width digits and colon, and 24:00 as an end', () => {
    expect(WeeklyEntry.parse(entry({ start: '9:00', end: '１７：３０' }))).toMatchObject({
      start: '09:00',
      end: '17:30',
    });
    expect(WeeklyEntry.parse(entry({ start: '22:00', end: '24:00' })).end).toBe('24:00');
  });

  it.each([
    ['start', '24:00'],
    ['start', '9時'],
    ['end', '25:00'],
    ['end', '12:60'],
  ])('refuses %s %s with the 24-hour format', (field, value) => {
    expect(messagesOf(WeeklyEntry.safeParse(entry({ [field]: value })))).toEqual([
      [field, '時刻は「9:00」「17:30」のように24時間制で入力してください'],
    ]);
  });

  it.each([
    ['10:00', '10:00'],
    ['22:00', '06:00'],
  ])('refuses an end not after the start (%s–%s): past midnight is two entries', (start, end) => {
    expect(messagesOf(WeeklyEntry.safeParse(entry({ start, end })))).toEqual([
      ['end', '終了時刻は開始時刻より後にしてください（日をまたぐときは0:00で分けて2行にしてください）'],
    ]);
  });

  it('names the entry in the path and refuses an unknown day, kind and an empty label', () => {
    const result = PlanInput.safeParse({
      weeklySchedule: {
        entries: [entry(), entry({ day: 'holiday', kind: 'leisure', label: '  ' })],
      },
    });
    expect(messagesOf(result)).toEqual([
      ['weeklySchedule.entries.1.day', '曜日を選んでください'],
      ['weeklySchedule.entries.1.label', '入力してください'],
      ['weeklySchedule.entries.1.kind', '「サービス」か「本人の活動」を選んでください'],
    ]);
  });

  it('allows two entries at the same time on one day (people do two things)', () => {
    const schedule = PlanContent.parse({
      weeklySchedule: { entries: [entry(), entry({ label: '散歩', kind: 'own_activity' })] },
    }).weeklySchedule;
    expect(schedule.entries).toHaveLength(2);
  });
});

describe('plans written before ADR 0040', () => {
  it.each([
    ['生活介護', 'daily_life_care', ''],
    ['就労継続支援B型', 'employment_b', ''],
    ['居宅介護（家事援助）', 'home_care', '居宅介護（家事援助）'],
    ['自立訓練（生活訓練）', 'life_training', ''],
    ['ピアサポートの会', 'other', 'ピアサポートの会'],
  ])('read 「%s」 as type %s, keeping the text as 内容 unless it is the label', (kind, type, content) => {
    expect(serviceLineOfLegacyKind(kind)).toEqual({ serviceType: type, content });
  });

  it('read an old stored plan without failing; the new fields take their defaults', () => {
    const stored = {
      recordId: '8a3b2c4d-1e2f-4a5b-8c6d-7e8f9a0b1c2d',
      caseId: 'demo-kibougaoka-case-001',
      createdAt: '2026-04-01T00:00:00.000Z',
      createdBy: 'user-sato',
      planVersion: 1,
      status: 'final',
      consentOn: '2026-04-02',
      finalizedAt: '2026-04-02T00:00:00.000Z',
      version: 2,
      updatedAt: '2026-04-02T00:00:00.000Z',
      content: {
        personWishes: '働きたい',
        familyWishes: '',
        overallPolicy: '',
        longTermGoal: '',
        shortTermGoal: '',
        needs: [
          {
            priority: 1,
            need: 'n',
            goal: 'g',
            period: '',
            services: [{ kind: '就労継続支援B型（軽作業）', provider: 'みらい', amount: '月18日' }],
            personRole: '',
            supporters: '',
          },
        ],
      },
    };
    expect(Plan.safeParse(stored).success).toBe(false);
    const plan = Plan.parse(upgradeLegacyPlan(stored));
    expect(plan.content.needs[0]?.services).toEqual([
      {
        serviceType: 'employment_b',
        content: '就労継続支援B型（軽作業）',
        amount: '月18日',
        provider: 'みらい',
      },
    ]);
    expect(plan.content.needs[0]).toMatchObject({ evaluationTiming: '', notes: '' });
    expect(plan.content.weeklySchedule.entries).toEqual([]);
  });

  it('leave a current plan as it is', () => {
    const current = { content: { needs: [{ services: [{ serviceType: 'other', content: 'x' }] }] } };
    expect(upgradeLegacyPlan(current)).toEqual(current);
  });
});
