import { MAX_PAGE_SIZE, type CaseFull, type Office, type StaffMember } from '@kikan/shared';
import { listCasesRoute, listStaffRoute } from '@kikan/shared/contracts/caseload';
import type { ApiClient } from '#lib/api.ts';

/** Roles that hold cases and are supervised. */
const SUPERVISED_ROLES = new Set<StaffMember['role']>(['specialist', 'office_manager']);

/** Staff of every office: the core center supervises specialists whichever office they work at. */
export const loadSupervisedStaff = async (
  api: ApiClient,
  offices: readonly Office[],
): Promise<StaffMember[]> => {
  const lists = await Promise.all(
    offices.map((office) => api.call(listStaffRoute, { query: { officeId: office.officeId } })),
  );
  return lists.flatMap((list) => list.items).filter((member) => SUPERVISED_ROLES.has(member.role));
};

/** Ten pages of a hundred: the tenant's cases as the core center may see them. */
const MAX_PAGES = 10;

/**
 * The cases the core center sees in full (shared with it, or its own): the only ones a supervision
 * record may link. Others come pseudonymised and are left out.
 */
export const loadSharedCases = async (api: ApiClient): Promise<CaseFull[]> => {
  const shared: CaseFull[] = [];
  let cursor: string | undefined;
  for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber += 1) {
    const page = await api.call(listCasesRoute, { query: { limit: MAX_PAGE_SIZE, cursor } });
    for (const item of page.items)
      if (item.visibility === 'full' && item.phase !== 'closed') shared.push(item);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return shared;
};
