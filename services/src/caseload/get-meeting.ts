import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getMeeting as readMeeting } from '../data/record-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { getMeetingRoute } from '@kikan/shared/contracts/caseload';

export const getMeeting: Operation<typeof getMeetingRoute> = async (input) => {
  const { ctx, params, requestId, now } = input;
  const record = await readableCase(input, params.caseId);
  const meeting = await readMeeting(ctx.tenantId, record.caseId, params.meetingId);
  if (!meeting) throw new NotFoundError();
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'meeting',
      recordId: meeting.recordId,
      recordOfficeId: record.officeId,
    }),
  );
  return meeting;
};
