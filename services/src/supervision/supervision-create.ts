import { randomUUID } from 'node:crypto';
import { Supervision, todayInJapan, type FieldError } from '@kikan/shared';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { derivedEventWrites } from '../data/ledger-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import { createSupervision } from '../data/supervision-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import { callersOwnScope, type GuardedOperation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import type { createSupervisionRoute } from '@kikan/shared/contracts/supervision';
import { supervisionLedgerEvent } from './derived-ledger-events.ts';

export const UNSHARED_CASE_MESSAGE = '基幹相談支援センターと共有されていないケースは紐づけられません';

/**
 * A supervision names the specialists supervised (users of the tenant) and may link cases: only
 * cases the core center sees in full (shared with it, or its own office's), else 409. A supervision
 * of office staff writes its advice event in the ledger in the same transaction (ADR 0027).
 */
export const createSupervisionOperation: GuardedOperation<typeof createSupervisionRoute, void> = {
  authorize: callersOwnScope,
  run: async ({ ctx, body, idempotency, requestId, now }) => {
    const errors: FieldError[] = [];
    if (body.heldOn > todayInJapan(now)) {
      errors.push({ field: 'body.heldOn', message: '実施日に未来の日付は指定できません' });
    }
    const [users, offices] = await Promise.all([listUsers(ctx.tenantId), listOffices(ctx.tenantId)]);
    const staff = new Set(users.map((user) => user.userId));
    body.specialistUserIds.forEach((userId, index) => {
      if (!staff.has(userId)) {
        errors.push({ field: `body.specialistUserIds.${index}`, message: 'この職員は登録されていません' });
      }
    });
    if (errors.length) throw new ValidationError(errors);
    const cases = await getCasesByIds(ctx.tenantId, body.caseIds, true);
    const linked = body.caseIds.map((caseId) => cases.get(caseId));
    if (linked.some((record) => !record || caseVisibility(ctx, record) !== 'full')) {
      throw new ConflictError(UNSHARED_CASE_MESSAGE);
    }
    const at = now.toISOString();
    const supervision: Supervision = {
      supervisionId: randomUUID(),
      kind: body.kind,
      heldOn: body.heldOn,
      supervisorUserId: ctx.userId,
      specialistUserIds: body.specialistUserIds,
      topics: body.topics,
      summary: body.summary,
      cases: linked.flatMap((record) =>
        record ? [{ caseId: record.caseId, officeId: record.officeId }] : [],
      ),
      followUps: body.followUps.map((followUp) => ({ followUpId: randomUUID(), ...followUp })),
      producesLedgerEvent: true,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const write = { ctx, requestId, now };
    const event = supervisionLedgerEvent(
      supervision,
      { offices, users },
      { at, userId: ctx.userId, previous: null },
    );
    const replayed = await createSupervision({
      write,
      supervision,
      create: { idempotency, response: { status: 201, body: supervision } },
      derived: derivedEventWrites(write, null, event),
    });
    return replayed ? Supervision.parse(replayed.body) : supervision;
  },
};
