import { PlanRequestInput } from '@kikan/shared/municipality-api';
import { checkInput, type FormCheck } from '#lib/forms.ts';

export interface RequestFormValues {
  officeId: string;
  recipientNumber: string;
  dueOn: string;
  note: string;
}

export const emptyRequestForm = (dueOn: string): RequestFormValues => ({
  officeId: '',
  recipientNumber: '',
  dueOn,
  note: '',
});

export const checkRequestForm = (values: RequestFormValues): FormCheck<PlanRequestInput> =>
  checkInput(PlanRequestInput, values);

export const REQUEST_FIELD_LABELS: Record<string, string> = {
  officeId: '依頼先の事業所',
  recipientNumber: '受給者証番号',
  dueOn: '提出期限',
  note: '依頼内容（個人情報は書かないでください）',
};

export const requestLabelOf = (name: string): string => REQUEST_FIELD_LABELS[name] ?? name;
