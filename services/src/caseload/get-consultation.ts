import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getConsultation as readConsultation } from '../data/record-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { getConsultationRoute } from '@kikan/shared/contracts/caseload';

export const getConsultation: Operation<typeof getConsultationRoute> = async (input) => {
  const { ctx, params, requestId, now } = input;
  const record = await readableCase(input, params.caseId);
  const consultation = await readConsultation(ctx.tenantId, record.caseId, params.recordId);
  if (!consultation) throw new NotFoundError();
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'consultation',
      recordId: consultation.recordId,
      recordOfficeId: record.officeId,
    }),
  );
  return consultation;
};
