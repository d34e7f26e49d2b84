import { getLedgerEvent } from '../data/ledger-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { RegionalIssueRecord } from '../data/regional-issue-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { linkRegionalIssueSessionRoute } from '@kikan/shared/contracts/council';
import { sessionProblems } from './issue-rules.ts';
import { issueChange } from './issue-write.ts';

/**
 * The session is the ledger's council or sub-committee event, read in the caller's tenant; its kind,
 * date and title are kept with the issue so the council view needs no second read.
 */
export const linkRegionalIssueSession: GuardedOperation<
  typeof linkRegionalIssueSessionRoute,
  RegionalIssueRecord
> = issueChange(async (issue, { ctx, body, now }) => {
  const event = await getLedgerEvent(ctx.tenantId, body.eventId);
  const errors = sessionProblems(issue, event);
  if (errors.length || !event) throw new ValidationError(errors);
  const session = {
    eventId: event.eventId,
    kind: event.kind,
    heldOn: event.heldOn,
    title: event.title,
    at: now.toISOString(),
    by: ctx.userId,
  };
  return { ...issue, sessions: [...issue.sessions, session] };
});
