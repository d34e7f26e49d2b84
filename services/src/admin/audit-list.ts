import type { AuditEntryView, User } from '@kikan/shared';
import type { AuditEntry } from '../data/audit-store.ts';
import { readAuditDay } from '../data/audit-store.ts';
import { listUsers } from '../data/directory-store.ts';
import type { Operation } from '../http/route.ts';
import type { listAuditRoute } from './audit-routes.ts';

/** Shown for an actor no longer in the directory: the id still names them. */
export const UNKNOWN_ACTOR = '（登録のない職員）';

/** Entries with the actor's display name; the log itself keeps ids only, never content. */
export const withActorNames = (entries: readonly AuditEntry[], users: readonly User[]): AuditEntryView[] => {
  const names = new Map(users.map((user) => [user.userId, user.displayName]));
  return entries.map((entry) => ({
    at: entry.at,
    requestId: entry.requestId,
    actorUserId: entry.actorUserId,
    actorName: names.get(entry.actorUserId) ?? UNKNOWN_ACTOR,
    actorRole: entry.actorRole,
    actorOfficeId: entry.actorOfficeId,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    ...(entry.recordOfficeId ? { recordOfficeId: entry.recordOfficeId } : {}),
  }));
};

/** One day in Japan, oldest first, a page at a time: one Query per page and one for the staff. */
export const listAudit: Operation<typeof listAuditRoute> = async ({ ctx, query }) => {
  const [page, users] = await Promise.all([
    readAuditDay(ctx.tenantId, query.day, query.limit, query.cursor),
    listUsers(ctx.tenantId, { includeRemoved: true }),
  ]);
  return { items: withActorNames(page.items, users), nextCursor: page.nextCursor };
};
