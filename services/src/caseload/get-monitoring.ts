import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getMonitoring as readMonitoring } from '../data/cycle-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { getMonitoringRoute } from '@kikan/shared/contracts/caseload';

/** A monitoring report in full (the person's words, their satisfaction): audited like a plan's read. */
export const getMonitoring: Operation<typeof getMonitoringRoute> = async (input) => {
  const { ctx, params, requestId, now } = input;
  const record = await readableCase(input, params.caseId);
  const monitoring = await readMonitoring(ctx.tenantId, record.caseId, params.recordId);
  if (!monitoring) throw new NotFoundError();
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'monitoring',
      recordId: monitoring.recordId,
      recordOfficeId: record.officeId,
    }),
  );
  return monitoring;
};
