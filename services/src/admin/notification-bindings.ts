import { bind, type RouteBinding } from '../http/create-function.ts';
import { notificationsFor } from '../notifications/notifications-for.ts';
import { listNotificationsRoute } from '@kikan/shared/contracts/admin';

/** The signed-in user's own notifications (ADR 0038): read on demand, nothing written. */
export const NOTIFICATION_BINDINGS: readonly RouteBinding[] = [
  bind(listNotificationsRoute, ({ ctx, now }) => notificationsFor(ctx, now)),
];
