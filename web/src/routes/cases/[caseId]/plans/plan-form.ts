import { PlanInput, readNumber, todayInJapan } from '@kikan/shared';
import type { PlanContent, PlanServiceType, Weekday, WeeklyEntryKind } from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';
import { byPriority } from '#lib/plans.ts';

/** One 福祉サービス等 line of a need row as the inputs hold it. */
export interface ServiceLineValues {
  key: string;
  /** '' until one is chosen. */
  serviceType: PlanServiceType | '';
  content: string;
  amount: string;
  provider: string;
}

/** One row of the plan table. `key` only keeps Svelte's rows apart while they move; it is not sent. */
export interface NeedRowValues {
  key: string;
  need: string;
  goal: string;
  period: string;
  services: ServiceLineValues[];
  personRole: string;
  evaluationTiming: string;
  supporters: string;
  notes: string;
}

/** One entry of the 週間計画表 as the inputs hold it. */
export interface WeeklyEntryValues {
  key: string;
  day: Weekday;
  start: string;
  end: string;
  label: string;
  kind: WeeklyEntryKind;
}

export interface WeeklyScheduleValues {
  entries: WeeklyEntryValues[];
  dailyActivities: string;
  nonWeeklyServices: string;
  lifeOverview: string;
}

export interface PlanFormValues {
  /** 計画作成日: today for a new draft; a draft keeps its own. */
  createdOn: string;
  personWishes: string;
  familyWishes: string;
  overallPolicy: string;
  longTermGoal: string;
  shortTermGoal: string;
  /** 利用者負担上限額 as typed (yen); '' when not recorded. */
  userChargeCap: string;
  needs: NeedRowValues[];
  weeklySchedule: WeeklyScheduleValues;
}

export type NewKey = () => string;
const randomKey: NewKey = () => crypto.randomUUID();

export const emptyServiceLine = (newKey: NewKey = randomKey): ServiceLineValues => ({
  key: newKey(),
  serviceType: '',
  content: '',
  amount: '',
  provider: '',
});

export const emptyWeeklyEntry = (newKey: NewKey = randomKey, day: Weekday = 'mon'): WeeklyEntryValues => ({
  key: newKey(),
  day,
  start: '',
  end: '',
  label: '',
  kind: 'service',
});

export const emptyNeedRow = (newKey: NewKey = randomKey): NeedRowValues => ({
  key: newKey(),
  need: '',
  goal: '',
  period: '',
  services: [emptyServiceLine(newKey)],
  personRole: '',
  evaluationTiming: '',
  supporters: '',
  notes: '',
});

export const emptyPlanForm = (newKey: NewKey = randomKey): PlanFormValues => ({
  createdOn: todayInJapan(),
  personWishes: '',
  familyWishes: '',
  overallPolicy: '',
  longTermGoal: '',
  shortTermGoal: '',
  userChargeCap: '',
  needs: [emptyNeedRow(newKey)],
  weeklySchedule: { entries: [], dailyActivities: '', nonWeeklyServices: '', lifeOverview: '' },
});

/**
 * A stored plan's content in the editor: a final plan copied into a new draft starts from this too,
 * dated today (the copy is a new plan), while a draft reopened keeps its 計画作成日.
 */
export const planFormOf = (
  content: PlanContent,
  newKey: NewKey = randomKey,
  createdOn: string = todayInJapan(),
): PlanFormValues => ({
  createdOn,
  personWishes: content.personWishes,
  familyWishes: content.familyWishes,
  overallPolicy: content.overallPolicy,
  longTermGoal: content.longTermGoal,
  shortTermGoal: content.shortTermGoal,
  userChargeCap: content.userChargeCap === undefined ? '' : String(content.userChargeCap),
  needs: byPriority(content.needs).map((row) => ({
    key: newKey(),
    need: row.need,
    goal: row.goal,
    period: row.period,
    services: row.services.map((line) => ({ key: newKey(), ...line })),
    personRole: row.personRole,
    evaluationTiming: row.evaluationTiming,
    supporters: row.supporters,
    notes: row.notes,
  })),
  weeklySchedule: {
    ...content.weeklySchedule,
    entries: content.weeklySchedule.entries.map((entry) => ({ key: newKey(), ...entry })),
  },
});

const isBlankLine = (line: ServiceLineValues) =>
  line.serviceType === '' &&
  line.content.trim() === '' &&
  line.provider.trim() === '' &&
  line.amount.trim() === '';

