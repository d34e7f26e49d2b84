import type { TenantContext } from '@kikan/shared';
import { getOffice } from '../data/directory-store.ts';
import { getSubmission, type StoredSubmission } from '../data/submission-store.ts';
import { ForbiddenError, NotFoundError } from '../kernel/errors.ts';

/** The caseworker's municipality: its municipal division's (role.ts MUNICIPAL_DIVISION_ROLES). */
export const caseworkerMunicipality = async (ctx: TenantContext): Promise<string> => {
  const office = await getOffice(ctx.tenantId, ctx.officeId);
  if (office?.type !== 'municipal_division' || !office.municipalityCode) throw new ForbiddenError();
  return office.municipalityCode;
};

/**
 * A submission to the caller's municipality; another municipality's is the same 404 as an id that
 * does not exist (a record one cannot see).
 */
export const submissionOfCaseworker = async (
  ctx: TenantContext,
  submissionId: string,
): Promise<StoredSubmission> => {
  const [municipalityCode, stored] = await Promise.all([
    caseworkerMunicipality(ctx),
    getSubmission(ctx.tenantId, submissionId),
  ]);
  if (!stored || stored.municipalityCode !== municipalityCode) throw new NotFoundError();
  return stored;
};
