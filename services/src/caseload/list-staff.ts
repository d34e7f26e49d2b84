import { membershipsOf } from '@kikan/shared';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { staffOfficeFor } from '../policy/access-policy.ts';
import type { listStaffRoute } from '@kikan/shared/contracts/caseload';

export const listStaff: Operation<typeof listStaffRoute> = async ({ ctx, query }) => {
  const officeId = staffOfficeFor(ctx, query.officeId);
  const [offices, users] = await Promise.all([listOffices(ctx.tenantId), listUsers(ctx.tenantId)]);
  if (!offices.some((office) => office.officeId === officeId)) throw new NotFoundError();
  return {
    // A part-timer (ADR 0033) is on the staff of both their offices, with the role of each; the
    // 数値確認者 designation is the first office's.
    items: users
      .flatMap((user) =>
        membershipsOf(user)
          .filter((membership) => membership.officeId === officeId)
          .map((membership) => ({
            userId: user.userId,
            displayName: user.displayName,
            role: membership.role,
            officeId,
            senior: user.senior,
            confirmsFigures: user.officeId === officeId && user.confirmsFigures === true,
            ...(user.officeId === officeId ? {} : { firstOfficeId: user.officeId }),
          })),
      )
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja')),
  };
};
