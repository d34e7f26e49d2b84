import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { readCaseTimeline } from '../data/cycle-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import type { getCaseTimelineRoute } from '@kikan/shared/contracts/caseload';

/**
 * The whole file of a case is a full record: only callers who see the case in full get it. The
 * core center's pseudonymised view has no timeline, and gets the same 404 as a case it cannot see.
 */
export const getCaseTimeline: Operation<typeof getCaseTimelineRoute> = async ({
  ctx,
  params,
  requestId,
  now,
}) => {
  const { caseRecord, entries } = await readCaseTimeline(ctx.tenantId, params.caseId);
  if (!caseRecord) throw new NotFoundError();
  const full = caseVisibility(ctx, caseRecord) === 'full';
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: full ? 'read' : 'denied',
      recordType: 'case',
      recordId: caseRecord.caseId,
      recordOfficeId: caseRecord.officeId,
    }),
  );
  if (!full) throw new NotFoundError();
  return { caseId: caseRecord.caseId, entries };
};
