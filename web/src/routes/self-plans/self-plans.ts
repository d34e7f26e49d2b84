import { SelfPlanInput, type SelfPlanView } from '@kikan/shared/municipality-api';
import { checkInput, type FormCheck } from '#lib/forms.ts';

export interface SelfPlanFormValues {
  name: string;
  kana: string;
  birthDate: string;
  recipientNumber: string;
  serviceKind: string;
  selfPlanReason: string;
  filedOn: string;
  validFrom: string;
  validTo: string;
}

export const emptySelfPlanForm = (today: string): SelfPlanFormValues => ({
  name: '',
  kana: '',
  birthDate: '',
  recipientNumber: '',
  serviceKind: 'plan_consultation',
  selfPlanReason: '',
  filedOn: today,
  validFrom: '',
  validTo: '',
});

export const selfPlanFormOf = (view: SelfPlanView): SelfPlanFormValues => ({
  name: view.person.name,
  kana: view.person.kana,
  birthDate: view.person.birthDate,
  recipientNumber: view.person.recipientNumber,
  serviceKind: view.serviceKind,
  selfPlanReason: view.selfPlanReason,
  filedOn: view.filedOn,
  validFrom: view.decision?.validFrom ?? '',
  validTo: view.decision?.validTo ?? '',
});

/** The decision's dates are given both or neither: without them the self-plan counts in no month yet. */
export const checkSelfPlanForm = (values: SelfPlanFormValues): FormCheck<SelfPlanInput> =>
  checkInput(SelfPlanInput, {
    person: {
      name: values.name,
      kana: values.kana,
      birthDate: values.birthDate,
      recipientNumber: values.recipientNumber,
    },
    serviceKind: values.serviceKind,
    selfPlanReason: values.selfPlanReason,
    filedOn: values.filedOn,
    ...(values.validFrom.trim() || values.validTo.trim()
      ? { decision: { validFrom: values.validFrom, validTo: values.validTo } }
      : {}),
  });

export const SELF_PLAN_FIELD_LABELS: Record<string, string> = {
  'person.name': '氏名',
  'person.kana': 'フリガナ',
  'person.birthDate': '生年月日',
  'person.recipientNumber': '受給者証番号',
  serviceKind: 'サービスの種類',
  selfPlanReason: 'セルフプランの理由',
  filedOn: '提出日',
  'decision.validFrom': '支給決定期間の始まり',
  'decision.validTo': '支給決定期間の終わり',
};

export const selfPlanLabelOf = (name: string): string => SELF_PLAN_FIELD_LABELS[name] ?? name;
