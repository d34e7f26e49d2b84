import { TransferToAdultRequest, type Office, type OfficeType, type ServiceKind } from '@kikan/shared';
import { checkInput, numberOrUndefined, optionalText, type FormCheck } from '#lib/forms.ts';

export interface TransferFormValues {
  transferOn: string;
  targetOfficeId: string;
  serviceKind: ServiceKind;
  monitoringPeriodMonths: string;
  specialistUserId: string;
  note: string;
}

/** Offices that write adult plans (サービス等利用計画): the ones an 18-year-old's case can move to. */
const ADULT_PLAN_OFFICES: readonly OfficeType[] = [
  'plan_consultation',
  'community_transition',
  'community_settlement',
  'comprehensive_consultation',
  'core_center',
];

/** Designated adult-plan offices first (those with an office number), by name. */
export const transferTargets = (offices: readonly Office[]): Office[] =>
  offices
    .filter((office) => ADULT_PLAN_OFFICES.includes(office.type))
    .sort(
      (a, b) =>
        Number(b.officeNumber !== undefined) - Number(a.officeNumber !== undefined) ||
        a.name.localeCompare(b.name, 'ja'),
    );

/** A transfer is recorded when it happens (the API refuses a future date): today by default. */
export const emptyTransferForm = (today: string): TransferFormValues => ({
  transferOn: today,
  targetOfficeId: '',
  serviceKind: 'plan_consultation',
  monitoringPeriodMonths: '6',
  specialistUserId: '',
  note: '',
});

export const toTransferBody = (values: TransferFormValues) => ({
  transferOn: values.transferOn,
  targetOfficeId: optionalText(values.targetOfficeId),
  serviceKind: values.serviceKind,
  monitoringPeriodMonths: numberOrUndefined(values.monitoringPeriodMonths),
  specialistUserId: optionalText(values.specialistUserId),
  note: values.note,
});

export const checkTransferForm = (values: TransferFormValues): FormCheck<TransferToAdultRequest> =>
  checkInput(TransferToAdultRequest, toTransferBody(values));

export const TRANSFER_FIELD_LABELS: Record<string, string> = {
  transferOn: '移行日',
  targetOfficeId: '移行先の事業所',
  serviceKind: '移行後のサービス種別',
  monitoringPeriodMonths: '移行後のモニタリング期間',
  specialistUserId: '移行後の担当者',
  note: '引き継ぎ事項',
};
