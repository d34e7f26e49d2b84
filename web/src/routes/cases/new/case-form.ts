import {
  CaseCreateInput,
  kanaForComparison,
  type PlanAuthor,
  type SelfPlanReason,
  type ServiceKind,
  type ServiceUseStatus,
} from '@kikan/shared';
import { settledDateInput } from '#lib/dates.ts';
import { checkInput, optionalText as optional, type FormCheck } from '#lib/forms.ts';
import {
  contactInputOf,
  emptyPersonForm,
  personFieldLabels,
  type PersonFormValues,
} from '#lib/person-form.ts';

/** What the inputs hold: strings as typed, '' for "not chosen". */
export interface CaseFormValues {
  person: PersonFormValues;
  specialistUserId: string;
  serviceKind: ServiceKind | '';
  planAuthor: PlanAuthor;
  selfPlanReason: SelfPlanReason | '';
  monitoringPeriodMonths: string;
  serviceUseStatus: ServiceUseStatus;
  openedOn: string;
  /** The user has checked that the likely duplicates shown are other people (ADR 0025). */
  confirmNotDuplicate: boolean;
}

export const emptyCaseForm = (today: string): CaseFormValues => ({
  person: emptyPersonForm(),
  specialistUserId: '',
  serviceKind: '',
  planAuthor: 'specialist',
  selfPlanReason: '',
  monitoringPeriodMonths: '',
  serviceUseStatus: 'not_started',
  openedOn: today,
  confirmNotDuplicate: false,
});

/** Labels by input name, for the error summary. */
export const FIELD_LABELS: Record<string, string> = {
  ...personFieldLabels('person.'),
  specialistUserId: '担当相談支援専門員',
  serviceKind: 'サービス種別',
  planAuthor: '計画作成者',
  selfPlanReason: 'セルフプランの理由',
  monitoringPeriodMonths: 'モニタリング期間',
  serviceUseStatus: 'サービス利用状況',
  openedOn: '開始日',
  confirmNotDuplicate: '同じ人の記録の確認',
};

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
    ...contactInputOf(values.person),
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
  confirmNotDuplicate: values.confirmNotDuplicate,
});

/**
 * What identifies "the same person" for the likely-duplicate check: a confirmation given for one
 * reading and birth date does not carry over once either is changed (the same reading and day
 * typed another way, ひらがな or 和暦, is no change).
 */
export const duplicateCheckKey = (values: CaseFormValues): string =>
  `${kanaForComparison(values.person.kana)}|${settledDateInput(values.person.birthDate)}`;

export type CaseFormCheck = FormCheck<CaseCreateInput>;

/** The same schema the API validates with, run before sending so most mistakes never leave the browser. */
export const checkCaseForm = (values: CaseFormValues): CaseFormCheck =>
  checkInput(CaseCreateInput, toRequestBody(values));
