import { getRegionalIssue as readIssue } from '../data/regional-issue-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import type { getRegionalIssueRoute } from '@kikan/shared/contracts/council';
import { issueViewFor } from '../policy/issue-access.ts';

/** Another office's issue is the same 404 as one that does not exist. */
export const getRegionalIssue: Operation<typeof getRegionalIssueRoute> = async ({ ctx, params }) => {
  const issue = await readIssue(ctx.tenantId, params.issueId);
  const view = issue ? issueViewFor(ctx, issue) : null;
  if (!view) throw new NotFoundError();
  return view;
};
