import type { DifficultCategory } from '@kikan/shared';
import {
  ClosureProposalInput,
  DifficultyEscalateInput,
  DifficultyFlagInput,
  SupportMeetingInput,
} from '@kikan/shared/difficult-api';
import { checkInput, type FormCheck } from '#lib/forms.ts';

type NewKey = () => string;
const randomKey: NewKey = () => crypto.randomUUID();
const blank = (...values: string[]) => values.every((value) => value.trim() === '');

// ── Flag ──────────────────────────────────────────────────────────────────────
export interface FlagFormValues {
  categories: DifficultCategory[];
  note: string;
}

export const checkFlagForm = (values: FlagFormValues): FormCheck<DifficultyFlagInput> =>
  checkInput(DifficultyFlagInput, { categories: values.categories, note: values.note });

// ── Escalate ──────────────────────────────────────────────────────────────────
/**
 * How an office can share its difficult case with the core center. With the person's consent
 * (purpose: core supervision) it escalates normally. Without it, only a case of abuse may be shared
 * as an emergency (the duty to report comes before consent), and that is logged; any other case
 * waits for the consent.
 */
export type EscalationPath = 'consent' | 'emergency' | 'blocked';

export const escalationPath = (
  consentInForce: boolean,
  categories: readonly DifficultCategory[],
): EscalationPath => (consentInForce ? 'consent' : categories.includes('abuse') ? 'emergency' : 'blocked');

export const NO_CONSENT_BLOCKED_MESSAGE =
  '本人の同意（基幹相談支援センターとの共有）が記録されていないため、基幹相談支援センターへ連絡できません。先に同意を記録してください。';
export const EMERGENCY_NOT_CONFIRMED_MESSAGE =
  '同意がないまま連絡するには、虐待の疑いによる緊急時であることを確認してチェックを入れてください';

export interface EscalateFormValues {
  reason: string;
  /** The office confirms this is an emergency in a case of abuse (only offered on that path). */
  emergency: boolean;
  emergencyReason: string;
}

export const emptyEscalateForm = (): EscalateFormValues => ({
  reason: '',
  emergency: false,
  emergencyReason: '',
});

/** The emergency goes to the server only on the emergency path, and only once confirmed. */
export const toEscalateBody = (values: EscalateFormValues, path: EscalationPath) => ({
  reason: values.reason,
  ...(path === 'emergency' && values.emergency ? { emergency: { reason: values.emergencyReason } } : {}),
});

export const checkEscalateForm = (
  values: EscalateFormValues,
  path: EscalationPath,
): FormCheck<DifficultyEscalateInput> => {
  const check = checkInput(DifficultyEscalateInput, toEscalateBody(values, path));
  if (path === 'consent') return check;
  const errors = check.ok ? {} : { ...check.errors };
  const general = check.ok ? [] : [...(check.general ?? [])];
  if (path === 'blocked') general.unshift(NO_CONSENT_BLOCKED_MESSAGE);
  else if (!values.emergency) errors.emergency = EMERGENCY_NOT_CONFIRMED_MESSAGE;
  if (general.length === 0 && Object.keys(errors).length === 0) return check;
  return general.length > 0 ? { ok: false, errors, general } : { ok: false, errors };
};

export const ESCALATE_LABELS: Record<string, string> = {
  reason: '連絡の理由・相談したいこと',
  emergency: '緊急時の確認',
  'emergency.reason': '緊急の理由',
};

// ── Support meeting (支援会議) ──────────────────────────────────────────────────
export interface AgencyValues {
  key: string;
  name: string;
  contribution: string;
}

export interface RoleValues {
  key: string;
  who: string;
  what: string;
  dueOn: string;
}

export interface SupportMeetingValues {
  heldOn: string;
  agencies: AgencyValues[];
  summary: string;
  assignments: RoleValues[];
  nextReviewOn: string;
}

export const emptyAgency = (newKey: NewKey = randomKey): AgencyValues => ({
  key: newKey(),
  name: '',
  contribution: '',
});

export const emptyRole = (newKey: NewKey = randomKey): RoleValues => ({
  key: newKey(),
  who: '',
  what: '',
  dueOn: '',
});

export const emptySupportMeeting = (today: string, newKey: NewKey = randomKey): SupportMeetingValues => ({
  heldOn: today,
  agencies: [emptyAgency(newKey), emptyAgency(newKey)],
  summary: '',
  assignments: [emptyRole(newKey)],
  nextReviewOn: '',
});

/** Rows left entirely empty are spare rows, not sent; a half-filled row is sent and checked. */
export const toSupportMeetingBody = (values: SupportMeetingValues) => ({
  heldOn: values.heldOn,
  agencies: values.agencies
    .filter((row) => !blank(row.name, row.contribution))
    .map(({ name, contribution }) => ({ name, contribution })),
  summary: values.summary,
  assignments: values.assignments
    .filter((row) => !blank(row.who, row.what, row.dueOn))
    .map(({ who, what, dueOn }) => ({ who, what, dueOn })),
  nextReviewOn: values.nextReviewOn,
});

export const checkSupportMeetingForm = (values: SupportMeetingValues): FormCheck<SupportMeetingInput> =>
  checkInput(SupportMeetingInput, toSupportMeetingBody(values));

const MEETING_LABELS: Record<string, string> = {
  heldOn: '開催日',
  agencies: '参加機関',
  summary: '話し合いの内容',
  assignments: '役割分担',
  nextReviewOn: '次回の見直し日',
};
const AGENCY_LABELS: Record<string, string> = { name: '機関名', contribution: 'できること（担う役割）' };
const ROLE_LABELS: Record<string, string> = { who: '誰が', what: '何を', dueOn: 'いつまでに' };

export const supportMeetingLabel = (name: string): string => {
  const [head, row, field] = name.split('.');
  if (row !== undefined && field !== undefined) {
    if (head === 'agencies') return `参加機関${Number(row) + 1}：${AGENCY_LABELS[field] ?? field}`;
    if (head === 'assignments') return `役割分担${Number(row) + 1}：${ROLE_LABELS[field] ?? field}`;
  }
  return MEETING_LABELS[name] ?? name;
};

// ── Closure ──────────────────────────────────────────────────────────────────────
export const checkClosureForm = (outcome: string): FormCheck<ClosureProposalInput> =>
  checkInput(ClosureProposalInput, { outcome });
