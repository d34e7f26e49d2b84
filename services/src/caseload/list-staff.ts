import type { TenantContext } from '@kikan/shared';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { ForbiddenError, NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import type { listStaffRoute } from '@kikan/shared/contracts/caseload';

/**
 * Office staff see their own office's colleagues only; the core center (supervising every office)
 * and the tenant admin (who manages users) may name any office of the tenant.
 */
export const staffOfficeFor = (ctx: TenantContext, requestedOfficeId: string | undefined): string => {
  const officeId = requestedOfficeId ?? ctx.officeId;
  switch (ctx.role) {
    case 'specialist':
    case 'office_manager':
      if (officeId !== ctx.officeId) throw new ForbiddenError();
      return officeId;
    case 'core_supervisor':
    case 'tenant_admin':
      return officeId;
    case 'municipal_officer':
      throw new ForbiddenError();
  }
};

export const listStaff: Operation<typeof listStaffRoute> = async ({ ctx, query }) => {
  const officeId = staffOfficeFor(ctx, query.officeId);
  const [offices, users] = await Promise.all([listOffices(ctx.tenantId), listUsers(ctx.tenantId)]);
  if (!offices.some((office) => office.officeId === officeId)) throw new NotFoundError();
  return {
    items: users
      .filter((user) => user.officeId === officeId)
      .map(({ userId, displayName, role, senior }) => ({ userId, displayName, role, officeId, senior }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja')),
  };
};
