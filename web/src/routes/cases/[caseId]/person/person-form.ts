import { PersonPatchInput, type Person } from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';
import { contactFormOf, contactPatchOf, type PersonFormValues } from '#lib/person-form.ts';

type PersonSource = Pick<
  Person,
  | 'name'
  | 'kana'
  | 'birthDate'
  | 'municipalityCode'
  | 'recipientNumber'
  | 'disabilityCategories'
  | 'supportLevel'
  | 'familySituation'
  | 'sex'
  | 'address'
  | 'phone'
  | 'representative'
  | 'emergencyContact'
>;

export const personFormOf = (person: PersonSource): PersonFormValues => ({
  name: person.name,
  kana: person.kana,
  birthDate: person.birthDate,
  municipalityCode: person.municipalityCode,
  recipientNumber: person.recipientNumber ?? '',
  disabilityCategories: [...person.disabilityCategories],
  supportLevel: person.supportLevel,
  familySituation: person.familySituation,
  ...contactFormOf(person),
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
  return { ...body, ...contactPatchOf(values, person) };
};

export const checkPersonForm = (
  values: PersonFormValues,
  person: PersonSource,
): FormCheck<PersonPatchInput> => checkInput(PersonPatchInput, toPersonPatch(values, person));
