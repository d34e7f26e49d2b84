import { NewMemberMunicipality } from '@kikan/shared';
import { checkInput, type FormCheck } from '#lib/forms.ts';

export const MEMBER_LABELS: Record<string, string> = {
  code: '市町村コード（全国地方公共団体コード）',
  name: '市町村名',
};

export const MEMBERS_STALE_MESSAGE =
  '他の管理者が構成市町村を変更しました。最新の内容を読み込み直してから、もう一度追加してください';

/** The code as typed, full-width digits and spaces allowed; the check digit is the schema's. */
export const checkNewMember = (values: { code: string; name: string }): FormCheck<NewMemberMunicipality> =>
  checkInput(NewMemberMunicipality, {
    code: values.code.normalize('NFKC').replace(/\s/g, ''),
    name: values.name.trim(),
  });