const isBlankEntry = (entry: WeeklyEntryValues) =>
  entry.start.trim() === '' && entry.end.trim() === '' && entry.label.trim() === '';

/**
 * The request body: 優先順位 is the row's position (1 = first), and service lines left entirely
 * empty are dropped so an untouched spare line does not fail the "kind is required" check.
 */
export const toPlanBody = (values: PlanFormValues) => ({
  personWishes: values.personWishes,
  familyWishes: values.familyWishes,
  overallPolicy: values.overallPolicy,
  longTermGoal: values.longTermGoal,
  shortTermGoal: values.shortTermGoal,
  needs: values.needs.map((row, index) => ({
    priority: index + 1,
    need: row.need,
    goal: row.goal,
    period: row.period,
    services: row.services
      .filter((line) => !isBlankLine(line))
      .map(({ serviceType, content, amount, provider }) => ({ serviceType, content, amount, provider })),
    personRole: row.personRole,
    evaluationTiming: row.evaluationTiming,
    supporters: row.supporters,
    notes: row.notes,
  })),
  ...(values.userChargeCap.trim() === '' ? {} : { userChargeCap: readNumber(values.userChargeCap) }),
  weeklySchedule: {
    entries: values.weeklySchedule.entries
      .filter((entry) => !isBlankEntry(entry))
      .map(({ day, start, end, label, kind }) => ({ day, start, end, label, kind })),
    dailyActivities: values.weeklySchedule.dailyActivities,
    nonWeeklyServices: values.weeklySchedule.nonWeeklyServices,
    lifeOverview: values.weeklySchedule.lifeOverview,
  },
});

/** The content and its 計画作成日, as the create and rewrite routes take them. */
export const planInputOf = (values: PlanFormValues) => ({
  ...toPlanBody(values),
  createdOn: values.createdOn,
});

export const checkPlanForm = (values: PlanFormValues): FormCheck<PlanInput> =>
  checkInput(PlanInput, planInputOf(values));

export const PLAN_FIELD_LABELS: Record<string, string> = {
  createdOn: '計画作成日',
  personWishes: '利用者の意向（本人の言葉で）',
  familyWishes: '家族の意向',
  overallPolicy: '総合的な援助の方針',
  longTermGoal: '長期目標',
  shortTermGoal: '短期目標',
  userChargeCap: '利用者負担上限額',
  needs: '支援内容の表',
  'weeklySchedule.entries': '週間計画表の予定',
  'weeklySchedule.dailyActivities': '主な日常生活上の活動',
  'weeklySchedule.nonWeeklyServices': '週単位以外のサービス',
  'weeklySchedule.lifeOverview': 'サービス提供によって実現する生活の全体像',
};

export const NEED_FIELD_LABELS: Record<string, string> = {
  priority: '優先順位',
  need: '解決すべき課題（本人のニーズ）',
  goal: '支援目標',
  period: '達成時期',
  services: '福祉サービス等',
  personRole: '課題解決のための本人の役割',
  evaluationTiming: '評価時期',
  supporters: '支援者（誰が）',
  notes: 'その他留意事項',
};

export const SERVICE_LINE_LABELS: Record<string, string> = {
  serviceType: '種類',
  content: '内容',
  amount: '量（頻度・時間）',
  provider: '提供事業者名',
};

export const WEEKLY_ENTRY_LABELS: Record<string, string> = {
  day: '曜日',
  start: '開始時刻',
  end: '終了時刻',
  label: '内容',
  kind: '区分',
};

/**
 * `needs.1.services.0.serviceType` → 「優先順位2：福祉サービス等1 種類」 and
 * `weeklySchedule.entries.2.end` → 「週間計画表3：終了時刻」, for the error summary.
 */
export const planInputLabel = (name: string): string => {
  const [head, row, field, line, lineField] = name.split('.');
  if (head === 'weeklySchedule' && row === 'entries' && field !== undefined && line !== undefined)
    return `週間計画表${Number(field) + 1}：${WEEKLY_ENTRY_LABELS[line] ?? line}`;
  if (head !== 'needs' || row === undefined || field === undefined) return PLAN_FIELD_LABELS[name] ?? name;
  const rowLabel = `優先順位${Number(row) + 1}`;
  if (field === 'services' && line !== undefined && lineField !== undefined)
    return `${rowLabel}：福祉サービス等${Number(line) + 1} ${SERVICE_LINE_LABELS[lineField] ?? lineField}`;
  return `${rowLabel}：${NEED_FIELD_LABELS[field] ?? field}`;
};
