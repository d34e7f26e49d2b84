import { getLedgerEvent as readEvent } from '../data/ledger-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { mayReadLedgerEvent } from '../policy/ledger-access.ts';
import { toLedgerEventView } from './ledger-access.ts';
import type { getLedgerEventRoute } from '@kikan/shared/contracts/supervision';

/** An event another office took part in is the same 404 as one that does not exist. */
export const getLedgerEvent: Operation<typeof getLedgerEventRoute> = async ({ ctx, params }) => {
  const event = await readEvent(ctx.tenantId, params.eventId);
  if (!event || !mayReadLedgerEvent(ctx, event)) throw new NotFoundError();
  return toLedgerEventView(event);
};
