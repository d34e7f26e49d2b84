import {
  CaseCreateInput,
  type DisabilityCategory,
  type PlanAuthor,
  type SelfPlanReason,
  type ServiceKind,
  type ServiceUseStatus,
  type SupportLevel,
} from '@kikan/shared';
import { inputNameOfPath } from '#lib/api.ts';

/** What the inputs hold: strings as typed, '' for "not chosen". */
export interface CaseFormValues {
  person: {
    name: string;
    kana: string;
    birthDate: string;
    municipalityCode: string;
    recipientNumber: string;
    disabilityCategories: DisabilityCategory[];
    supportLevel: SupportLevel;
    familySituation: string;
  };
  specialistUserId: string;
  serviceKind: ServiceKind | '';
  planAuthor: PlanAuthor;
  selfPlanReason: SelfPlanReason | '';
  monitoringPeriodMonths: string;
  serviceUseStatus: ServiceUseStatus;
  openedOn: string;
}

export const emptyCaseForm = (today: string): CaseFormValues => ({
  person: {
    name: '',
    kana: '',
    birthDate: '',
    municipalityCode: '',
    recipientNumber: '',
    disabilityCategories: [],
    supportLevel: 'not_assessed',
    familySituation: '',
  },
  specialistUserId: '',
  serviceKind: '',
  planAuthor: 'specialist',
  selfPlanReason: '',
  monitoringPeriodMonths: '',
  serviceUseStatus: 'not_started',
  openedOn: today,
});

/** Labels by input name, for the error summary. */
export const FIELD_LABELS: Record<string, string> = {
  'person.name': '氏名',
  'person.kana': 'フリガナ',
  'person.birthDate': '生年月日',
  'person.municipalityCode': '市町村',
  'person.recipientNumber': '受給者証番号',
  'person.disabilityCategories': '障害種別',
  'person.supportLevel': '障害支援区分',
  'person.familySituation': '家族の状況',
  specialistUserId: '担当相談支援専門員',
  serviceKind: 'サービス種別',
  planAuthor: '計画作成者',
  selfPlanReason: 'セルフプランの理由',
  monitoringPeriodMonths: 'モニタリング期間',
  serviceUseStatus: 'サービス利用状況',
  openedOn: '開始日',
};

const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/** The request body the inputs describe: empty optional inputs are left out, numbers become numbers. */
export const toRequestBody = (values: CaseFormValues): Record<string, unknown> => ({
  person: {
    name: values.person.name,
    kana: values.person.kana,
    birthDate: values.person.birthDate,
    municipalityCode: values.person.municipalityCode.trim(),
    recipientNumber: optional(values.person.recipientNumber.trim()),
    disabilityCategories: values.person.disabilityCategories,
    supportLevel: values.person.supportLevel,
    familySituation: values.person.familySituation,
  },
  specialistUserId: optional(values.specialistUserId.trim()),
  serviceKind: optional(values.serviceKind),
  planAuthor: values.planAuthor,
  // A reason chosen before switching back to a specialist-written plan is not sent.
  selfPlanReason: values.planAuthor === 'self_plan' ? optional(values.selfPlanReason) : undefined,
  monitoringPeriodMonths:
    values.monitoringPeriodMonths === '' ? undefined : Number(values.monitoringPeriodMonths),
  serviceUseStatus: values.serviceUseStatus,
  openedOn: values.openedOn,
});

/**
 * Japanese wording for the checks the shared schema leaves to zod's defaults (enums and missing
 * values); the schema's own messages take precedence over this map.
 */
const fallbackMessage = (issue: { code?: string; input?: unknown }): string => {
  if (issue.input === undefined || issue.input === '')
    return issue.code === 'invalid_value' ? '選択してください' : '入力してください';
  if (issue.code === 'invalid_value') return '選択肢から選んでください';
  return '入力内容を確認してください';
};

export type CaseFormCheck =
  { ok: true; input: CaseCreateInput } | { ok: false; errors: Record<string, string> };

/** The same schema the API validates with, run before sending so most mistakes never leave the browser. */
export const checkCaseForm = (values: CaseFormValues): CaseFormCheck => {
  const parsed = CaseCreateInput.safeParse(toRequestBody(values), { error: fallbackMessage });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = inputNameOfPath(issue.path);
    if (name !== null) errors[name] ??= issue.message;
  }
  return { ok: false, errors };
};

/**
 * The Idempotency-Key of a submission: the same body retried (a timeout, a double click) reuses
 * its key so the server creates one case; a changed body is a new submission with a new key
 * (the server refuses a reused key with a different body).
 */
export class SubmissionKey {
  readonly #newKey: () => string;
  #body: string | null = null;
  #key = '';

  constructor(newKey: () => string = () => crypto.randomUUID()) {
    this.#newKey = newKey;
  }

  keyFor(body: unknown): string {
    const serialised = JSON.stringify(body);
    if (serialised !== this.#body) {
      this.#body = serialised;
      this.#key = this.#newKey();
    }
    return this.#key;
  }
}
