import { emptyWeeklySchedule, type Plan } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  checkMonitoringForm,
  emptyMonitoringForm,
  emptyProgressRow,
  monitoringInputLabel,
  normaliseYearMonth,
  progressRowsFromPlan,
  type MonitoringFormValues,
} from './monitoring-form.ts';

import { currentPlan } from '#lib/plans.ts';

const counterKeys = () => {
  let counter = 0;
  return () => `k${++counter}`;
};

const plan = (planVersion: number, status: Plan['status'], goals: string[]): Plan => ({
  recordId: `plan-${planVersion}00000`,
  caseId: 'case-000001',
  createdAt: '2026-04-01T00:00:00.000Z',
  createdBy: 'user-sato',
  planVersion,
  status,
  content: {
    personWishes: '',
    familyWishes: '',
    overallPolicy: '',
    longTermGoal: '',
    shortTermGoal: '',
    needs: goals.map((goal, index) => ({
      priority: goals.length - index,
      need: `ニーズ${index}`,
      goal,
      period: '6か月',
      services: [],
      personRole: '',
      evaluationTiming: '',
      supporters: '',
      notes: '',
    })),
    weeklySchedule: emptyWeeklySchedule(),
  },
  version: 1,
  updatedAt: '2026-04-01T00:00:00.000Z',
});

describe('the plan a monitoring checks', () => {
  it('is the newest final plan, even when a newer draft exists', () => {
    const plans = [plan(1, 'final', ['a']), plan(2, 'final', ['b']), plan(3, 'draft', ['c'])];

    expect(currentPlan(plans)?.planVersion).toBe(2);
  });

  it('is the newest draft when nothing is final yet, and none without plans', () => {
    expect(currentPlan([plan(1, 'draft', ['a']), plan(2, 'draft', ['b'])])?.planVersion).toBe(2);
    expect(currentPlan([])).toBeNull();
  });
});

describe('monitoring form prefilled from the plan', () => {
  it("has one row per support goal, in the plan's priority order, with its priority and period", () => {
    const rows = progressRowsFromPlan(plan(1, 'final', ['三番目', '二番目', '一番目']), counterKeys());

    expect(rows.map((row) => [row.priority, row.goal, row.period])).toEqual([
      [1, '一番目', '6か月'],
      [2, '二番目', '6か月'],
      [3, '三番目', '6か月'],
    ]);
    expect(rows.every((row) => row.progress === '' && row.achieved === '')).toBe(true);
    expect(rows.every((row) => row.changeServiceKind === '' && row.changeWeeklySchedule === '')).toBe(true);
  });

  it('starts with one empty row when the case has no plan', () => {
    const rows = progressRowsFromPlan(null, counterKeys());

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'k1', priority: undefined, goal: '', progress: '', achieved: '' });
  });

  it('starts on today as a regular monitoring, the next month left to the schedule', () => {
    const values = emptyMonitoringForm('2026-05-10', null, counterKeys());

    expect(values.conductedOn).toBe('2026-05-10');
    expect(values.kind).toBe('regular');
    expect(values.nextMonitoringMonth).toBe('');
  });
});

const answered = (values: MonitoringFormValues) => {
  values.method = 'home_visit';
  values.overallSituation = '生活は安定している';
  for (const row of values.progress) {
    row.progress = '週3回通えている';
    row.achieved = 'partly';
    row.changeServiceKind = 'no';
    row.changeServiceAmount = 'no';
    row.changeWeeklySchedule = 'no';
  }
  return values;
};

describe('monitoring form → MonitoringInput', () => {
  it('sends the report with each yes/no as a boolean and leaves empty rows out', () => {
    const values = answered(
      emptyMonitoringForm('2026-05-10', plan(1, 'final', ['通所を続ける']), counterKeys()),
    );
    values.progress = values.progress.map((row) => ({
      ...row,
      satisfaction: '楽しい',
      issues: '送迎の調整',
      changeServiceAmount: 'yes',
    }));
    values.progress.push({ ...emptyProgressRow(() => 'blank') });
    values.nextMonitoringMonth = '２０２６年８月';

    const check = checkMonitoringForm(values);

    expect(check).toEqual({
      ok: true,
      input: {
        conductedOn: '2026-05-10',
        kind: 'regular',
        method: 'home_visit',
        overallSituation: '生活は安定している',
        progress: [
          {
            priority: 1,
            goal: '通所を続ける',
            period: '6か月',
            progress: '週3回通えている',
            satisfaction: '楽しい',
            achieved: 'partly',
            achievementNote: '',
            issues: '送迎の調整',
            changeServiceKind: false,
            changeServiceAmount: true,
            changeWeeklySchedule: false,
            remarks: '',
          },
        ],
        personSatisfaction: '',
        notes: '',
        nextMonitoringMonth: '2026-08',
      },
    });
  });

  it('asks for the method, and per prefilled goal its service status, achievement and the three changes', () => {
    const values = emptyMonitoringForm('2026-05-10', plan(1, 'final', ['通所を続ける']), counterKeys());

    const check = checkMonitoringForm(values);

    expect(check.ok).toBe(false);
    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual([
      'method',
      'progress.0.achieved',
      'progress.0.changeServiceAmount',
      'progress.0.changeServiceKind',
      'progress.0.changeWeeklySchedule',
      'progress.0.progress',
    ]);
  });

  it('refuses a next monitoring month before the month of the monitoring, or not a month', () => {
    const values = answered(
      emptyMonitoringForm('2026-05-10', plan(1, 'final', ['通所を続ける']), counterKeys()),
    );
    values.nextMonitoringMonth = '2026-04';
    const before = checkMonitoringForm(values);
    values.nextMonitoringMonth = '来月';
    const notAMonth = checkMonitoringForm(values);

    expect(before.ok === false && before.errors).toEqual({
      nextMonitoringMonth: '次回モニタリング予定月は実施日の月以降にしてください',
    });
    expect(notAMonth.ok === false && Object.keys(notAMonth.errors)).toEqual(['nextMonitoringMonth']);
  });

  it('reads a month typed with slashes or 年月', () => {
    expect(normaliseYearMonth('2026/6')).toBe('2026-06');
    expect(normaliseYearMonth('2026年11月')).toBe('2026-11');
    expect(normaliseYearMonth(' 2026-07 ')).toBe('2026-07');
  });

  it('labels a goal input by its goal number for the error summary', () => {
    expect(monitoringInputLabel('progress.1.achieved')).toBe('目標2：達成度');
    expect(monitoringInputLabel('progress.0.changeWeeklySchedule')).toBe('目標1：週間計画の変更');
    expect(monitoringInputLabel('nextMonitoringMonth')).toBe('次回モニタリング予定月');
  });
});
