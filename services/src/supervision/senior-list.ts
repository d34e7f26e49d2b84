import { isSeniorOn } from '@kikan/shared';
import { listSeniorSpecialists as readRoster } from '../data/ledger-store.ts';
import type { Operation } from '../http/route.ts';
import { seniorRosterOfficeFor } from '../policy/ledger-access.ts';
import type { listSeniorSpecialistsRoute } from '@kikan/shared/contracts/supervision';

/** Office staff see their own office's entries; `asOf` keeps those senior on that day. */
export const listSeniorSpecialists: Operation<typeof listSeniorSpecialistsRoute> = async ({ ctx, query }) => {
  const officeId = seniorRosterOfficeFor(ctx, query.officeId);
  const roster = await readRoster(ctx.tenantId);
  const items = roster
    .filter((entry) => officeId === undefined || entry.officeId === officeId)
    .filter((entry) => query.asOf === undefined || isSeniorOn(entry, query.asOf))
    .sort(
      (a, b) =>
        a.officeId.localeCompare(b.officeId) ||
        a.certifiedOn.localeCompare(b.certifiedOn) ||
        a.name.localeCompare(b.name, 'ja'),
    );
  return { asOf: query.asOf ?? null, items };
};
