import { describe, expect, it } from 'vitest';
import { Monitoring, MonitoringInput, planChangeNeededOf } from './caseload-records.ts';

/** The モニタリング報告書's fields (ADR 0041): input checks, the derived plan change, old records. */

const row = (overrides: Record<string, unknown> = {}) => ({
  priority: 1,
  goal: '日中活動の場に通い続ける',
  period: '6か月',
  progress: '週3回通えている',
  satisfaction: '楽しい',
  achieved: 'partly',
  achievementNote: '通所は安定',
  issues: '送迎の調整',
  changeServiceKind: false,
  changeServiceAmount: false,
  changeWeeklySchedule: false,
  remarks: '',
  ...overrides,
});

const report = (overrides: Record<string, unknown> = {}) => ({
  conductedOn: '2026-05-10',
  kind: 'regular',
  method: 'home_visit',
  overallSituation: '生活は安定している',
  progress: [row()],
  ...overrides,
});

const issuesOf = (value: unknown) =>
  MonitoringInput.safeParse(value).error?.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));

describe('a monitoring report as input', () => {
  it('reads the whole report, a month typed as YYYY-MM and 令和 dates', () => {
    const parsed = MonitoringInput.parse(
      report({ conductedOn: '令和8年5月10日', nextMonitoringMonth: '2026-08' }),
    );

    expect(parsed).toMatchObject({
      conductedOn: '2026-05-10',
      overallSituation: '生活は安定している',
      nextMonitoringMonth: '2026-08',
      progress: [row()],
    });
    expect(parsed.planChangeNeeded).toBeUndefined();
  });

  it('asks for each of the three plan-change answers of a goal, by name, in Japanese', () => {
    const { changeServiceKind: _a, changeServiceAmount: _b, changeWeeklySchedule: _c, ...unanswered } = row();

    expect(issuesOf(report({ progress: [row(), unanswered] }))).toEqual([
      { path: 'progress.1.changeServiceKind', message: 'サービス種類の変更の有無を選んでください' },
      { path: 'progress.1.changeServiceAmount', message: 'サービス量の変更の有無を選んでください' },
      { path: 'progress.1.changeWeeklySchedule', message: '週間計画の変更の有無を選んでください' },
    ]);
  });

  it('refuses a satisfaction longer than 1000 characters at its row', () => {
    expect(issuesOf(report({ progress: [row(), row({ satisfaction: 'あ'.repeat(1001) })] }))).toEqual([
      { path: 'progress.1.satisfaction', message: '1000文字以内で入力してください' },
    ]);
  });

  it.each(['2026-5', '2026-13', '令和8年8月', '2026-08-01'])('refuses %s as the next month', (month) => {
    expect(issuesOf(report({ nextMonitoringMonth: month }))).toEqual([
      { path: 'nextMonitoringMonth', message: '年月は「2026-05」の形で入力してください' },
    ]);
  });

  it('refuses a next month before the month of the monitoring; the same month is allowed', () => {
    expect(issuesOf(report({ nextMonitoringMonth: '2026-04' }))).toEqual([
      { path: 'nextMonitoringMonth', message: '次回モニタリング予定月は実施日の月以降にしてください' },
    ]);
    expect(MonitoringInput.safeParse(report({ nextMonitoringMonth: '2026-05' })).success).toBe(true);
  });

  it('refuses "no plan change" when a goal answers yes to one of the three', () => {
    expect(
      issuesOf(report({ planChangeNeeded: false, progress: [row({ changeWeeklySchedule: true })] })),
    ).toEqual([
      {
        path: 'planChangeNeeded',
        message: '目標ごとの計画変更の必要性に「有」があるため、「変更の必要なし」にはできません',
      },
    ]);
  });
});

describe('planChangeNeeded, derived', () => {
  it('is true when any goal answers yes to any of the three, or the caller says yes', () => {
    expect(planChangeNeededOf([row(), row({ changeServiceAmount: true })], undefined)).toBe(true);
    expect(planChangeNeededOf([row(), row()], undefined)).toBe(false);
    expect(planChangeNeededOf([], true)).toBe(true);
    expect(planChangeNeededOf([], undefined)).toBe(false);
  });
});

describe('a monitoring stored before the report', () => {
  it('still reads: no overall situation, rows of goal, progress and achievement only, no next month', () => {
    const stored = {
      recordId: 'mon-000001',
      caseId: 'case-000001',
      createdAt: '2026-01-10T00:00:00.000Z',
      createdBy: 'user-sato',
      conductedOn: '2026-01-10',
      kind: 'regular',
      method: 'office',
      progress: [{ goal: '通所を続ける', progress: '週3回', achieved: 'achieved' }],
      personSatisfaction: '満足している',
      planChangeNeeded: true,
      notes: '特になし',
    };

    expect(Monitoring.parse(stored)).toEqual(stored);
  });
});
