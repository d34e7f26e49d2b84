import type { AuditStaffMember, User } from '@kikan/shared';
import { listUsers } from '../data/directory-store.ts';
import type { Operation } from '../http/route.ts';
import type { listAuditStaffRoute } from '@kikan/shared/contracts/admin';

/** Staff as the audit filter offers them: removed ones too, by office then name (Japanese order). */
export const toAuditStaff = (users: readonly User[]): AuditStaffMember[] =>
  users
    .map((user) => ({
      userId: user.userId,
      displayName: user.displayName,
      officeId: user.officeId,
      role: user.role,
      status: user.status ?? 'active',
    }))
    .sort(
      (a, b) =>
        a.officeId.localeCompare(b.officeId) ||
        a.displayName.localeCompare(b.displayName, 'ja') ||
        a.userId.localeCompare(b.userId),
    );

export const listAuditStaff: Operation<typeof listAuditStaffRoute> = async ({ ctx }) => ({
  items: toAuditStaff(await listUsers(ctx.tenantId, { includeRemoved: true })),
});
