import { SupervisionInput, type SupervisionKind } from '@kikan/shared/difficult-api';
import { checkInput, linesOf, type FormCheck } from '#lib/forms.ts';

type NewKey = () => string;
const randomKey: NewKey = () => crypto.randomUUID();

export interface FollowUpValues {
  key: string;
  what: string;
  who: string;
  dueOn: string;
}

export interface SupervisionFormValues {
  kind: SupervisionKind | '';
  heldOn: string;
  specialistUserIds: string[];
  /** One topic per line. */
  topics: string;
  summary: string;
  /** Cases shared with the core center that the supervision was about. */
  caseIds: string[];
  followUps: FollowUpValues[];
}

export const emptyFollowUp = (newKey: NewKey = randomKey): FollowUpValues => ({
  key: newKey(),
  what: '',
  who: '',
  dueOn: '',
});

export const emptySupervisionForm = (today: string, newKey: NewKey = randomKey): SupervisionFormValues => ({
  kind: '',
  heldOn: today,
  specialistUserIds: [],
  topics: '',
  summary: '',
  caseIds: [],
  followUps: [emptyFollowUp(newKey)],
});

const blank = (...values: string[]) => values.every((value) => value.trim() === '');

export const toSupervisionBody = (values: SupervisionFormValues) => ({
  kind: values.kind || undefined,
  heldOn: values.heldOn,
  specialistUserIds: values.specialistUserIds,
  topics: linesOf(values.topics),
  summary: values.summary,
  caseIds: values.caseIds,
  followUps: values.followUps
    .filter((row) => !blank(row.what, row.who, row.dueOn))
    .map(({ what, who, dueOn }) => ({ what, who, dueOn })),
});

export const checkSupervisionForm = (values: SupervisionFormValues): FormCheck<SupervisionInput> =>
  checkInput(SupervisionInput, toSupervisionBody(values));

const LABELS: Record<string, string> = {
  kind: '形式',
  heldOn: '実施日',
  specialistUserIds: '対象の相談支援専門員',
  topics: 'テーマ',
  summary: '内容',
  caseIds: '関連する共有ケース',
  followUps: 'フォローアップ',
};
const FOLLOW_UP_LABELS: Record<string, string> = { what: '何を', who: '誰が', dueOn: '期限' };

export const supervisionInputLabel = (name: string): string => {
  const [head, row, field] = name.split('.');
  if (head === 'followUps' && row !== undefined && field !== undefined)
    return `フォローアップ${Number(row) + 1}：${FOLLOW_UP_LABELS[field] ?? field}`;
  return LABELS[name] ?? name;
};

/** Open follow-ups first (earliest due first), then the done ones. */
export const followUpsInOrder = <T extends { dueOn: string; doneOn?: string | undefined }>(
  followUps: readonly T[],
): T[] =>
  [...followUps].sort(
    (a, b) =>
      Number(a.doneOn !== undefined) - Number(b.doneOn !== undefined) || a.dueOn.localeCompare(b.dueOn),
  );
