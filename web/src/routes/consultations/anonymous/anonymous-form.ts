import {
  AnonymousConsultationInput,
  type AnonymousConsultationTopic,
  type CONSULTATION_CHANNELS,
  type CONSULTATION_COUNTERPARTS,
} from '@kikan/shared';
import { checkInput, numberOrUndefined, type FormCheck } from '#lib/forms.ts';

/** A basic consultation with nobody enrolled: only what is counted, never who it was. */
export interface AnonymousFormValues {
  consultedOn: string;
  channel: (typeof CONSULTATION_CHANNELS)[number] | '';
  counterpart: (typeof CONSULTATION_COUNTERPARTS)[number] | '';
  topic: AnonymousConsultationTopic | '';
  minutes: string;
}

export const emptyAnonymousForm = (today: string): AnonymousFormValues => ({
  consultedOn: today,
  channel: '',
  counterpart: '',
  topic: '',
  minutes: '',
});

export const toAnonymousBody = (values: AnonymousFormValues) => ({
  consultedOn: values.consultedOn,
  channel: values.channel || undefined,
  counterpart: values.counterpart || undefined,
  topic: values.topic || undefined,
  minutes: numberOrUndefined(values.minutes),
});

export const checkAnonymousForm = (
  values: AnonymousFormValues,
): FormCheck<ReturnType<typeof AnonymousConsultationInput.parse>> =>
  checkInput(AnonymousConsultationInput, toAnonymousBody(values));

export const ANONYMOUS_FIELD_LABELS: Record<string, string> = {
  consultedOn: '相談日',
  channel: '相談の方法',
  counterpart: '相談の相手',
  topic: '相談の内容（分類）',
  minutes: '所要時間（分）',
};

/** `2026-05` → the month before / after, for the counts' month switcher. */
export const shiftMonth = (month: string, offset: number): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + offset;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};
