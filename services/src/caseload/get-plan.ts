import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getPlan as readPlan } from '../data/record-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { getPlanRoute } from '@kikan/shared/contracts/caseload';

export const getPlan: Operation<typeof getPlanRoute> = async (input) => {
  const { ctx, params, requestId, now } = input;
  const record = await readableCase(input, params.caseId);
  const plan = await readPlan(ctx.tenantId, record.caseId, params.planVersion);
  if (!plan) throw new NotFoundError();
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'plan',
      recordId: plan.recordId,
      recordOfficeId: record.officeId,
    }),
  );
  return plan;
};
