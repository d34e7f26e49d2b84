import { todayInJapan } from '@kikan/shared';
import { ValidationError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import type { moveRegionalIssueRoute } from './council-routes.ts';
import { moveProblems } from './issue-rules.ts';
import { changeIssue } from './issue-write.ts';

/** Every step is dated and kept: the council view shows the whole way an issue went. */
export const moveRegionalIssue: Operation<typeof moveRegionalIssueRoute> = ({
  ctx,
  params,
  body,
  ifMatch,
  idempotency,
  requestId,
  now,
}) =>
  changeIssue({ ctx, issueId: params.issueId, ifMatch, idempotency, requestId, now }, (issue) => {
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
