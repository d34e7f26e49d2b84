import type { User, UserMembership } from '@kikan/shared';
import {
  changeUserMembership as storeMembership,
  getOffice,
  getUser,
  removeUser as storeRemoval,
} from '../data/directory-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import type { changeUserMembershipRoute, removeUserRoute } from '@kikan/shared/contracts/admin';

const USER_NOT_FOUND = '指定された職員が見つかりません';

export const toMembership = (user: User, now: Date): UserMembership => ({
  userId: user.userId,
  officeId: user.officeId,
  role: user.role,
  status: user.status ?? 'active',
  confirmsFigures: user.confirmsFigures === true,
  notBefore: user.notBefore ?? now.toISOString(),
});

/** An admin who moved or removed themselves could lock the tenant out of its own administration. */
const refuseSelf = (callerId: string, userId: string) => {
  if (callerId === userId) {
    throw new ConflictError('ご自身の所属・役割の変更や削除はできません。別の管理者に依頼してください');
  }
};

/**
 * Moves a user of the admin's own tenant (the key is built from the caller's tenant, so another
 * tenant's user is simply not found). The office must be one of the tenant's.
 */
export const changeUserMembership: Operation<typeof changeUserMembershipRoute> = async ({
  ctx,
  params,
  body,
  requestId,
  now,
}) => {
  refuseSelf(ctx.userId, params.userId);
  const [user, office] = await Promise.all([
    getUser(ctx.tenantId, params.userId),
    getOffice(ctx.tenantId, body.officeId),
  ]);
  if (!user) throw new NotFoundError(USER_NOT_FOUND);
  if (!office) {
    throw new ValidationError([
      { field: 'body.officeId', message: '指定された事業所はこの自治体にありません' },
    ]);
  }
  // Written (with its audit entry) only while the user is as read: a removal in between wins.
  const changed = await storeMembership({ ctx, requestId, now }, user, body);
  if (!changed) throw new NotFoundError(USER_NOT_FOUND);
  return toMembership(changed, now);
};

/** Removes a user of the admin's own tenant: read first, so the audit entry says what was removed. */
export const removeUser: Operation<typeof removeUserRoute> = async ({ ctx, params, requestId, now }) => {
  refuseSelf(ctx.userId, params.userId);
  const user = await getUser(ctx.tenantId, params.userId);
  if (!user) throw new NotFoundError(USER_NOT_FOUND);
  const removed = await storeRemoval({ ctx, requestId, now }, user);
  if (!removed) throw new NotFoundError(USER_NOT_FOUND);
  return toMembership(removed, now);
};
