import { LedgerEventRecord, getLedgerEvent, updateLedgerEvent as storeUpdate } from '../data/ledger-store.ts';
import { requireVersion } from '../caseload/record-access.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import { toLedgerEventView } from './ledger-access.ts';
import { existingCaseIds, readLedgerDirectory } from './ledger-directory.ts';
import type { updateLedgerEventRoute } from './ledger-routes.ts';
import { ledgerEventProblems } from './ledger-rules.ts';

/**
 * Corrections only: an event is never deleted, so the indicators of a signed-off year can be
 * traced. The member municipality stays as recorded unless the correction names another.
 */
export const updateLedgerEvent: Operation<typeof updateLedgerEventRoute> = async ({
  ctx,
  params,
  body,
  ifMatch,
  requestId,
  now,
}) => {
  const before = await getLedgerEvent(ctx.tenantId, params.eventId, true);
  if (!before) throw new NotFoundError();
  const expectedVersion = requireVersion(ifMatch, before.version);
  const after = LedgerEventRecord.parse({
    ...before,
    ...body,
    version: before.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: ctx.userId,
  });
  const [directory, knownCases] = await Promise.all([
    readLedgerDirectory(ctx, now),
    body.caseIds ? existingCaseIds(ctx.tenantId, body.caseIds) : new Set(before.caseIds),
  ]);
  const errors = ledgerEventProblems(after, directory, knownCases);
  if (errors.length) throw new ValidationError(errors);
  await storeUpdate({ ctx, requestId, now }, before, after, expectedVersion);
  return toLedgerEventView(after);
};
