import * as z from 'zod';
import { MunicipalityCode, TenantId } from './ids.ts';
import { requiredText } from './text.ts';

export const TENANT_KINDS = ['municipality', 'joint_region'] as const;
export const TenantKind = z.enum(TENANT_KINDS);
export type TenantKind = z.infer<typeof TenantKind>;

export const TENANT_KIND_LABELS: Record<TenantKind, string> = {
  municipality: '市町村',
  joint_region: '圏域（共同設置）',
};

export const MemberMunicipality = z.strictObject({
  code: MunicipalityCode,
  name: requiredText(50),
});
export type MemberMunicipality = z.infer<typeof MemberMunicipality>;

export const Tenant = z.strictObject({
  tenantId: TenantId,
  name: requiredText(100),
  kind: TenantKind,
  members: z.array(MemberMunicipality).min(1),
});
export type Tenant = z.infer<typeof Tenant>;

/**
 * The check digit of a 全国地方公共団体コード (総務省): weights 6, 5, 4, 3, 2 on the first five
 * digits, check = (11 − sum mod 11) mod 10. 131016 千代田区 and 011002 札幌市 pass.
 */
export const municipalityCheckDigit = (firstFive: string): number => {
  const sum = [...firstFive].reduce((total, digit, index) => total + Number(digit) * (6 - index), 0);
  return (11 - (sum % 11)) % 10;
};

export const hasValidCheckDigit = (code: string): boolean =>
  /^\d{6}$/.test(code) && municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);

export const CHECK_DIGIT_MESSAGE =
  '市町村コードの6桁目（検査数字）が合いません。全国地方公共団体コードを確かめてください';

/**
 * A member municipality the tenant admin adds. The check digit is checked here, on new input only:
 * the demo's codes (990001, 990011, 990012…) are fictional and fail it, and stored members are
 * read with `MemberMunicipality`, which does not check it.
 */
export const NewMemberMunicipality = z.strictObject({
  code: MunicipalityCode.refine(hasValidCheckDigit, { error: CHECK_DIGIT_MESSAGE }),
  name: requiredText(50),
});
export type NewMemberMunicipality = z.infer<typeof NewMemberMunicipality>;

/** The tenant profile as the admin API shows it: with its version, for If-Match (0: never edited). */
export const TenantProfile = Tenant.extend({ version: z.number().int().min(0) });
export type TenantProfile = z.infer<typeof TenantProfile>;
