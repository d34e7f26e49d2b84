import { setDigestPreference } from '../data/directory-store.ts';
import { bind, type RouteBinding } from '../http/create-function.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { notificationsFor } from '../notifications/notifications-for.ts';
import { listNotificationsRoute, putDigestPreferenceRoute } from '@kikan/shared/contracts/admin';

/** The signed-in user's own notifications and digest choice (ADR 0038); the user from the token only. */
export const NOTIFICATION_BINDINGS: readonly RouteBinding[] = [
  bind(listNotificationsRoute, ({ ctx, now }) => notificationsFor(ctx, now)),
  bind(putDigestPreferenceRoute, async ({ ctx, body }) => {
    if (!(await setDigestPreference(ctx.tenantId, ctx.userId, body.enabled)))
      throw new NotFoundError('利用者情報が見つかりません。管理者に連絡してください');
    return { enabled: body.enabled };
  }),
];
