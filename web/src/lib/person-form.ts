import type { DisabilityCategory, SupportLevel } from '@kikan/shared';

/** What the person inputs hold (registering a case, changing the person): strings as typed. */
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

export const emptyPersonForm = (): PersonFormValues => ({
  name: '',
  kana: '',
  birthDate: '',
  municipalityCode: '',
  recipientNumber: '',
  disabilityCategories: [],
  supportLevel: 'not_assessed',
  familySituation: '',
});

/** Labels of the person inputs by field, for the error summary. */
export const PERSON_FIELD_LABELS: Readonly<Record<string, string>> = {
  name: '氏名',
  kana: 'フリガナ',
  birthDate: '生年月日',
  municipalityCode: '市町村',
  recipientNumber: '受給者証番号',
  disabilityCategories: '障害種別',
  supportLevel: '障害支援区分',
  familySituation: '家族の状況',
};

/** The same labels under a request-path prefix (`person.name` in the case registration). */
export const personFieldLabels = (prefix: string): Record<string, string> =>
  Object.fromEntries(Object.entries(PERSON_FIELD_LABELS).map(([field, label]) => [prefix + field, label]));
