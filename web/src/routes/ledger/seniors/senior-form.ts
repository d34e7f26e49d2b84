import { SeniorSpecialistInput, SeniorSpecialistPatchInput } from '@kikan/shared/ledger-api';
import { checkInput, optionalText, type FormCheck } from '#lib/forms.ts';

/**
 * A senior specialist (主任相談支援専門員) joins an office's roster: a staff member with an account,
 * or, for someone without one, a name.
 */
export interface SeniorFormValues {
  officeId: string;
  /** '' when the person has no account: the name is typed instead. */
  userId: string;
  name: string;
  certifiedOn: string;
  endedOn: string;
}

export const emptySeniorForm = (): SeniorFormValues => ({
  officeId: '',
  userId: '',
  name: '',
  certifiedOn: '',
  endedOn: '',
});

export const toSeniorBody = (values: SeniorFormValues) => ({
  ...(values.userId ? { userId: values.userId } : { name: values.name }),
  officeId: values.officeId || undefined,
  certifiedOn: values.certifiedOn,
  endedOn: optionalText(values.endedOn),
});

export const checkSeniorForm = (values: SeniorFormValues): FormCheck<SeniorSpecialistInput> => {
  const check = checkInput(SeniorSpecialistInput, toSeniorBody(values));
  if (check.ok || values.userId || values.name.trim() !== '') return check;
  // Neither picked nor typed: the schema's either-or message belongs on the name the user types.
  const { userId: _either, ...errors } = check.errors;
  return { ok: false, errors: { ...errors, name: '職員を選ぶか、氏名を入力してください' } };
};

export const checkEndForm = (endedOn: string): FormCheck<SeniorSpecialistPatchInput> =>
  endedOn === ''
    ? { ok: false, errors: { endedOn: '終了日を入力してください' } }
    : checkInput(SeniorSpecialistPatchInput, { endedOn });

export const SENIOR_FIELD_LABELS: Record<string, string> = {
  officeId: '事業所',
  userId: '職員',
  name: '氏名',
  certifiedOn: '主任相談支援専門員となった日',
  endedOn: '終了日',
};
