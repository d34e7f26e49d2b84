import { membershipsOf } from '@kikan/shared';
import { getDirectoryEntries, listOffices } from '../data/directory-store.ts';
import { NotFoundError, UnauthorizedError } from '../kernel/errors.ts';
import { mayConfirmOfficeFigures } from '../policy/access-policy.ts';
import type { Operation } from '../http/route.ts';
import type { getMeRoute } from '@kikan/shared/contracts/admin';

export const getMe: Operation<typeof getMeRoute> = async ({ ctx }) => {
  const { tenant, office, user } = await getDirectoryEntries(ctx.tenantId, ctx.officeId, ctx.userId);
  if (!tenant || !office || !user)
    throw new NotFoundError('利用者情報が見つかりません。管理者に連絡してください');
  // The token may predate a change of office or role: the directory is the authority.
  const memberships = membershipsOf(user);
  if (
    !memberships.some((membership) => membership.officeId === ctx.officeId && membership.role === ctx.role)
  ) {
    throw new UnauthorizedError();
  }
  // A part-timer (ADR 0033) is offered the switch between their offices, named.
  const officeNames =
    memberships.length > 1
      ? new Map((await listOffices(ctx.tenantId)).map((item) => [item.officeId, item.name] as const))
      : null;
  return {
    tenantId: ctx.tenantId,
    tenantName: tenant.name,
    members: tenant.members,
    role: ctx.role,
    officeId: office.officeId,
    officeName: office.name,
    userId: user.userId,
    displayName: user.displayName,
    confirmsFigures: mayConfirmOfficeFigures(ctx, user),
    digestEnabled: user.digestEnabled === true,
    ...(officeNames
      ? {
          memberships: memberships.map((membership) => ({
            ...membership,
            officeName: officeNames.get(membership.officeId) ?? membership.officeId,
          })),
        }
      : {}),
  };
};
