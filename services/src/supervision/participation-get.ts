import type { ParticipationQuery, ParticipationRecord, TenantContext } from '@kikan/shared';
import { listOffices } from '../data/directory-store.ts';
import { readOfficeParticipation } from '../data/ledger-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { ledgerOfficeFor } from '../policy/ledger-access.ts';
import { fiscalYearOrCurrent } from './ledger-access.ts';
import type { getParticipationRoute } from '@kikan/shared/contracts/supervision';
import { participationRecord } from './participation-record.ts';

/** Two reads: the tenant's offices (is the office one of them?) and the office's year partition. */
export const readParticipation = async (
  ctx: TenantContext,
  query: ParticipationQuery,
  now: Date,
): Promise<ParticipationRecord> => {
  const officeId = ledgerOfficeFor(ctx, query.officeId);
  const fiscalYear = fiscalYearOrCurrent(query.fiscalYear, now);
  const [offices, copies] = await Promise.all([
    listOffices(ctx.tenantId),
    readOfficeParticipation(ctx.tenantId, officeId, fiscalYear),
  ]);
  const office = offices.find((candidate) => candidate.officeId === officeId);
  if (!office) throw new NotFoundError();
  return participationRecord(office, fiscalYear, copies);
};

export const getParticipation: Operation<typeof getParticipationRoute> = ({ ctx, query, now }) =>
  readParticipation(ctx, query, now);
