import { PlanInput, todayInJapan } from '@kikan/shared';
import type { PlanContent } from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';
import { byPriority } from '#lib/plans.ts';

/** One 福祉サービス等 line of a need row as the inputs hold it. */
export interface ServiceLineValues {
  key: string;
  kind: string;
  provider: string;
  amount: string;
}

/** One row of the plan table. `key` only keeps Svelte's rows apart while they move; it is not sent. */
export interface NeedRowValues {
  key: string;
  need: string;
  goal: string;
  period: string;
  services: ServiceLineValues[];
  personRole: string;
  supporters: string;
}

export interface PlanFormValues {
  /** 計画作成日: today for a new draft; a draft keeps its own. */
  createdOn: string;
  personWishes: string;
  familyWishes: string;
  overallPolicy: string;
  longTermGoal: string;
  shortTermGoal: string;
  needs: NeedRowValues[];
}

export type NewKey = () => string;
const randomKey: NewKey = () => crypto.randomUUID();

export const emptyServiceLine = (newKey: NewKey = randomKey): ServiceLineValues => ({
  key: newKey(),
  kind: '',
  provider: '',
  amount: '',
});

export const emptyNeedRow = (newKey: NewKey = randomKey): NeedRowValues => ({
  key: newKey(),
  need: '',
  goal: '',
  period: '',
  services: [emptyServiceLine(newKey)],
  personRole: '',
  supporters: '',
});

export const emptyPlanForm = (newKey: NewKey = randomKey): PlanFormValues => ({
  createdOn: todayInJapan(),
  personWishes: '',
  familyWishes: '',
  overallPolicy: '',
  longTermGoal: '',
  shortTermGoal: '',
  needs: [emptyNeedRow(newKey)],
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
  needs: byPriority(content.needs).map((row) => ({
    key: newKey(),
    need: row.need,
    goal: row.goal,
    period: row.period,
    services: row.services.map((line) => ({ key: newKey(), ...line })),
    personRole: row.personRole,
    supporters: row.supporters,
  })),
});

const isBlankLine = (line: ServiceLineValues) =>
  line.kind.trim() === '' && line.provider.trim() === '' && line.amount.trim() === '';

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
      .map(({ kind, provider, amount }) => ({ kind, provider, amount })),
    personRole: row.personRole,
    supporters: row.supporters,
  })),
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
  needs: '支援内容の表',
};

export const NEED_FIELD_LABELS: Record<string, string> = {
  priority: '優先順位',
  need: '解決すべき課題（本人のニーズ）',
  goal: '支援目標',
  period: '達成時期',
  services: '福祉サービス等',
  personRole: '課題解決のための本人の役割',
  supporters: '支援者（誰が）',
};

export const SERVICE_LINE_LABELS: Record<string, string> = {
  kind: '種類・内容',
  provider: '提供事業者',
  amount: '量（頻度・時間）',
};

/** `needs.1.services.0.kind` → 「優先順位2：福祉サービス等1 種類・内容」, for the error summary. */
export const planInputLabel = (name: string): string => {
  const [head, row, field, line, lineField] = name.split('.');
  if (head !== 'needs' || row === undefined || field === undefined) return PLAN_FIELD_LABELS[name] ?? name;
  const rowLabel = `優先順位${Number(row) + 1}`;
  if (field === 'services' && line !== undefined && lineField !== undefined)
    return `${rowLabel}：福祉サービス等${Number(line) + 1} ${SERVICE_LINE_LABELS[lineField] ?? lineField}`;
  return `${rowLabel}：${NEED_FIELD_LABELS[field] ?? field}`;
};
