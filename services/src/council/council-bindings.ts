import { bind, type RouteBinding } from '../http/create-function.ts';
import {
  createRegionalIssueRoute,
  getRegionalIssueRoute,
  linkRegionalIssueSessionRoute,
  listRegionalIssuesRoute,
  moveRegionalIssueRoute,
  recordRegionalIssueOutcomeRoute,
} from '@kikan/shared/contracts/council';
import { createRegionalIssue } from './issue-create.ts';
import { getRegionalIssue } from './issue-get.ts';
import { linkRegionalIssueSession } from './issue-link-session.ts';
import { listRegionalIssues } from './issue-list.ts';
import { moveRegionalIssue } from './issue-move.ts';
import { recordRegionalIssueOutcome } from './issue-record-outcome.ts';

export const COUNCIL_BINDINGS: readonly RouteBinding[] = [
  bind(createRegionalIssueRoute, createRegionalIssue),
  bind(listRegionalIssuesRoute, listRegionalIssues),
  bind(getRegionalIssueRoute, getRegionalIssue),
  bind(moveRegionalIssueRoute, moveRegionalIssue),
  bind(linkRegionalIssueSessionRoute, linkRegionalIssueSession),
  bind(recordRegionalIssueOutcomeRoute, recordRegionalIssueOutcome),
];
