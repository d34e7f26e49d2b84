import { OfficeList, StaffList, type Office, type StaffMember } from '@kikan/shared';
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
  const { items: offices } = await api.get('/api/offices', OfficeList);
  return Promise.all(
    offices.map(async (office) => ({
      office,
      staff: (await api.get('/api/users', StaffList, { officeId: office.officeId })).items,
    })),
  );
};

/** Everyone on the lists, for naming who set a hold or changed a setting. */
export const everyone = (groups: readonly OfficeStaff[]): StaffMember[] =>
  groups.flatMap(({ staff }) => staff);
