import { SeniorSpecialist } from '@kikan/shared';
import { requireVersion } from '../caseload/record-access.ts';
import {
  getSeniorSpecialist,
  listSeniorSpecialists,
  updateSeniorSpecialist as storeEntry,
} from '../data/ledger-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import type { updateSeniorSpecialistRoute } from '@kikan/shared/contracts/supervision';
import { overlapsRoster, seniorPeriodProblems } from './ledger-rules.ts';

/** Entries are ended, not deleted: who was senior in an earlier year stays answerable. */
export const updateSeniorSpecialist: Operation<typeof updateSeniorSpecialistRoute> = async ({
  ctx,
  params,
  body,
  ifMatch,
  requestId,
  now,
}) => {
  const current = await getSeniorSpecialist(ctx.tenantId, params.seniorId, true);
  if (!current) throw new NotFoundError();
  const expectedVersion = requireVersion(ifMatch, current.version);
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
  await storeEntry({ ctx, requestId, now }, entry, expectedVersion);
  return entry;
};
