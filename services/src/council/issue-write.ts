import { RegionalIssueView, regionalIssueViewOf, type TenantContext } from '@kikan/shared';
import { earlierResponse, requireVersion } from '../caseload/record-access.ts';
import {
  getRegionalIssue,
  saveRegionalIssue,
  type RegionalIssueRecord,
} from '../data/regional-issue-store.ts';
import { NotFoundError } from '../http/errors.ts';
import type { Idempotency } from '../http/route.ts';

/** What every change to an issue shares: a retry replayed, the version named, one audited write. */
export interface IssueChange {
  ctx: TenantContext;
  issueId: string;
  ifMatch: number | null;
  idempotency: Idempotency | null;
  requestId: string;
  now: Date;
}

/**
 * Reads the issue at the version named by If-Match, lets `change` compute the next one (throwing a
 * ValidationError when it may not be made) and writes it at that version.
 */
export const changeIssue = async (
  { ctx, issueId, ifMatch, idempotency, requestId, now }: IssueChange,
  change: (issue: RegionalIssueRecord) => Promise<RegionalIssueRecord> | RegionalIssueRecord,
): Promise<RegionalIssueView> => {
  const replay = await earlierResponse(ctx, idempotency, RegionalIssueView);
  if (replay) return replay;
  const before = await getRegionalIssue(ctx.tenantId, issueId, true);
  if (!before) throw new NotFoundError();
  const expectedVersion = requireVersion(ifMatch, before.version);
  const changed = await change(before);
  const after: RegionalIssueRecord = {
    ...changed,
    version: before.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: ctx.userId,
  };
  const view = regionalIssueViewOf(after);
  const replayed = await saveRegionalIssue({
    write: { ctx, requestId, now },
    issue: after,
    expectedVersion,
    create: { idempotency, response: { status: 200, body: view } },
  });
  return replayed ? RegionalIssueView.parse(replayed.body) : view;
};
