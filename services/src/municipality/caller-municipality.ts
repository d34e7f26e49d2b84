import type { TenantContext } from '@kikan/shared';
import { getOffice } from '../data/directory-store.ts';
import { ForbiddenError } from '../kernel/errors.ts';

export interface CallerMunicipality {
  municipalityCode: string;
  /** The caller's municipal division (障害福祉担当課): the office the municipality's records belong to. */
  divisionOfficeId: string;
}

/**
 * The caseworker's scope is the municipality of the division they sit in (role.ts roleFitsOffice
 * keeps them there); every key of this context is built from it, never from the request.
 */
export const callerMunicipality = async (ctx: TenantContext): Promise<CallerMunicipality> => {
  const office = await getOffice(ctx.tenantId, ctx.officeId);
  if (office?.type !== 'municipal_division') throw new ForbiddenError();
  return { municipalityCode: office.municipalityCode, divisionOfficeId: office.officeId };
};
