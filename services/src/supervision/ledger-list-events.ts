import { listLedgerYear, listOfficeParticipation } from '../data/ledger-store.ts';
import type { Operation } from '../http/route.ts';
import { ledgerOfficeFor, readsWholeLedger } from '../policy/ledger-access.ts';
import { fiscalYearOrCurrent, toLedgerEventView } from './ledger-access.ts';
import type { listLedgerEventsRoute } from '@kikan/shared/contracts/supervision';

/**
 * The core center reads its tenant's year partition; office staff read their office's
 * participation partition, so an event their office did not take part in is never even read.
 */
export const listLedgerEvents: Operation<typeof listLedgerEventsRoute> = async ({ ctx, query, now }) => {
  const fiscalYear = fiscalYearOrCurrent(query.fiscalYear, now);
  const search = { kind: query.kind, limit: query.limit, cursor: query.cursor };
  const page = readsWholeLedger(ctx)
    ? await listLedgerYear(ctx.tenantId, fiscalYear, search)
    : await listOfficeParticipation(ctx.tenantId, ledgerOfficeFor(ctx, undefined), fiscalYear, search);
  return { items: page.items.map(toLedgerEventView), nextCursor: page.nextCursor };
};
