import type {
  DisabilityCategory,
  EmergencyContact,
  Person,
  Representative,
  RepresentativeRelation,
  Sex,
  SupportLevel,
} from '@kikan/shared';

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
  sex: Sex | '';
  address: string;
  phone: string;
  representativeName: string;
  representativeRelation: RepresentativeRelation | '';
  representativePhone: string;
  emergencyName: string;
  emergencyRelation: string;
  emergencyPhone: string;
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
  sex: '',
  address: '',
  phone: '',
  representativeName: '',
  representativeRelation: '',
  representativePhone: '',
  emergencyName: '',
  emergencyRelation: '',
  emergencyPhone: '',
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
  sex: '性別',
  address: '住所',
  phone: '電話番号',
  representative: '代理人・後見人等',
  'representative.name': '代理人・後見人等の氏名',
  'representative.relation': '代理人・後見人等の関係',
  'representative.phone': '代理人・後見人等の電話番号',
  emergencyContact: '緊急連絡先',
  'emergencyContact.name': '緊急連絡先の氏名',
  'emergencyContact.relation': '緊急連絡先の続柄',
  'emergencyContact.phone': '緊急連絡先の電話番号',
};

/** The same labels under a request-path prefix (`person.name` in the case registration). */
export const personFieldLabels = (prefix: string): Record<string, string> =>
  Object.fromEntries(Object.entries(PERSON_FIELD_LABELS).map(([field, label]) => [prefix + field, label]));

type ContactSource = Partial<
  Pick<Person, 'sex' | 'address' | 'phone' | 'representative' | 'emergencyContact'>
>;

const filled = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

/**
 * The contact fields as the API takes them: an empty input is not given; a representative or an
 * emergency contact is sent once any of its inputs is filled (the schema then names what is missing).
 */
export const contactInputOf = (values: PersonFormValues) => {
  const representative =
    values.representativeName.trim() || values.representativeRelation || values.representativePhone.trim()
      ? {
          name: values.representativeName.trim(),
          relation: values.representativeRelation,
          phone: filled(values.representativePhone),
        }
      : undefined;
  const emergencyContact =
    values.emergencyName.trim() || values.emergencyRelation.trim() || values.emergencyPhone.trim()
      ? {
          name: values.emergencyName.trim(),
          relation: values.emergencyRelation.trim(),
          phone: values.emergencyPhone.trim(),
        }
      : undefined;
  return {
    sex: values.sex === '' ? undefined : values.sex,
    address: filled(values.address),
    phone: filled(values.phone),
    representative,
    emergencyContact,
  };
};

/** The inputs of a recorded person's contact fields. */
export const contactFormOf = (person: ContactSource) => ({
  sex: person.sex ?? ('' as const),
  address: person.address ?? '',
  phone: person.phone ?? '',
  representativeName: person.representative?.name ?? '',
  representativeRelation: person.representative?.relation ?? ('' as const),
  representativePhone: person.representative?.phone ?? '',
  emergencyName: person.emergencyContact?.name ?? '',
  emergencyRelation: person.emergencyContact?.relation ?? '',
  emergencyPhone: person.emergencyContact?.phone ?? '',
});

/** Compared as sent: keys in schema order, an absent phone left out (JSON drops undefined). */
const sameContact = (a: object | undefined, b: Representative | EmergencyContact | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changed contact fields of a PATCH: a field emptied is sent as null (cleared). */
export const contactPatchOf = (values: PersonFormValues, person: ContactSource): Record<string, unknown> => {
  const next = contactInputOf(values);
  const body: Record<string, unknown> = {};
  for (const field of ['sex', 'address', 'phone'] as const) {
    if ((next[field] ?? undefined) !== (person[field] ?? undefined)) body[field] = next[field] ?? null;
  }
  if (!sameContact(next.representative, person.representative))
    body.representative = next.representative ?? null;
  if (!sameContact(next.emergencyContact, person.emergencyContact))
    body.emergencyContact = next.emergencyContact ?? null;
  return body;
};
