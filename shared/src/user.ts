import * as z from 'zod';
import { OfficeId, TenantId, UserId } from './ids.ts';
import { MemberMunicipality } from './tenant.ts';
import { Role } from './role.ts';
import { requiredText } from './text.ts';

export const User = z.strictObject({
  userId: UserId,
  tenantId: TenantId,
  email: z.email(),
  displayName: requiredText(50),
  role: Role,
  officeId: OfficeId,
  /** 主任相談支援専門員 */
  senior: z.boolean(),
});
export type User = z.infer<typeof User>;

/** What the server knows about the caller, from verified token claims only. */
export const TenantContext = z.strictObject({
  tenantId: TenantId,
  role: Role,
  officeId: OfficeId,
  userId: UserId,
});
export type TenantContext = z.infer<typeof TenantContext>;

export const Me = z.strictObject({
  tenantId: TenantId,
  tenantName: z.string(),
  /** Member municipalities of the tenant: forms offer these, statistics split by them. */
  members: z.array(MemberMunicipality),
  role: Role,
  officeId: OfficeId,
  officeName: z.string(),
  userId: UserId,
  displayName: z.string(),
});
export type Me = z.infer<typeof Me>;
