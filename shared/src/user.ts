import * as z from 'zod';
import { OfficeId, TenantId, UserId } from './ids.ts';
import { MemberMunicipality } from './tenant.ts';
import { Role } from './role.ts';
import { requiredText } from './text.ts';

export const UserStatus = z.enum(['active', 'removed']);
export type UserStatus = z.infer<typeof UserStatus>;

export const USER_STATUS_LABELS: Record<UserStatus, string> = { active: '利用中', removed: '利用停止' };

/**
 * One office a staff member works for, with their role there (ADR 0033). A user's first membership
 * is the item's own `officeId`/`role` (what every list and the audit log already read); a part-timer
 * has one more here.
 */
export const OfficeMembership = z.strictObject({ officeId: OfficeId, role: Role });
export type OfficeMembership = z.infer<typeof OfficeMembership>;

/** Two offices at most: the common part-time arrangement (issue 15). */
export const MAX_MEMBERSHIPS = 2;

export const User = z.strictObject({
  userId: UserId,
  tenantId: TenantId,
  email: z.email(),
  displayName: requiredText(50),
  role: Role,
  officeId: OfficeId,
  /** 主任相談支援専門員 */
  senior: z.boolean(),
  /**
   * 数値確認者: a specialist the tenant admin named to confirm their office's yearly figures, for an
   * office without a manager (the manager always may).
   */
  confirmsFigures: z.boolean().optional(),
  /**
   * Offices beyond the first (at most MAX_MEMBERSHIPS − 1). 数値確認者 belongs to the first office
   * only: a second membership never confirms figures.
   */
  otherMemberships: z
    .array(OfficeMembership)
    .max(MAX_MEMBERSHIPS - 1)
    .optional(),
  /** A removed user keeps their item (the audit log still names them) but no session of theirs stands. */
  status: UserStatus.optional(),
  /** Tokens issued before this instant are refused: set whenever an admin changes or removes the user. */
  notBefore: z.iso.datetime().optional(),
  /** The user asked for the daily e-mail digest of their notifications (ADR 0038); their own choice. */
  digestEnabled: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

/** Every office a user works for, the first one first. */
export const membershipsOf = (
  user: Pick<User, 'officeId' | 'role' | 'otherMemberships'>,
): OfficeMembership[] => [{ officeId: user.officeId, role: user.role }, ...(user.otherMemberships ?? [])];

/**
 * The request header naming the office a request acts for (ADR 0033). The server accepts only an
 * office among the token's memberships; without it, the request acts for the first.
 */
export const OFFICE_HEADER = 'x-kikan-office';

/**
 * The access-token claim listing the user's memberships, `officeId:role` separated by spaces, the
 * first first. The pre-token trigger and the local issuer write it from the directory alike.
 */
export const MEMBERSHIPS_CLAIM = 'kikan:offices';

export const membershipsClaimOf = (user: {
  officeId: string;
  role: string;
  otherMemberships?: readonly { officeId: string; role: string }[] | undefined;
}): string =>
  [{ officeId: user.officeId, role: user.role }, ...(user.otherMemberships ?? [])]
    .map((membership) => `${membership.officeId}:${membership.role}`)
    .join(' ');

/** The claim read back; null when it is malformed (the token is then refused). */
export const parseMembershipsClaim = (claim: unknown): OfficeMembership[] | null => {
  if (typeof claim !== 'string') return null;
  const memberships = claim.split(' ').map((pair) => {
    const [officeId, role, ...rest] = pair.split(':');
    return rest.length ? null : OfficeMembership.safeParse({ officeId, role }).data;
  });
  return memberships.every((membership) => membership) && memberships.length <= MAX_MEMBERSHIPS
    ? (memberships as OfficeMembership[])
    : null;
};

/** What the server knows about the caller, from verified token claims only. */
export const TenantContext = z.strictObject({
  tenantId: TenantId,
  role: Role,
  officeId: OfficeId,
  userId: UserId,
  /** The token's `iat` (seconds): compared with the user's `notBefore` on every request. */
  issuedAt: z.number().int().nonnegative().optional(),
  /**
   * Every membership the token claims (ADR 0033); officeId and role above are the one this request
   * acts for. Absent in tokens issued before two offices existed: then the one office above.
   */
  memberships: z.array(OfficeMembership).max(MAX_MEMBERSHIPS).optional(),
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
  /** May confirm their office's yearly figures (a manager, or a specialist named for it). */
  confirmsFigures: z.boolean(),
  /**
   * Every office the user works for, the first first, when there are two (a part-timer): the
   * portal offers the choice and the switch. Absent for a user of one office.
   */
  memberships: z.array(OfficeMembership.extend({ officeName: z.string() })).optional(),
  /** The daily e-mail digest of the notifications is on (ADR 0038). */
  digestEnabled: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const UserParams = z.strictObject({ userId: UserId });

/**
 * The tenant admin sets a user's office and role together (both are what a token claims), and
 * whether a specialist confirms their office's figures (left out: not named).
 */
export const UserMembershipChange = z
  .strictObject({ officeId: OfficeId, role: Role, confirmsFigures: z.boolean().optional() })
  .refine((change) => !change.confirmsFigures || change.role === 'specialist', {
    path: ['confirmsFigures'],
    message: '数値確認者に指定できるのは相談支援専門員のみです（管理者は指定なしで確認できます）',
  });
export type UserMembershipChange = z.infer<typeof UserMembershipChange>;

/**
 * A staff e-mail as typed: trimmed and lower-cased (the sign-in name; Cognito compares it without
 * case), full-width letters and digits read as ASCII (ADR 0032).
 */
export const StaffEmail = z
  .string({ error: 'メールアドレスを入力してください' })
  .transform((value) => value.normalize('NFKC').trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, { error: 'メールアドレスを入力してください' })
      .max(254, { error: '254文字以内で入力してください' })
      .pipe(z.email({ error: 'メールアドレスの形式で入力してください（例: sato@example.jp）' })),
  );

/**
 * A staff member the tenant admin adds (ADR 0033): name, sign-in e-mail (unique in the tenant),
 * first office and role, 主任, and 数値確認者 as a membership change allows it.
 */
export const NewStaffMember = z
  .strictObject({
    displayName: requiredText(50),
    email: StaffEmail,
    officeId: OfficeId,
    role: Role,
    senior: z.boolean().default(false),
    confirmsFigures: z.boolean().optional(),
  })
  .refine((input) => !input.confirmsFigures || input.role === 'specialist', {
    path: ['confirmsFigures'],
    message: '数値確認者に指定できるのは相談支援専門員のみです（管理者は指定なしで確認できます）',
  });
export type NewStaffMember = z.infer<typeof NewStaffMember>;

/** A user's membership after an admin change: no name or e-mail, the admin screen has those. */
export const UserMembership = z.strictObject({
  userId: UserId,
  officeId: OfficeId,
  role: Role,
  /** The offices beyond the first (ADR 0033). */
  otherMemberships: z.array(OfficeMembership),
  status: UserStatus,
  confirmsFigures: z.boolean(),
  /** Tokens issued before this instant no longer work. */
  notBefore: z.iso.datetime(),
});
export type UserMembership = z.infer<typeof UserMembership>;

/**
 * What an admin change moves, as the audit log keeps it before and after the change: codes only
 * (office id, role code, status), never a name — the log stays content-free.
 */
export const UserMembershipState = z.strictObject({
  officeId: OfficeId,
  role: Role,
  status: UserStatus,
  /** Absent in entries written before it existed. */
  confirmsFigures: z.boolean().optional(),
  /** The offices beyond the first (ADR 0033); absent when there are none. */
  otherMemberships: z.array(OfficeMembership).optional(),
});
export type UserMembershipState = z.infer<typeof UserMembershipState>;

/** A membership at another office (ADR 0033): the office is the path's, the role the body's. */
export const UserOfficeParams = z.strictObject({ userId: UserId, officeId: OfficeId });
export const OtherMembershipInput = z.strictObject({ role: Role });
export type OtherMembershipInput = z.infer<typeof OtherMembershipInput>;
