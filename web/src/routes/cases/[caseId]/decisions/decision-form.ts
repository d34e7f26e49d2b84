import { ServiceDecisionInput, addDays, addMonths, type CaseView } from '@kikan/shared';
import { checkInput, linesOf, numberOrUndefined, type FormCheck } from '#lib/forms.ts';

export interface DecisionFormValues {
  decidedOn: string;
  validFrom: string;
  validTo: string;
  monitoringPeriodMonths: string;
  intensiveStart: boolean;
  /** One service per line, as on the 受給者証. */
  services: string;
}

/**
 * A new decision starts today for a year (the usual 支給決定期間), with the monitoring period the
 * case already has. `intensiveStart` (monthly for the first three months) is preset for a case
 * that has had no decision yet: new use is the common case for it.
 */
export const emptyDecisionForm = (
  view: Pick<CaseView, 'monitoringPeriodMonths' | 'nextMonitoringDueOn' | 'lastMonitoringOn'>,
  today: string,
): DecisionFormValues => ({
  decidedOn: today,
  validFrom: today,
  validTo: addDays(addMonths(today, 12), -1),
  monitoringPeriodMonths: String(view.monitoringPeriodMonths),
  intensiveStart: view.nextMonitoringDueOn === null && view.lastMonitoringOn === undefined,
  services: '',
});

export const toDecisionBody = (values: DecisionFormValues) => ({
  decidedOn: values.decidedOn,
  validFrom: values.validFrom,
  validTo: values.validTo,
  monitoringPeriodMonths: numberOrUndefined(values.monitoringPeriodMonths),
  intensiveStart: values.intensiveStart,
  services: linesOf(values.services),
});

export const checkDecisionForm = (values: DecisionFormValues): FormCheck<ServiceDecisionInput> =>
  checkInput(ServiceDecisionInput, toDecisionBody(values));

export const DECISION_FIELD_LABELS: Record<string, string> = {
  decidedOn: '決定日',
  validFrom: '支給決定期間の開始日',
  validTo: '支給決定期間の終了日',
  monitoringPeriodMonths: 'モニタリング期間',
  intensiveStart: '新規・大きな変更',
  services: '決定されたサービス',
};
