import { emptyWeeklySchedule, type Plan } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import {
  checkMonitoringForm,
  emptyMonitoringForm,
  monitoringInputLabel,
  progressRowsFromPlan,
  toMonitoringBody,
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
      period: '',
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
  it("has one progress row per support goal, in the plan's priority order", () => {
    const rows = progressRowsFromPlan(plan(1, 'final', ['三番目', '二番目', '一番目']), counterKeys());

    expect(rows.map((row) => row.goal)).toEqual(['一番目', '二番目', '三番目']);
    expect(rows.every((row) => row.progress === '' && row.achieved === '')).toBe(true);
  });

  it('starts with one empty row when the case has no plan', () => {
    expect(progressRowsFromPlan(null, counterKeys())).toEqual([
      { key: 'k1', goal: '', progress: '', achieved: '' },
    ]);
  });

  it('starts on today as a regular monitoring', () => {
    const values = emptyMonitoringForm('2026-05-10', null, counterKeys());

    expect(values.conductedOn).toBe('2026-05-10');
    expect(values.kind).toBe('regular');
  });
});

describe('monitoring form → MonitoringInput', () => {
  it('turns the yes/no answer into a boolean and leaves empty rows out', () => {
    const values = emptyMonitoringForm('2026-05-10', plan(1, 'final', ['通所を続ける']), counterKeys());
    values.method = 'home_visit';
    values.planChangeNeeded = 'no';
    values.progress = [
      { key: 'a', goal: '通所を続ける', progress: '週3回通えている', achieved: 'achieved' },
      { key: 'b', goal: '', progress: '', achieved: '' },
    ];

    const check = checkMonitoringForm(values);

    expect(check).toEqual({
      ok: true,
      input: {
        conductedOn: '2026-05-10',
        kind: 'regular',
        method: 'home_visit',
        progress: [{ goal: '通所を続ける', progress: '週3回通えている', achieved: 'achieved' }],
        personSatisfaction: '',
        planChangeNeeded: false,
        notes: '',
      },
    });
  });

  it('asks for the method, the plan-change answer and the progress of a prefilled goal', () => {
    const values = emptyMonitoringForm('2026-05-10', plan(1, 'final', ['通所を続ける']), counterKeys());

    const check = checkMonitoringForm(values);

    expect(check.ok).toBe(false);
    expect(check.ok === false && Object.keys(check.errors).sort()).toEqual([
      'method',
      'planChangeNeeded',
      'progress.0.achieved',
      'progress.0.progress',
    ]);
  });

  it('sends "yes" as planChangeNeeded: true', () => {
    const values = emptyMonitoringForm('2026-05-10', null, counterKeys());
    values.planChangeNeeded = 'yes';

    expect(toMonitoringBody(values).planChangeNeeded).toBe(true);
  });

  it('labels a progress input by its goal number for the error summary', () => {
    expect(monitoringInputLabel('progress.1.achieved')).toBe('目標2：達成度');
    expect(monitoringInputLabel('method')).toBe('実施方法');
  });
});
