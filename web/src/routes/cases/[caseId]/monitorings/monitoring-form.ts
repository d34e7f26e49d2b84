import {
  MonitoringInput,
  PLAN_CHANGE_KINDS,
  PLAN_CHANGE_KIND_LABELS,
  type GoalAchievement,
  type MONITORING_KINDS,
  type MONITORING_METHODS,
  type Plan,
  type PlanChangeKind,
} from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';
import { byPriority } from '#lib/plans.ts';

export type YesNo = 'yes' | 'no' | '';

/** One goal row of the モニタリング報告書 as typed. */
export interface ProgressRowValues extends Record<PlanChangeKind, YesNo> {
  key: string;
  /** 優先順位 of the plan row the goal came from; none for a goal typed in. */
  priority: number | undefined;
  goal: string;
  /** 達成時期, from the plan. */
  period: string;
  /** サービス提供状況 */
  progress: string;
  satisfaction: string;
  achieved: GoalAchievement | '';
  achievementNote: string;
  issues: string;
  remarks: string;
}

export interface MonitoringFormValues {
  conductedOn: string;
  kind: (typeof MONITORING_KINDS)[number];
  method: (typeof MONITORING_METHODS)[number] | '';
  overallSituation: string;
  progress: ProgressRowValues[];
  notes: string;
  /** 次回モニタリング予定月 `YYYY-MM`; empty: computed from the service decision. */
  nextMonitoringMonth: string;
}

type NewKey = () => string;
const randomKey: NewKey = () => crypto.randomUUID();

export const emptyProgressRow = (newKey: NewKey = randomKey): ProgressRowValues => ({
  key: newKey(),
  priority: undefined,
  goal: '',
  period: '',
  progress: '',
  satisfaction: '',
  achieved: '',
  achievementNote: '',
  issues: '',
  changeServiceKind: '',
  changeServiceAmount: '',
  changeWeeklySchedule: '',
  remarks: '',
});

/**
 * One row per support goal of the plan, in priority order, with its 優先順位 and 達成時期; one empty
 * row without a plan.
 */
export const progressRowsFromPlan = (plan: Plan | null, newKey: NewKey = randomKey): ProgressRowValues[] => {
  const needs = plan ? byPriority(plan.content.needs) : [];
  if (needs.length === 0) return [emptyProgressRow(newKey)];
  return needs.map((row) => ({
    ...emptyProgressRow(newKey),
    priority: row.priority,
    goal: row.goal,
    period: row.period,
  }));
};

export const emptyMonitoringForm = (
  today: string,
  plan: Plan | null = null,
  newKey: NewKey = randomKey,
): MonitoringFormValues => ({
  conductedOn: today,
  kind: 'regular',
  method: '',
  overallSituation: '',
  progress: progressRowsFromPlan(plan, newKey),
  notes: '',
  nextMonitoringMonth: '',
});

const TYPED_FIELDS = ['goal', 'progress', 'satisfaction', 'achievementNote', 'issues', 'remarks'] as const;

const isBlankRow = (row: ProgressRowValues) =>
  TYPED_FIELDS.every((field) => row[field].trim() === '') &&
  row.achieved === '' &&
  PLAN_CHANGE_KINDS.every((kind) => row[kind] === '');

const answerOf = (value: YesNo): boolean | undefined => (value === '' ? undefined : value === 'yes');

/** `2026/6`, `２０２６－０６` → `2026-06`; anything else is sent as typed, for the schema to refuse. */
export const normaliseYearMonth = (typed: string): string => {
  const value = typed
    .normalize('NFKC')
    .trim()
    .replace(/[/.年－ー]/g, '-')
    .replace(/月$/, '');
  const match = /^(\d{4})-(\d{1,2})$/.exec(value);
  return match ? `${match[1]}-${(match[2] ?? '').padStart(2, '0')}` : value;
};

/** The request body: rows left entirely empty are not sent, each yes/no radio becomes a boolean. */
export const toMonitoringBody = (values: MonitoringFormValues) => {
  const nextMonth = normaliseYearMonth(values.nextMonitoringMonth);
  return {
    conductedOn: values.conductedOn,
    kind: values.kind,
    method: values.method === '' ? undefined : values.method,
    overallSituation: values.overallSituation,
    progress: values.progress
      .filter((row) => !isBlankRow(row))
      .map((row) => ({
        ...(row.priority === undefined ? {} : { priority: row.priority }),
        goal: row.goal,
        period: row.period,
        progress: row.progress,
        satisfaction: row.satisfaction,
        achieved: row.achieved === '' ? undefined : row.achieved,
        achievementNote: row.achievementNote,
        issues: row.issues,
        changeServiceKind: answerOf(row.changeServiceKind),
        changeServiceAmount: answerOf(row.changeServiceAmount),
        changeWeeklySchedule: answerOf(row.changeWeeklySchedule),
        remarks: row.remarks,
      })),
    notes: values.notes,
    nextMonitoringMonth: nextMonth === '' ? undefined : nextMonth,
  };
};

export const checkMonitoringForm = (values: MonitoringFormValues): FormCheck<MonitoringInput> =>
  checkInput(MonitoringInput, toMonitoringBody(values));

const LABELS: Record<string, string> = {
  conductedOn: '実施日',
  kind: '種別',
  method: '実施方法',
  overallSituation: '全体の状況',
  progress: '支援目標ごとの評価',
  personSatisfaction: '本人の満足度・意見',
  planChangeNeeded: '計画変更の必要性',
  notes: '特記事項',
  nextMonitoringMonth: '次回モニタリング予定月',
};
const PROGRESS_LABELS: Record<string, string> = {
  priority: '優先順位',
  goal: '支援目標',
  period: '達成時期',
  progress: 'サービス提供状況',
  satisfaction: '本人の感想・満足度',
  achieved: '達成度',
  achievementNote: '達成度（ニーズの充足度）',
  issues: '今後の課題・解決方法',
  remarks: 'その他留意事項',
  ...PLAN_CHANGE_KIND_LABELS,
};

export const monitoringInputLabel = (name: string): string => {
  const [head, row, field] = name.split('.');
  if (head === 'progress' && row !== undefined && field !== undefined)
    return `目標${Number(row) + 1}：${PROGRESS_LABELS[field] ?? field}`;
  return LABELS[name] ?? name;
};
