import { randomUUID } from 'node:crypto';
import { SupportMeeting } from '@kikan/shared';
import { getDifficultyFile, writeDifficulty } from '../data/difficult-store.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { stampOf } from '../kernel/stamp.ts';
import { recordSupportMeeting } from './difficult-rules.ts';
import type { recordSupportMeetingRoute } from '@kikan/shared/contracts/supervision';
import { caseForDifficultyAct } from './difficulty-move.ts';

/**
 * Seed 004: a support meeting (支援会議) records each agency and the small step it takes, roles with
 * due dates, and the next review date, which the overdue-review list watches. Not a status move:
 * no If-Match, the difficulty file's revision guards it.
 */
export const recordSupportMeetingOperation: GuardedOperation<typeof recordSupportMeetingRoute, CaseRecord> = {
  authorize: ({ ctx, params }) => caseForDifficultyAct(ctx, params.caseId, 'record_support_meeting'),
  run: async ({ ctx, body, idempotency, requestId, now }, record) => {
    const current = await getDifficultyFile(ctx.tenantId, record.caseId);
    const { file, meeting } = recordSupportMeeting(current, body, stampOf(ctx, now), {
      meetingId: randomUUID(),
      assignmentIds: body.assignments.map(() => randomUUID()),
    });
    const replayed = await writeDifficulty({
      write: { ctx, requestId, now },
      caseWrite: { previous: record },
      file,
      previousFile: current,
      meeting,
      audits: [
        {
          action: 'create',
          recordType: 'support_meeting',
          recordId: meeting.meetingId,
          recordOfficeId: record.officeId,
        },
        {
          action: 'update',
          recordType: 'difficulty',
          recordId: record.caseId,
          recordOfficeId: record.officeId,
        },
      ],
      create: { idempotency, response: { status: 201, body: meeting } },
    });
    return replayed ? SupportMeeting.parse(replayed.body) : meeting;
  },
};
