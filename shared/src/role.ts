import * as z from 'zod';

export const ROLES = [
  'specialist',
  'office_manager',
  'core_supervisor',
  'municipal_officer',
  'municipal_caseworker',
  'tenant_admin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  specialist: '相談支援専門員',
  office_manager: '事業所管理者',
  core_supervisor: '基幹相談支援センター職員',
  municipal_officer: '市町村障害福祉課',
  municipal_caseworker: '市町村ケースワーカー',
  tenant_admin: 'システム管理者',
};

/**
 * Roles that act for a municipality's 障害福祉担当課 and must sit in one (office type
 * `municipal_division`): the caseworker's scope is that division's municipality (issue 16).
 */
export const MUNICIPAL_DIVISION_ROLES: readonly Role[] = ['municipal_caseworker'];

/** Whether a user of this role may sit in an office of this type (ids of OFFICE_TYPES). */
export const roleFitsOffice = (role: Role, officeType: string): boolean =>
  !MUNICIPAL_DIVISION_ROLES.includes(role) || officeType === 'municipal_division';

/** The refusal when it may not, naming the field. */
export const ROLE_OFFICE_MISMATCH = '市町村ケースワーカーは市町村の障害福祉担当課に所属させてください';

/** Roles whose users belong to one office and whose case access is limited to it. */
export const OFFICE_BOUND_ROLES: readonly Role[] = ['specialist', 'office_manager'];
