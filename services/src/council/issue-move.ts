import { todayInJapan } from '@kikan/shared';
import { ValidationError } from '../kernel/errors.ts';
import type { RegionalIssueRecord } from '../data/regional-issue-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { moveRegionalIssueRoute } from '@kikan/shared/contracts/council';
import { moveProblems } from './issue-rules.ts';
import { issueChange } from './issue-write.ts';

/** Every step is dated and kept: the council view shows the whole way an issue went. */
export const moveRegionalIssue: GuardedOperation<typeof moveRegionalIssueRoute, RegionalIssueRecord> =
  issueChange((issue, { ctx, body, now }) => {
    const errors = moveProblems(issue, body, todayInJapan(now));
    if (errors.length) throw new ValidationError(errors);
    return {
      ...issue,
      status: body.to,
      history: [
        ...issue.history,
        { status: body.to, on: body.on, note: body.note, at: now.toISOString(), by: ctx.userId },
      ],
    };
  });
