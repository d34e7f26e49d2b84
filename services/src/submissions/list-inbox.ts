import { todayInJapan } from '@kikan/shared';
import type { listInboxRoute } from '@kikan/shared/contracts/submissions';
import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { listInbox as readInbox } from '../data/submission-store.ts';
import type { Operation } from '../http/route.ts';
import { caseworkerMunicipality } from './caseworker-scope.ts';

/**
 * The caseworker's inbox of one month (Japan; this month by default), newest first. Its rows name
 * persons, so each row shown is audited as a read of its submission (which names the person).
 */
export const listInbox: Operation<typeof listInboxRoute> = async ({ ctx, query, now, requestId }) => {
  const page = await readInbox({
    tenantId: ctx.tenantId,
    municipalityCode: await caseworkerMunicipality(ctx),
    month: query.month ?? todayInJapan(now).slice(0, 7),
    status: query.status,
    limit: query.limit,
    cursor: query.cursor,
  });
  await Promise.all(
    page.items.map((row, sequence) =>
      appendAudit(
        auditItem(
          ctx,
          requestId,
          now,
          { action: 'read', recordType: 'submission', recordId: row.submissionId },
          sequence,
        ),
      ),
    ),
  );
  return page;
};
