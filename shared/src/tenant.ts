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
