import { MAX_MEMBERSHIPS, type User, type UserMembership } from '@kikan/shared';
import {
  changeUserMembership as storeMembership,
  getOffice,
  getUser,
  removeUser as storeRemoval,
  setOtherMemberships,
} from '../data/directory-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { refuseRoleMismatch } from './office-for-role.ts';
import type {
  changeUserMembershipRoute,
  putOtherMembershipRoute,
  removeOtherMembershipRoute,
  removeUserRoute,
} from '@kikan/shared/contracts/admin';

const USER_NOT_FOUND = '指定された職員が見つかりません';

export const toMembership = (user: User, now: Date): UserMembership => ({
  userId: user.userId,
  officeId: user.officeId,
  role: user.role,
  otherMemberships: user.otherMemberships ?? [],
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
  refuseRoleMismatch(body.role, office);
  if (user.otherMemberships?.some((membership) => membership.officeId === body.officeId)) {
    throw new ConflictError('この職員はすでにこの事業所の兼務があります', [
      { field: 'body.officeId', message: '兼務先の事業所です。先に兼務を解除してください' },
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

/**
 * A part-timer's membership at another office (ADR 0033): added, or its role changed. The office
 * must be one of the tenant's and not the user's first; a user works for MAX_MEMBERSHIPS offices at
 * most. Their sessions end (notBefore), as for every membership change.
 */
export const putOtherMembership: Operation<typeof putOtherMembershipRoute> = async ({
  ctx,
  params,
  body,
  requestId,
  now,
}) => {
  refuseSelf(ctx.userId, params.userId);
  const [user, office] = await Promise.all([
    getUser(ctx.tenantId, params.userId),
    getOffice(ctx.tenantId, params.officeId),
  ]);
  if (!user) throw new NotFoundError(USER_NOT_FOUND);
  if (!office) throw new NotFoundError('指定された事業所が見つかりません');
  refuseRoleMismatch(body.role, office);
  if (user.officeId === params.officeId) {
    throw new ConflictError('この事業所はこの職員の所属事業所です。所属・役割の変更から変更してください');
  }
  const others = (user.otherMemberships ?? []).filter(
    (membership) => membership.officeId !== params.officeId,
  );
  if (others.length + 1 >= MAX_MEMBERSHIPS) {
    throw new ConflictError(
      `兼務できる事業所は${String(MAX_MEMBERSHIPS - 1)}か所までです。先に今の兼務を解除してください`,
    );
  }
  const changed = await setOtherMemberships({ ctx, requestId, now }, user, [
    ...others,
    { officeId: params.officeId, role: body.role },
  ]);
  if (!changed) throw new NotFoundError(USER_NOT_FOUND);
  return toMembership(changed, now);
};

/** Ends a part-timer's membership at another office: its sessions end at once (notBefore). */
export const removeOtherMembership: Operation<typeof removeOtherMembershipRoute> = async ({
  ctx,
  params,
  requestId,
  now,
}) => {
  refuseSelf(ctx.userId, params.userId);
  const user = await getUser(ctx.tenantId, params.userId);
  if (!user) throw new NotFoundError(USER_NOT_FOUND);
  const others = user.otherMemberships ?? [];
  if (!others.some((membership) => membership.officeId === params.officeId)) {
    throw new NotFoundError('この職員にこの事業所の兼務はありません');
  }
  const changed = await setOtherMemberships(
    { ctx, requestId, now },
    user,
    others.filter((membership) => membership.officeId !== params.officeId),
  );
  if (!changed) throw new NotFoundError(USER_NOT_FOUND);
  return toMembership(changed, now);
};
