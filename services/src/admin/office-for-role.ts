import { ROLE_OFFICE_MISMATCH, roleFitsOffice, type Office, type Role } from '@kikan/shared';
import { getOffice } from '../data/directory-store.ts';
import { ValidationError } from '../kernel/errors.ts';

/**
 * The office a staff member is placed in, read from the caller's tenant (the key is built from it):
 * a 400 naming `body.officeId` when it is not one of the tenant's, and naming `body.role` when the
 * role may not sit there (the caseworker's scope is its division's municipality, issue 16).
 */
export const officeForRole = async (tenantId: string, officeId: string, role: Role): Promise<Office> => {
  const office = await getOffice(tenantId, officeId);
  if (!office) {
    throw new ValidationError([
      { field: 'body.officeId', message: '指定された事業所はこの自治体にありません' },
    ]);
  }
  refuseRoleMismatch(role, office);
  return office;
};

export const refuseRoleMismatch = (role: Role, office: Pick<Office, 'type'>): void => {
  if (!roleFitsOffice(role, office.type)) {
    throw new ValidationError([{ field: 'body.role', message: ROLE_OFFICE_MISMATCH }]);
  }
};
