import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getCase as readCase } from '../data/case-store.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { getCaseRoute } from '../routes.ts';

/** Full reads and refusals are both audited; what is not the caller's is a 404, never a 403. */
export const getCase: Operation<typeof getCaseRoute> = async ({ ctx, params, requestId, now }) => {
  const record = await readCase(ctx.tenantId, params.caseId);
  if (!record) throw new NotFoundError();
  const visibility = caseVisibility(ctx, record);
  if (visibility === 'none') {
    await appendAudit(
      auditItem(ctx, requestId, now, {
        action: 'denied',
        recordType: 'case',
        recordId: record.caseId,
        recordOfficeId: record.officeId,
      }),
    );
    throw new NotFoundError();
  }
  if (visibility === 'full') {
    await appendAudit(
      auditItem(ctx, requestId, now, {
        action: 'read',
        recordType: 'case',
        recordId: record.caseId,
        recordOfficeId: record.officeId,
      }),
    );
  }
  return toCaseView(record, visibility, now);
};
