import { Meeting, todayInJapan } from '@kikan/shared';
import { completeAssignment as storeDone, getMeeting } from '../data/record-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { writableCase } from '../policy/case-access.ts';
import type { completeAssignmentRoute } from '@kikan/shared/contracts/caseload';

/** Done on a date; the assignment leaves the office's open list in the same transaction. */
export const completeAssignment: GuardedOperation<
  typeof completeAssignmentRoute,
  { record: CaseRecord; meeting: Meeting; assignment: Meeting['assignments'][number] }
> = {
  // A closed case's assignments can still be followed up to the end.
  authorize: async (input) => {
    const record = await writableCase(input, input.params.caseId);
    const meeting = await getMeeting(input.ctx.tenantId, record.caseId, input.params.meetingId);
    const assignment = meeting?.assignments.find((item) => item.assignmentId === input.params.assignmentId);
    if (!meeting || !assignment) throw new NotFoundError();
    return { record, meeting, assignment };
  },
  // If-Match names the meeting's version: the function core checks it after any replay.
  versionOf: ({ meeting }) => meeting.version,
  run: async ({ ctx, body, idempotency, requestId, now }, { record, meeting, assignment }) => {
    if (assignment.doneOn) throw new ConflictError('この役割分担は既に完了しています');
    if (body.doneOn > todayInJapan(now) || body.doneOn < meeting.heldOn) {
      throw new ValidationError([
        { field: 'body.doneOn', message: '完了日は会議の開催日から今日までの日付にしてください' },
      ]);
    }
    const next: Meeting = {
      ...meeting,
      assignments: meeting.assignments.map((item) =>
        item.assignmentId === assignment.assignmentId ? { ...item, doneOn: body.doneOn } : item,
      ),
      version: meeting.version + 1,
      updatedAt: now.toISOString(),
    };
    const replayed = await storeDone({
      write: { ctx, requestId, now },
      caseRecord: record,
      idempotency,
      response: { status: 200, body: next },
      meeting: next,
      expectedVersion: meeting.version,
      assignment,
    });
    return replayed ? Meeting.parse(replayed.body) : next;
  },
};
