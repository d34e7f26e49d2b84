import { todayInJapan } from '@kikan/shared';
import { ValidationError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import type { recordRegionalIssueOutcomeRoute } from '@kikan/shared/contracts/council';
import { outcomeProblems } from './issue-rules.ts';
import { applyIssueChange, existingIssue } from './issue-write.ts';

/** One outcome per issue, replaced as it becomes clearer; the audit log keeps each version's write. */
export const recordRegionalIssueOutcome: Operation<typeof recordRegionalIssueOutcomeRoute> = async (input) =>
  applyIssueChange(input, await existingIssue(input), (issue, { ctx, body, now }) => {
    const errors = outcomeProblems(issue, body, todayInJapan(now));
    if (errors.length) throw new ValidationError(errors);
    return { ...issue, outcome: { ...body, at: now.toISOString(), by: ctx.userId } };
  });
