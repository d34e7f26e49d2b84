import { randomUUID } from 'node:crypto';
import { SeniorSpecialist, type FieldError } from '@kikan/shared';
import { getUser, listOffices } from '../data/directory-store.ts';
import { createSeniorSpecialist as storeEntry, listSeniorSpecialists } from '../data/ledger-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import { callersOwnScope, type GuardedOperation } from '../http/route.ts';
import type { createSeniorSpecialistRoute } from '@kikan/shared/contracts/supervision';
import { overlapsRoster, seniorPeriodProblems } from './ledger-rules.ts';

/**
 * A staff member with an account is named by user id (the name is copied from the directory), one
 * without by name. The roster is dated, so "senior at fiscal-year end" is a question of dates.
 */
export const createSeniorSpecialist: GuardedOperation<typeof createSeniorSpecialistRoute, void> = {
  authorize: callersOwnScope,
  run: async ({ ctx, body, idempotency, requestId, now }) => {
    const [offices, user, roster] = await Promise.all([
      listOffices(ctx.tenantId),
      body.userId ? getUser(ctx.tenantId, body.userId) : null,
      listSeniorSpecialists(ctx.tenantId),
    ]);
    const errors: FieldError[] = [];
    if (!offices.some((office) => office.officeId === body.officeId)) {
      errors.push({ field: 'body.officeId', message: 'このテナントの事業所を選んでください' });
    }
    if (body.userId && (!user || user.officeId !== body.officeId)) {
      errors.push({ field: 'body.userId', message: 'この事業所の職員を選んでください' });
    }
    const at = now.toISOString();
    const entry: SeniorSpecialist = {
      seniorId: randomUUID(),
      officeId: body.officeId,
      ...(user ? { userId: user.userId } : {}),
      name: user?.displayName ?? body.name ?? '',
      certifiedOn: body.certifiedOn,
      ...(body.endedOn ? { endedOn: body.endedOn } : {}),
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
      updatedBy: ctx.userId,
    };
    errors.push(...seniorPeriodProblems(entry));
    if (errors.length) throw new ValidationError(errors);
    if (overlapsRoster(entry, roster)) {
      throw new ConflictError('この職員はこの期間すでに主任相談支援専門員として登録されています');
    }
    const replayed = await storeEntry({
      write: { ctx, requestId, now },
      idempotency,
      response: { status: 201, body: entry },
      entry,
    });
    return replayed ? SeniorSpecialist.parse(replayed.body) : entry;
  },
};
