import {
  DESIGNATED_OFFICE_TYPES,
  OFFICE_TYPE_LABELS,
  OfficeChange,
  OfficeInput,
  type MemberMunicipality,
  type OfficeView,
} from '@kikan/shared';
import { checkInput, optionalText, type FormCheck } from '#lib/forms.ts';

export const OFFICE_LABELS: Record<string, string> = {
  type: '事業所の種別',
  name: '事業所名',
  operator: '運営法人',
  officeNumber: '事業所番号',
  municipalityCode: '所在する構成市町村',
};

export const OFFICE_STALE_MESSAGE =
  '他の管理者がこの事業所を変更しました。最新の内容を読み込み直してから、もう一度変更してください';

export interface OfficeFormValues {
  type: string;
  name: string;
  operator: string;
  officeNumber: string;
  municipalityCode: string;
}

export const emptyOfficeForm = (members: readonly MemberMunicipality[]): OfficeFormValues => ({
  type: '',
  name: '',
  operator: '',
  officeNumber: '',
  // A single-municipality tenant has one choice: it is chosen already.
  municipalityCode: members.length === 1 ? (members[0]?.code ?? '') : '',
});

/** Full-width digits (１２９…) and spaces around are what a copied number often carries. */
const digitsOf = (typed: string): string => typed.normalize('NFKC').replace(/\s/g, '');

/** The add form checked with the API's own schema: a designated type needs its 事業所番号. */
export const checkNewOffice = (values: OfficeFormValues): FormCheck<OfficeInput> =>
  checkInput(OfficeInput, {
    type: values.type || undefined,
    name: values.name.trim(),
    operator: values.operator.trim(),
    officeNumber: optionalText(digitsOf(values.officeNumber)),
    municipalityCode: values.municipalityCode || undefined,
  });

export const checkOfficeChange = (values: { name: string; operator: string }): FormCheck<OfficeChange> =>
  checkInput(OfficeChange, { name: values.name.trim(), operator: values.operator.trim() });

export const officeNumberRequired = (type: string): boolean =>
  (DESIGNATED_OFFICE_TYPES as readonly string[]).includes(type);

export const officeNumberHint = (type: string): string => {
  if (type === '') return '指定を受けた事業所の10桁の番号です。';
  return officeNumberRequired(type)
    ? '指定を受けた事業所の10桁の番号です。'
    : 'この種別では任意です。番号がある場合だけ入力してください。';
};

/** The list's order: by type as the product lists them, then by name. */
export const sortedOffices = (offices: readonly OfficeView[]): OfficeView[] => {
  const order = Object.keys(OFFICE_TYPE_LABELS);
  return [...offices].sort(
    (a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.name.localeCompare(b.name, 'ja'),
  );
};

export const memberNameOf = (members: readonly MemberMunicipality[], code: string): string =>
  members.find((member) => member.code === code)?.name ?? code;
