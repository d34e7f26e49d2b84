import * as z from 'zod';

export const ROLES = [
  'specialist',
  'office_manager',
  'core_supervisor',
  'municipal_officer',
  'tenant_admin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  specialist: '相談支援専門員',
  office_manager: '事業所管理者',
  core_supervisor: '基幹相談支援センター職員',
  municipal_officer: '市町村障害福祉課',
  tenant_admin: 'システム管理者',
};

/** Roles whose users belong to one office and whose case access is limited to it. */
export const OFFICE_BOUND_ROLES: readonly Role[] = ['specialist', 'office_manager'];
