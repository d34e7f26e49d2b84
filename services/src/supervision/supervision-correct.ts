import { Supervision, todayInJapan, type FieldError } from '@kikan/shared';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { derivedEventWrites, getLedgerEvent } from '../data/ledger-store.ts';
import { correctSupervision, getSupervision, supervisionCorrection } from '../data/supervision-store.ts';
import { MAX_TRANSACTION_ITEMS } from '../data/transaction.ts';
import { NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { correctSupervisionRoute } from '@kikan/shared/contracts/supervision';
import { supervisionLedgerEvent } from './derived-ledger-events.ts';

/**
 * A supervision's date, specialists, topics or summary corrected at the version read. Its ledger
 * event follows in the same transaction (ADR 0027): moved to the new date and offices, written when
 * the correction makes it advice to an office, removed when it no longer is. A record from before
 * supervisions produced events keeps the ledger as the hand entry of that time left it.
 */
export const correctSupervisionOperation: GuardedOperation<typeof correctSupervisionRoute, Supervision> = {
  authorize: async ({ ctx, params }) => {
    const before = await getSupervision(ctx.tenantId, params.supervisionId);
    if (!before) throw new NotFoundError();
    return before;
  },
  versionOf: (before) => before.version,
  run: async ({ ctx, body, requestId, now }, before) => {
    const at = now.toISOString();
    const after: Supervision = {
      ...before,
      heldOn: body.heldOn ?? before.heldOn,
      specialistUserIds: body.specialistUserIds ?? before.specialistUserIds,
      topics: body.topics ?? before.topics,
      summary: body.summary ?? before.summary,
      version: before.version + 1,
      updatedAt: at,
    };
    const [users, offices, previousEvent] = await Promise.all([
      listUsers(ctx.tenantId),
      listOffices(ctx.tenantId),
      before.producesLedgerEvent ? getLedgerEvent(ctx.tenantId, before.supervisionId, true) : null,
    ]);
    const errors = correctionProblems(before, after, new Set(users.map((user) => user.userId)), now);
    if (errors.length) throw new ValidationError(errors);
    const write = { ctx, requestId, now };
    const event = before.producesLedgerEvent
      ? supervisionLedgerEvent(after, { offices, users }, { at, userId: ctx.userId, previous: previousEvent })
      : null;
    const derived = derivedEventWrites(write, previousEvent, event);
    const items = supervisionCorrection(ctx.tenantId, before, after);
    if (items.length + derived.items.length + 1 + derived.audits.length > MAX_TRANSACTION_ITEMS) {
      throw new ValidationError([
        {
          field: 'body.heldOn',
          message: '対象者が多いため、実施日と対象者を一度に変更できません。1項目ずつ変更してください',
        },
      ]);
    }
    await correctSupervision({ write, items, supervisionId: after.supervisionId, derived });
    return after;
  },
};

const correctionProblems = (
  before: Supervision,
  after: Supervision,
  staff: ReadonlySet<string>,
  now: Date,
): FieldError[] => {
  const errors: FieldError[] = [];
  if (after.heldOn > todayInJapan(now)) {
    errors.push({ field: 'body.heldOn', message: '実施日に未来の日付は指定できません' });
  }
  const firstDue = after.followUps.map((followUp) => followUp.dueOn).sort()[0];
  if (firstDue !== undefined && firstDue < after.heldOn) {
    errors.push({ field: 'body.heldOn', message: '実施日はフォローアップの期限より前の日付にしてください' });
  }
  if (after.specialistUserIds !== before.specialistUserIds) {
    after.specialistUserIds.forEach((userId, index) => {
      if (!staff.has(userId)) {
        errors.push({ field: `body.specialistUserIds.${index}`, message: 'この職員は登録されていません' });
      }
    });
  }
  if (after.kind === 'individual' && after.specialistUserIds.length !== 1) {
    errors.push({ field: 'body.specialistUserIds', message: '個別スーパービジョンの対象は1人です' });
  }
  return errors;
};
