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

/** The linked case ids that exist in the caller's tenant; an empty list costs no read. */
export const existingCaseIds = async (tenantId: string, caseIds: string[]): Promise<Set<string>> =>
  caseIds.length ? new Set((await getCasesByIds(tenantId, caseIds)).keys()) : new Set();
