import { CONSENT_PURPOSES, type PersonView, type TenantContext } from '@kikan/shared';
import { readPersonFile, type PersonFile } from '../data/person-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import { AccessRefusedError, NotFoundError } from '../http/errors.ts';
import { caseVisibility, mayWriteCase } from '../policy/access-policy.ts';

/**
 * A person is visible to an office that holds (or held) one of their cases, through the case
 * links on the person's partition. The core center sees the persons of its own office's cases and
 * of cases shared with it: the pseudonymised cross-office view never leads to a name.
 */
const linkScope = (officeId: string) => ({ officeId, sharedWithCore: false });

export const readablePersonFile = async (ctx: TenantContext, personId: string) => {
  const file = await readPersonFile(ctx.tenantId, personId);
  const visible = file?.cases.some((link) => caseVisibility(ctx, linkScope(link.officeId)) === 'full');
  if (visible || !file || ctx.role !== 'core_supervisor') return { file, visible: Boolean(visible) };
  // The core center also reads the person of a case shared with it: the case item says whether it
  // is, read strongly consistent so a revoked consent hides the person at once.
  const cases = await getCasesByIds(
    ctx.tenantId,
    file.cases.map((link) => link.caseId),
    true,
  );
  return { file, visible: [...cases.values()].some((record) => caseVisibility(ctx, record) === 'full') };
};

export const writablePersonFile = async (ctx: TenantContext, personId: string): Promise<PersonFile> => {
  const file = await readPersonFile(ctx.tenantId, personId);
  if (!file) throw new NotFoundError();
  if (!file.cases.some((link) => mayWriteCase(ctx, linkScope(link.officeId)))) {
    // The person exists but none of their cases is the caller's office's: audited as `denied`.
    throw new AccessRefusedError({ recordType: 'person', recordId: personId });
  }
  return file;
};

/** The person as the caller's office sees it: its own case ids only, consents in a fixed order. */
export const toPersonView = (file: PersonFile, ctx: TenantContext): PersonView => ({
  ...file.person,
  consents: [...file.consents].sort(
    (a, b) => CONSENT_PURPOSES.indexOf(a.purpose) - CONSENT_PURPOSES.indexOf(b.purpose),
  ),
  caseIds: file.cases.filter((link) => link.officeId === ctx.officeId).map((link) => link.caseId),
});
