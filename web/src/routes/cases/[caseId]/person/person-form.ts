import { PersonPatchInput, type DisabilityCategory, type Person, type SupportLevel } from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';

export interface PersonFormValues {
  name: string;
  kana: string;
  birthDate: string;
  municipalityCode: string;
  recipientNumber: string;
  disabilityCategories: DisabilityCategory[];
  supportLevel: SupportLevel;
  familySituation: string;
}

type PersonSource = Pick<Person, keyof PersonFormValues>;

export const personFormOf = (person: PersonSource): PersonFormValues => ({
  name: person.name,
  kana: person.kana,
  birthDate: person.birthDate,
  municipalityCode: person.municipalityCode,
  recipientNumber: person.recipientNumber ?? '',
  disabilityCategories: [...person.disabilityCategories],
  supportLevel: person.supportLevel,
  familySituation: person.familySituation,
});

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

/** Only the fields that changed (a PATCH); a recipient number cannot be removed once issued. */
export const toPersonPatch = (values: PersonFormValues, person: PersonSource) => {
  const body: Record<string, unknown> = {};
  const text = ['name', 'kana', 'birthDate', 'municipalityCode', 'familySituation'] as const;
  for (const field of text) if (values[field] !== person[field]) body[field] = values[field];
  const recipientNumber = values.recipientNumber.trim();
  if (recipientNumber !== '' && recipientNumber !== (person.recipientNumber ?? ''))
    body.recipientNumber = recipientNumber;
  if (!sameSet(values.disabilityCategories, person.disabilityCategories))
    body.disabilityCategories = values.disabilityCategories;
  if (values.supportLevel !== person.supportLevel) body.supportLevel = values.supportLevel;
  return body;
};

export const checkPersonForm = (
  values: PersonFormValues,
  person: PersonSource,
): FormCheck<PersonPatchInput> => checkInput(PersonPatchInput, toPersonPatch(values, person));

export const PERSON_FIELD_LABELS: Record<string, string> = {
  name: '氏名',
  kana: 'フリガナ',
  birthDate: '生年月日',
  municipalityCode: '市町村',
  recipientNumber: '受給者証番号',
  disabilityCategories: '障害種別',
  supportLevel: '障害支援区分',
  familySituation: '家族の状況',
};
