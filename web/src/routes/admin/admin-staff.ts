import type { Office, StaffMember } from '@kikan/shared';
import { listOfficesRoute } from '@kikan/shared/contracts/admin';
import { listStaffRoute } from '@kikan/shared/contracts/caseload';
import type { ApiClient } from '#lib/api.ts';

/** One office of the tenant with its (active) staff, in the order the API lists them (by name). */
export interface OfficeStaff {
  office: Office;
  staff: StaffMember[];
}

/**
 * The tenant's offices and each one's staff (`GET /api/users?officeId=` per office: the tenant admin
 * may name any office of the tenant). Removed users are on no list. A failed list fails the whole.
 */
export const loadStaffByOffice = async (api: ApiClient): Promise<OfficeStaff[]> => {
  const { items: offices } = await api.call(listOfficesRoute);
  return Promise.all(
    offices.map(async (office) => ({
      office,
      staff: (await api.call(listStaffRoute, { query: { officeId: office.officeId } })).items,
    })),
  );
};

/** Everyone on the lists, for naming who set a hold or changed a setting. */
export const everyone = (groups: readonly OfficeStaff[]): StaffMember[] =>
  groups.flatMap(({ staff }) => staff);
