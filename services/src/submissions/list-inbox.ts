import { todayInJapan } from '@kikan/shared';
import type { listInboxRoute } from '@kikan/shared/contracts/submissions';
import { listInbox as readInbox } from '../data/submission-store.ts';
import type { Operation } from '../http/route.ts';
import { caseworkerMunicipality } from './caseworker-scope.ts';

/** The caseworker's inbox of one month (Japan; this month by default), newest first. */
export const listInbox: Operation<typeof listInboxRoute> = async ({ ctx, query, now }) =>
  readInbox({
    tenantId: ctx.tenantId,
    municipalityCode: await caseworkerMunicipality(ctx),
    month: query.month ?? todayInJapan(now).slice(0, 7),
    status: query.status,
    limit: query.limit,
    cursor: query.cursor,
  });
