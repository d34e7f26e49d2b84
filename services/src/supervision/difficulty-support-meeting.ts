import { randomUUID } from 'node:crypto';
import { SupportMeeting } from '@kikan/shared';
import { getDifficultyFile, writeDifficulty } from '../data/difficult-store.ts';
import { listOffices } from '../data/directory-store.ts';
import { derivedEventWrites } from '../data/ledger-store.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { stampOf } from '../kernel/stamp.ts';
import { recordSupportMeeting } from './difficult-rules.ts';
import type { recordSupportMeetingRoute } from '@kikan/shared/contracts/supervision';
import { caseForDifficultyAct } from './difficulty-move.ts';
import { supportMeetingLedgerEvent } from './derived-ledger-events.ts';

/**
 * Seed 004: a support meeting (支援会議) records each agency and the small step it takes, roles with
 * due dates, and the next review date, which the overdue-review list watches. Not a status move:
 * no If-Match, the difficulty file's revision guards it. Its case-review event goes into the
 * ledger in the same transaction (ADR 0027).
 */
export const recordSupportMeetingOperation: GuardedOperation<typeof recordSupportMeetingRoute, CaseRecord> = {
  authorize: ({ ctx, params }) => caseForDifficultyAct(ctx, params.caseId, 'record_support_meeting'),
  run: async ({ ctx, body, idempotency, requestId, now }, record) => {
    const [current, offices] = await Promise.all([
      getDifficultyFile(ctx.tenantId, record.caseId),
      listOffices(ctx.tenantId),
    ]);
    const { file, meeting } = recordSupportMeeting(current, body, stampOf(ctx, now), {
      meetingId: randomUUID(),
      assignmentIds: body.assignments.map(() => randomUUID()),
    });
    const write = { ctx, requestId, now };
    const event = supportMeetingLedgerEvent(
      meeting,
      record.officeId,
      { offices },
      { at: meeting.createdAt, userId: ctx.userId, previous: null },
    );
    const replayed = await writeDifficulty({
      write,
      caseWrite: { previous: record },
      file,
      previousFile: current,
      meeting,
      derived: derivedEventWrites(write, null, event),
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
