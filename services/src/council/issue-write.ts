import { RegionalIssueView, regionalIssueViewOf, type TenantContext } from '@kikan/shared';
import {
  getRegionalIssue,
  saveRegionalIssue,
  type RegionalIssueRecord,
} from '../data/regional-issue-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Idempotency } from '../kernel/idempotency.ts';

/** What every change to an issue shares: the version named, one audited write, a retry's key. */
export interface IssueChange {
  ctx: TenantContext;
  params: { issueId: string };
  idempotency: Idempotency | null;
  requestId: string;
  now: Date;
}

type Change<I extends IssueChange> = (
  issue: RegionalIssueRecord,
  input: I,
) => Promise<RegionalIssueRecord> | RegionalIssueRecord;

/** The issue of the caller's tenant (its key is built from the caller's tenant), or a 404. */
export const existingIssue = async ({ ctx, params }: IssueChange): Promise<RegionalIssueRecord> => {
  const issue = await getRegionalIssue(ctx.tenantId, params.issueId, true);
  if (!issue) throw new NotFoundError();
  return issue;
};

/**
 * Takes the issue read at the version named by If-Match (checked by the function core: every
 * change of an issue is a versioned route), lets `change` compute the next one (throwing a
 * ValidationError when it may not be made) and writes it at that version.
 */
export const applyIssueChange = async <I extends IssueChange>(
  input: I,
  before: RegionalIssueRecord,
  change: Change<I>,
): Promise<RegionalIssueView> => {
  const { ctx, idempotency, requestId, now } = input;
  const changed = await change(before, input);
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
    expectedVersion: before.version,
    create: { idempotency, response: { status: 200, body: view } },
  });
  return replayed ? RegionalIssueView.parse(replayed.body) : view;
};

/** A retried change of an issue as a guarded operation: the issue is found before any replay. */
export const issueChange = <I extends IssueChange>(
  change: Change<I>,
): {
  authorize: (input: I) => Promise<RegionalIssueRecord>;
  versionOf: (before: RegionalIssueRecord) => number;
  run: (input: I, before: RegionalIssueRecord) => Promise<RegionalIssueView>;
} => ({
  authorize: existingIssue,
  versionOf: (before) => before.version,
  run: (input, before) => applyIssueChange(input, before, change),
});
