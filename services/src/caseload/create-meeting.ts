import { randomUUID } from 'node:crypto';
import { Meeting, todayInJapan, type FieldError } from '@kikan/shared';
import { getPlan, createMeeting as storeMeeting } from '../data/record-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { createMeetingRoute } from '@kikan/shared/contracts/caseload';

/**
 * Seed 003: collaboration without concrete roles fails, so each assignment (who, what, by when)
 * gets its own id and stays on the office's open list until it is marked done. The plan version the
 * meeting discussed is one of the case's own (ADR 0042): the 会議録 points at what exists.
 */
export const createMeeting: GuardedOperation<typeof createMeetingRoute, CaseRecord> = {
  authorize: (input) => writableCase(input, input.params.caseId),
  run: async ({ ctx, body, idempotency, requestId, now }, target) => {
    const record = requireOpen(target);
    const errors: FieldError[] = [];
    if (body.heldOn > todayInJapan(now)) {
      errors.push({ field: 'body.heldOn', message: '開催日に未来の日付は指定できません' });
    }
    body.assignments.forEach((assignment, index) => {
      if (assignment.dueOn < body.heldOn) {
        errors.push({ field: `body.assignments.${index}.dueOn`, message: '期限は開催日以降にしてください' });
      }
    });
    if (body.planVersion !== undefined && !(await getPlan(ctx.tenantId, record.caseId, body.planVersion))) {
      errors.push({
        field: 'body.planVersion',
        message: `このケースに計画の第${body.planVersion}版はありません`,
      });
    }
    if (errors.length) throw new ValidationError(errors);
    const at = now.toISOString();
    const meeting: Meeting = {
      ...body,
      recordId: randomUUID(),
      caseId: record.caseId,
      assignments: body.assignments.map((assignment) => ({ ...assignment, assignmentId: randomUUID() })),
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
    };
    const replayed = await storeMeeting({
      write: { ctx, requestId, now },
      caseRecord: record,
      idempotency,
      response: { status: 201, body: meeting },
      meeting,
    });
    return replayed ? Meeting.parse(replayed.body) : meeting;
  },
};
