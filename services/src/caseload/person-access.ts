import { CONSENT_PURPOSES, type PersonView, type TenantContext } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { readPersonFile, type PersonCaseLink, type PersonFile } from '../data/person-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import { AccessRefusedError, NotFoundError } from '../kernel/errors.ts';
import { caseVisibility, mayFollowCaseLink, mayWriteCase } from '../policy/access-policy.ts';

/**
 * A person is reachable through the case links on the person's partition, and only through a case
 * that is still open: an office sees and changes a person while it holds one of their cases open
 * (the core center also through an open case shared with it). When its case ends — a closure, a
 * transfer at 18 to another office — its own case file (the case with the person's details as they
 * were, its timeline and records) stays readable, but the person's live record does not: current
 * address and family, consents, what the next office changes. It then gets the same 404 as for a
 * person it never had. The links name only the office, so the linked cases are read (strongly
 * consistent, so a closure ends access at once); links written before this rule need no change.
 */
const linkScope = (officeId: string) => ({ officeId, sharedWithCore: false });

const isOpen = (record: CaseRecord) => record.phase !== 'closed';

/** The linked cases, open, that `reaches` accepts; only the links that could pass are read. */
const reachingCases = async (
  ctx: TenantContext,
  links: readonly PersonCaseLink[],
  mayReach: (link: PersonCaseLink) => boolean,
  reaches: (record: CaseRecord) => boolean,
): Promise<boolean> => {
  const candidates = links.filter(mayReach).map((link) => link.caseId);
  if (!candidates.length) return false;
  const cases = await getCasesByIds(ctx.tenantId, candidates, true);
  return [...cases.values()].some((record) => isOpen(record) && reaches(record));
};

export const readablePersonFile = async (ctx: TenantContext, personId: string) => {
  const file = await readPersonFile(ctx.tenantId, personId);
  if (!file) return { file, visible: false };
  const visible = await reachingCases(
    ctx,
    file.cases,
    // The core center may see any office's case in full once it is shared: the case item says so.
    (link) => mayFollowCaseLink(ctx, link.officeId),
    (record) => caseVisibility(ctx, record) === 'full',
  );
  return { file, visible };
};

export const writablePersonFile = async (ctx: TenantContext, personId: string): Promise<PersonFile> => {
  const file = await readPersonFile(ctx.tenantId, personId);
  if (!file) throw new NotFoundError();
  const writable = await reachingCases(
    ctx,
    file.cases,
    (link) => mayWriteCase(ctx, linkScope(link.officeId)),
    (record) => mayWriteCase(ctx, record),
  );
  // The person exists but no open case of theirs is the caller's office's: audited as `denied`.
  if (!writable) throw new AccessRefusedError({ recordType: 'person', recordId: personId });
  return file;
};

/**
 * The person as the caller's office sees it: its own case ids only (its closed ones too: they are
 * its files), consents in a fixed order.
 */
export const toPersonView = (file: PersonFile, ctx: TenantContext): PersonView => ({
  ...file.person,
  consents: [...file.consents].sort(
    (a, b) => CONSENT_PURPOSES.indexOf(a.purpose) - CONSENT_PURPOSES.indexOf(b.purpose),
  ),
  caseIds: file.cases.filter((link) => link.officeId === ctx.officeId).map((link) => link.caseId),
});
