import { MonitoringInput, type MONITORING_KINDS, type MONITORING_METHODS, type Plan } from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';
import { byPriority } from '#lib/plans.ts';

export type Achievement = 'achieved' | 'partly' | 'not_yet';

export interface ProgressRowValues {
  key: string;
  goal: string;
  progress: string;
  achieved: Achievement | '';
}

export interface MonitoringFormValues {
  conductedOn: string;
  kind: (typeof MONITORING_KINDS)[number];
  method: (typeof MONITORING_METHODS)[number] | '';
  progress: ProgressRowValues[];
  personSatisfaction: string;
  planChangeNeeded: 'yes' | 'no' | '';
  notes: string;
}

type NewKey = () => string;
const randomKey: NewKey = () => crypto.randomUUID();

export const emptyProgressRow = (newKey: NewKey = randomKey): ProgressRowValues => ({
  key: newKey(),
  goal: '',
  progress: '',
  achieved: '',
});

/** One progress row per support goal of the plan, in priority order; one empty row without a plan. */
export const progressRowsFromPlan = (plan: Plan | null, newKey: NewKey = randomKey): ProgressRowValues[] => {
  const goals = plan ? byPriority(plan.content.needs).map((row) => row.goal) : [];
  if (goals.length === 0) return [emptyProgressRow(newKey)];
  return goals.map((goal) => ({ key: newKey(), goal, progress: '', achieved: '' }));
};

export const emptyMonitoringForm = (
  today: string,
  plan: Plan | null = null,
  newKey: NewKey = randomKey,
): MonitoringFormValues => ({
  conductedOn: today,
  kind: 'regular',
  method: '',
  progress: progressRowsFromPlan(plan, newKey),
  personSatisfaction: '',
  planChangeNeeded: '',
  notes: '',
});

const isBlankRow = (row: ProgressRowValues) =>
  row.goal.trim() === '' && row.progress.trim() === '' && row.achieved === '';

/** The request body: rows left entirely empty are not sent, the yes/no radio becomes a boolean. */
export const toMonitoringBody = (values: MonitoringFormValues) => ({
  conductedOn: values.conductedOn,
  kind: values.kind,
  method: values.method === '' ? undefined : values.method,
  progress: values.progress
    .filter((row) => !isBlankRow(row))
    .map((row) => ({
      goal: row.goal,
      progress: row.progress,
      achieved: row.achieved === '' ? undefined : row.achieved,
    })),
  personSatisfaction: values.personSatisfaction,
  planChangeNeeded: values.planChangeNeeded === '' ? undefined : values.planChangeNeeded === 'yes',
  notes: values.notes,
});

export const checkMonitoringForm = (values: MonitoringFormValues): FormCheck<MonitoringInput> =>
  checkInput(MonitoringInput, toMonitoringBody(values));

const LABELS: Record<string, string> = {
  conductedOn: '実施日',
  kind: '種別',
  method: '実施方法',
  progress: '目標ごとの達成状況',
  personSatisfaction: '本人の満足度・意見',
  planChangeNeeded: '計画変更の必要性',
  notes: '特記事項',
};
const PROGRESS_LABELS: Record<string, string> = {
  goal: '支援目標',
  progress: '経過・状況',
  achieved: '達成度',
};

export const monitoringInputLabel = (name: string): string => {
  const [head, row, field] = name.split('.');
  if (head === 'progress' && row !== undefined && field !== undefined)
    return `目標${Number(row) + 1}：${PROGRESS_LABELS[field] ?? field}`;
  return LABELS[name] ?? name;
};
