import { todayInJapan, type TenantContext } from '@kikan/shared';
import { getDirectoryEntries, listOffices } from '../data/directory-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import type { LedgerDirectory } from './ledger-rules.ts';

/** What an event is checked against: the tenant's offices and member municipalities, and today. */
export const readLedgerDirectory = async (ctx: TenantContext, now: Date): Promise<LedgerDirectory> => {
  const [{ tenant }, offices] = await Promise.all([
    getDirectoryEntries(ctx.tenantId, ctx.officeId, ctx.userId),
    listOffices(ctx.tenantId),
  ]);
  return {
    today: todayInJapan(now),
    offices,
    members: tenant?.members ?? [],
    keeperOfficeId: ctx.officeId,
  };
};

/**
 * The linked cases that exist in the caller's tenant, each with the person whose case it is (whose
 * council consent a session's link needs); an empty list costs no read.
 */
export const linkedCasePersons = async (
  tenantId: string,
  caseIds: readonly string[],
): Promise<Map<string, string>> =>
  caseIds.length
    ? new Map(
        [...(await getCasesByIds(tenantId, [...caseIds])).values()].map((record) => [
          record.caseId,
          record.personId,
        ]),
      )
    : new Map();
