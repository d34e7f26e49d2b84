import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getCase as readCase } from '../data/case-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { getCaseRoute } from '@kikan/shared/contracts/caseload';

/** Full reads and refusals are both audited; what is not the caller's is a 404, never a 403. */
export const getCase: Operation<typeof getCaseRoute> = async ({ ctx, params, requestId, now }) => {
  const record = await readCase(ctx.tenantId, params.caseId);
  if (!record) throw new NotFoundError();
  const visibility = caseVisibility(ctx, record);
  // A pseudonymised view names nobody, so only full reads and refusals are audited.
  if (visibility !== 'pseudonymised') {
    await appendAudit(
      auditItem(ctx, requestId, now, {
        action: visibility === 'full' ? 'read' : 'denied',
        recordType: 'case',
        recordId: record.caseId,
        recordOfficeId: record.officeId,
      }),
    );
  }
  if (visibility === 'none') throw new NotFoundError();
  return toCaseView(record, visibility, now);
};
