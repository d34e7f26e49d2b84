import { randomUUID } from 'node:crypto';
import type { TenantContext } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import type { SharingEvent } from '../data/difficult-store.ts';
import type { PersonCaseLink } from '../data/person-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import { stampOf } from '../kernel/stamp.ts';
import { hiddenByRevocation, unsharedCase } from './core-sharing.ts';

/**
 * The person's cases a revoked consent to core-center sharing hides again (at any office: the
 * consent is the person's), each as it must be stored and with its sharing event. Read strongly
 * consistent: they are written only at the version read.
 */
export const casesHiddenByRevocation = async (
  ctx: TenantContext,
  links: readonly PersonCaseLink[],
  now: Date,
): Promise<{ record: CaseRecord; previous: CaseRecord; sharing: SharingEvent }[]> => {
  const cases = await getCasesByIds(
    ctx.tenantId,
    links.map((link) => link.caseId),
    true,
  );
  const stamp = stampOf(ctx, now);
  return [...cases.values()].filter(hiddenByRevocation).map((previous) => ({
    record: unsharedCase(previous, stamp),
    previous,
    sharing: {
      recordId: randomUUID(),
      caseId: previous.caseId,
      event: 'unshared',
      basis: previous.sharing?.basis ?? 'supervision_request',
      reason: 'consent_revoked',
      on: stamp.today,
      createdAt: stamp.at,
      createdBy: stamp.userId,
    },
  }));
};
