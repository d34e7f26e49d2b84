import { todayInJapan } from '@kikan/shared';
import { ValidationError } from '../kernel/errors.ts';
import type { RegionalIssueRecord } from '../data/regional-issue-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { recordRegionalIssueOutcomeRoute } from '@kikan/shared/contracts/council';
import { outcomeProblems } from './issue-rules.ts';
import { issueChange } from './issue-write.ts';

/** One outcome per issue, replaced as it becomes clearer; the audit log keeps each version's write. */
export const recordRegionalIssueOutcome: GuardedOperation<
  typeof recordRegionalIssueOutcomeRoute,
  RegionalIssueRecord
> = issueChange((issue, { ctx, body, now }) => {
  const errors = outcomeProblems(issue, body, todayInJapan(now));
  if (errors.length) throw new ValidationError(errors);
  return { ...issue, outcome: { ...body, at: now.toISOString(), by: ctx.userId } };
});
