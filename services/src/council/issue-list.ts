import { councilViewOf } from '@kikan/shared';
import { readRegionalIssues } from '../data/regional-issue-store.ts';
import type { Operation } from '../http/route.ts';
import type { listRegionalIssuesRoute } from '@kikan/shared/contracts/council';
import { mayReadIssue } from '../policy/issue-access.ts';

/** One Query on the tenant's issue partition, filtered here: tens of issues a year. */
export const listRegionalIssues: Operation<typeof listRegionalIssuesRoute> = async ({ ctx, query }) => {
  const issues = await readRegionalIssues(ctx.tenantId, query.fiscalYear);
  return {
    items: issues
      .filter((issue) => mayReadIssue(ctx, issue))
      .filter((issue) => query.status === undefined || issue.status === query.status)
      .filter((issue) => query.category === undefined || issue.category === query.category)
      .map(councilViewOf),
  };
};
