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
    items: users
      .filter((user) => user.officeId === officeId)
      .map(({ userId, displayName, role, senior, confirmsFigures }) => ({
        userId,
        displayName,
        role,
        officeId,
        senior,
        confirmsFigures: confirmsFigures === true,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja')),
  };
};
