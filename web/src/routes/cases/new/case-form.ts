import {
  CaseCreateInput,
  type DisabilityCategory,
  type PlanAuthor,
  type SelfPlanReason,
  type ServiceKind,
  type ServiceUseStatus,
  type SupportLevel,
} from '@kikan/shared';
import { checkInput, optionalText as optional, type FormCheck } from '#lib/forms.ts';

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

export type CaseFormCheck = FormCheck<CaseCreateInput>;

/** The same schema the API validates with, run before sending so most mistakes never leave the browser. */
export const checkCaseForm = (values: CaseFormValues): CaseFormCheck =>
  checkInput(CaseCreateInput, toRequestBody(values));
