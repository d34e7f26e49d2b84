import {
  CaseSettingsInput,
  type CaseView,
  type PlanAuthor,
  type SelfPlanReason,
  type ServiceUseStatus,
} from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';

export interface SettingsFormValues {
  specialistUserId: string;
  monitoringPeriodMonths: string;
  serviceUseStatus: ServiceUseStatus;
  planAuthor: PlanAuthor;
  selfPlanReason: SelfPlanReason | '';
}

type SettingsSource = Pick<
  CaseView,
  'monitoringPeriodMonths' | 'serviceUseStatus' | 'planAuthor' | 'selfPlanReason'
> & { specialistUserId?: string };

export const settingsFormOf = (view: SettingsSource): SettingsFormValues => ({
  specialistUserId: view.specialistUserId ?? '',
  monitoringPeriodMonths: String(view.monitoringPeriodMonths),
  serviceUseStatus: view.serviceUseStatus,
  planAuthor: view.planAuthor,
  selfPlanReason: view.selfPlanReason ?? '',
});

/**
 * Only what changed is sent (a PATCH): an untouched field must not overwrite a concurrent change
 * the If-Match check would otherwise be the only guard against. A self-plan always carries its
 * reason; switching back to a specialist-written plan drops it.
 */
export const toSettingsBody = (values: SettingsFormValues, view: SettingsSource) => {
  const body: Record<string, unknown> = {};
  if (values.specialistUserId !== '' && values.specialistUserId !== (view.specialistUserId ?? ''))
    body.specialistUserId = values.specialistUserId;
  if (values.monitoringPeriodMonths !== String(view.monitoringPeriodMonths))
    body.monitoringPeriodMonths = Number(values.monitoringPeriodMonths);
  if (values.serviceUseStatus !== view.serviceUseStatus) body.serviceUseStatus = values.serviceUseStatus;
  const authorChanged = values.planAuthor !== view.planAuthor;
  if (authorChanged) body.planAuthor = values.planAuthor;
  if (values.planAuthor === 'self_plan') {
    const reasonChanged = values.selfPlanReason !== (view.selfPlanReason ?? '');
    if (authorChanged || reasonChanged)
      body.selfPlanReason = values.selfPlanReason === '' ? undefined : values.selfPlanReason;
  }
  return body;
};

export const checkSettingsForm = (
  values: SettingsFormValues,
  view: SettingsSource,
): FormCheck<CaseSettingsInput> => checkInput(CaseSettingsInput, toSettingsBody(values, view));

export const SETTINGS_FIELD_LABELS: Record<string, string> = {
  specialistUserId: '担当相談支援専門員',
  monitoringPeriodMonths: 'モニタリング期間',
  serviceUseStatus: 'サービス利用状況',
  planAuthor: '計画作成者',
  selfPlanReason: 'セルフプランの理由',
};
