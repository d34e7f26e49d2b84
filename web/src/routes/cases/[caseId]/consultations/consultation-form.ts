import {
  ConsultationInput,
  type CONSULTATION_CHANNELS,
  type CONSULTATION_COUNTERPARTS,
  type SupportCategory,
} from '@kikan/shared';
import { checkInput, numberOrUndefined, type FormCheck } from '#lib/forms.ts';

export interface ConsultationFormValues {
  consultedOn: string;
  channel: (typeof CONSULTATION_CHANNELS)[number] | '';
  counterpart: (typeof CONSULTATION_COUNTERPARTS)[number] | '';
  /** 支援内容 of the national survey: one or more. */
  supportCategories: SupportCategory[];
  summary: string;
  minutes: string;
}

export const emptyConsultationForm = (today: string): ConsultationFormValues => ({
  consultedOn: today,
  channel: '',
  counterpart: '',
  supportCategories: [],
  summary: '',
  minutes: '',
});

export const toConsultationBody = (values: ConsultationFormValues) => ({
  consultedOn: values.consultedOn,
  channel: values.channel === '' ? undefined : values.channel,
  counterpart: values.counterpart === '' ? undefined : values.counterpart,
  supportCategories: values.supportCategories,
  summary: values.summary,
  minutes: numberOrUndefined(values.minutes),
});

export const checkConsultationForm = (values: ConsultationFormValues): FormCheck<ConsultationInput> =>
  checkInput(ConsultationInput, toConsultationBody(values));

export const CONSULTATION_FIELD_LABELS: Record<string, string> = {
  consultedOn: '相談日',
  channel: '支援方法',
  counterpart: '相談の相手',
  supportCategories: '支援内容',
  summary: '相談の内容',
  minutes: '所要時間（分）',
};
