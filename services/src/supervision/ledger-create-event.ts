import { randomUUID } from 'node:crypto';
import { LedgerEvent } from '@kikan/shared';
import { createLedgerEvent as storeEvent, type LedgerEventRecord } from '../data/ledger-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import { callersOwnScope, type GuardedOperation } from '../http/route.ts';
import { toLedgerEventView } from './ledger-access.ts';
import { councilConsentsOfEvent } from './ledger-consent.ts';
import { linkedCasePersons, readLedgerDirectory } from './ledger-directory.ts';
import type { createLedgerEventRoute } from '@kikan/shared/contracts/supervision';
import { defaultMunicipality, ledgerEventProblems } from './ledger-rules.ts';

/** Recorded once: the indicators and every office's participation record are read from this event. */
export const createLedgerEvent: GuardedOperation<typeof createLedgerEventRoute, void> = {
  authorize: callersOwnScope,
  run: async ({ ctx, body, idempotency, requestId, now }) => {
    const [directory, personOfCase] = await Promise.all([
      readLedgerDirectory(ctx, now),
      linkedCasePersons(ctx.tenantId, body.caseIds),
    ]);
    const at = now.toISOString();
    const event: LedgerEventRecord = {
      ...body,
      eventId: randomUUID(),
      municipalityCode: body.municipalityCode ?? defaultMunicipality(body.officeIds, directory),
      version: 1,
      createdAt: at,
      createdBy: ctx.userId,
      updatedAt: at,
      updatedBy: ctx.userId,
    };
    const errors = ledgerEventProblems(event, directory, new Set(personOfCase.keys()));
    if (errors.length) throw new ValidationError(errors);
    const consentsOf = await councilConsentsOfEvent(ctx.tenantId, null, event, personOfCase);
    const view = toLedgerEventView(event);
    const replayed = await storeEvent({
      write: { ctx, requestId, now },
      idempotency,
      response: { status: 201, body: view },
      event,
      consentsOf,
    });
    return replayed ? LedgerEvent.parse(replayed.body) : view;
  },
};
