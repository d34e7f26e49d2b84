import { SeniorSpecialist } from '@kikan/shared';
import {
  getSeniorSpecialist,
  listSeniorSpecialists,
  updateSeniorSpecialist as storeEntry,
} from '../data/ledger-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { updateSeniorSpecialistRoute } from '@kikan/shared/contracts/supervision';
import { overlapsRoster, seniorPeriodProblems } from './ledger-rules.ts';

/** Entries are ended, not deleted: who was senior in an earlier year stays answerable. */
export const updateSeniorSpecialist: GuardedOperation<typeof updateSeniorSpecialistRoute, SeniorSpecialist> =
  {
    authorize: async ({ ctx, params }) => {
      const current = await getSeniorSpecialist(ctx.tenantId, params.seniorId, true);
      if (!current) throw new NotFoundError();
      return current;
    },
    versionOf: (current) => current.version,
    run: async ({ ctx, body, requestId, now }, current) => {
      const { endedOn: _endedOn, ...kept } = current;
      const endedOn = body.endedOn === undefined ? current.endedOn : (body.endedOn ?? undefined);
      const entry = SeniorSpecialist.parse({
        ...kept,
        ...(body.certifiedOn ? { certifiedOn: body.certifiedOn } : {}),
        ...(endedOn ? { endedOn } : {}),
        version: current.version + 1,
        updatedAt: now.toISOString(),
        updatedBy: ctx.userId,
      });
      const errors = seniorPeriodProblems(entry);
      if (errors.length) throw new ValidationError(errors);
      const others = (await listSeniorSpecialists(ctx.tenantId)).filter(
        (other) => other.seniorId !== entry.seniorId,
      );
      if (overlapsRoster(entry, others)) {
        throw new ConflictError('この職員はこの期間すでに主任相談支援専門員として登録されています');
      }
      await storeEntry({ ctx, requestId, now }, entry, current.version);
      return entry;
    },
  };
