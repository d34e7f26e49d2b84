import { ROLE_LABELS, type Role, type StaffMember } from '@kikan/shared';
import { CASE_WORKERS } from '@kikan/shared/access-policy';

/** Roles that hold cases (DOMAIN: specialists; managers and the core center also carry some), in that order. */
const CASE_HOLDING_ROLES: readonly Role[] = CASE_WORKERS;

export interface StaffOption {
  userId: string;
  label: string;
}

/** 佐藤 美咲（相談支援専門員・主任） */
export const staffLabel = (member: StaffMember): string =>
  `${member.displayName}（${ROLE_LABELS[member.role]}${member.senior ? '・主任' : ''}）`;

/** Who can be the assigned specialist of a case at `officeId`: specialists first, then the others. */
export const specialistOptions = (staff: readonly StaffMember[], officeId: string): StaffOption[] =>
  staff
    .filter((member) => member.officeId === officeId && CASE_HOLDING_ROLES.includes(member.role))
    .sort(
      (a, b) =>
        CASE_HOLDING_ROLES.indexOf(a.role) - CASE_HOLDING_ROLES.indexOf(b.role) ||
        a.displayName.localeCompare(b.displayName, 'ja'),
    )
    .map((member) => ({ userId: member.userId, label: staffLabel(member) }));

/** A user's name from the staff list; the id itself when the list does not have them. */
export const nameOf = (staff: readonly StaffMember[], userId: string): string =>
  staff.find((member) => member.userId === userId)?.displayName ?? userId;
