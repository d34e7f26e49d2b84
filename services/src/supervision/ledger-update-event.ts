import { LedgerEventRecord, getLedgerEvent, updateLedgerEvent as storeUpdate } from '../data/ledger-store.ts';
import { DERIVED_EVENT_MESSAGE } from '@kikan/shared';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { casesNeedingCouncilConsent } from '../consent/council-consent.ts';
import { toLedgerEventView } from './ledger-access.ts';
import { councilConsentsOfEvent } from './ledger-consent.ts';
import { linkedCasePersons, readLedgerDirectory } from './ledger-directory.ts';
import type { updateLedgerEventRoute } from '@kikan/shared/contracts/supervision';
import { ledgerEventProblems } from './ledger-rules.ts';

/**
 * Corrections only: an event is never deleted, so the indicators of a signed-off year can be
 * traced. The member municipality stays as recorded unless the correction names another. An
 * event a record produced is corrected through that record only (409), or the two would differ.
 */
export const updateLedgerEvent: GuardedOperation<typeof updateLedgerEventRoute, LedgerEventRecord> = {
  authorize: async ({ ctx, params }) => {
    const before = await getLedgerEvent(ctx.tenantId, params.eventId, true);
    if (!before) throw new NotFoundError();
    if (before.source) throw new ConflictError(DERIVED_EVENT_MESSAGE);
    return before;
  },
  versionOf: (before) => before.version,
  run: async ({ ctx, body, requestId, now }, before) => {
    const after = LedgerEventRecord.parse({
      ...before,
      ...body,
      version: before.version + 1,
      updatedAt: now.toISOString(),
      updatedBy: ctx.userId,
    });
    // The cases are read when the correction names them, or when it makes them council cases anew.
    const readCases = body.caseIds !== undefined || casesNeedingCouncilConsent(before, after).length > 0;
    const [directory, personOfCase] = await Promise.all([
      readLedgerDirectory(ctx, now),
      readCases ? linkedCasePersons(ctx.tenantId, after.caseIds) : new Map<string, string>(),
    ]);
    const knownCases = body.caseIds ? new Set(personOfCase.keys()) : new Set(before.caseIds);
    const errors = ledgerEventProblems(after, directory, knownCases);
    if (errors.length) throw new ValidationError(errors);
    const consentsOf = await councilConsentsOfEvent(ctx.tenantId, before, after, personOfCase);
    await storeUpdate({ ctx, requestId, now }, before, after, before.version, consentsOf);
    return toLedgerEventView(after);
  },
};
