import {
  RegionalIssueInput,
  RegionalIssueList,
  RegionalIssueMoveInput,
  RegionalIssueOutcomeInput,
  RegionalIssueParams,
  RegionalIssueQuery,
  RegionalIssueResponse,
  RegionalIssueSessionInput,
  RegionalIssueView,
} from '../regional-issue-api.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

/**
 * The core center follows each regional issue to the council; offices raise issues from their own
 * cases and follow theirs; the municipality reads them as the council does (issue-access.ts).
 */
const ISSUE_KEEPERS = ['core_supervisor'] as const;
const ISSUE_RAISERS = ['specialist', 'office_manager', 'core_supervisor'] as const;
const ISSUE_READERS = ['specialist', 'office_manager', 'core_supervisor', 'municipal_officer'] as const;

export const createRegionalIssueRoute = defineRoute({
  method: 'POST',
  path: '/api/regional-issues',
  context: 'council',
  access: ISSUE_RAISERS,
  summary:
    "Raise a regional issue from a service staff meeting's unsolved item, a difficult case or a supervision (office staff: their own office's cases only)",
  body: RegionalIssueInput,
  response: RegionalIssueResponse,
  successStatus: 201,
  idempotent: true,
});

export const listRegionalIssuesRoute = defineRoute({
  method: 'GET',
  path: '/api/regional-issues',
  context: 'council',
  access: ISSUE_READERS,
  summary:
    "The tenant's regional issues as the council sees them (counts, never cases), by status, category and fiscal year; office staff see those their office raised",
  query: RegionalIssueQuery,
  response: RegionalIssueList,
  successStatus: 200,
});

export const getRegionalIssueRoute = defineRoute({
  method: 'GET',
  path: '/api/regional-issues/{issueId}',
  context: 'council',
  access: ISSUE_READERS,
  summary:
    'One regional issue: in full with its sources for the core center, the council view for anyone else',
  params: RegionalIssueParams,
  response: RegionalIssueResponse,
  successStatus: 200,
});

export const moveRegionalIssueRoute = defineRoute({
  method: 'POST',
  path: '/api/regional-issues/{issueId}/moves',
  context: 'council',
  access: ISSUE_KEEPERS,
  summary:
    'Move an issue one dated step along raised → under discussion → proposal → action → closed / carried over (If-Match)',
  params: RegionalIssueParams,
  body: RegionalIssueMoveInput,
  response: RegionalIssueView,
  successStatus: 200,
  versioned: true,
  idempotent: true,
});

export const linkRegionalIssueSessionRoute = defineRoute({
  method: 'POST',
  path: '/api/regional-issues/{issueId}/sessions',
  context: 'council',
  access: ISSUE_KEEPERS,
  summary: 'Record that the issue was taken to a council or sub-committee session of the ledger (If-Match)',
  params: RegionalIssueParams,
  body: RegionalIssueSessionInput,
  response: RegionalIssueView,
  successStatus: 200,
  versioned: true,
  idempotent: true,
});

export const recordRegionalIssueOutcomeRoute = defineRoute({
  method: 'PUT',
  path: '/api/regional-issues/{issueId}/outcome',
  context: 'council',
  access: ISSUE_KEEPERS,
  summary: 'Record (or correct) what the issue led to and the plan revision it fed (If-Match)',
  params: RegionalIssueParams,
  body: RegionalIssueOutcomeInput,
  response: RegionalIssueView,
  successStatus: 200,
  versioned: true,
});

export const COUNCIL_ROUTES: readonly RouteDefinition[] = [
  createRegionalIssueRoute,
  listRegionalIssuesRoute,
  getRegionalIssueRoute,
  moveRegionalIssueRoute,
  linkRegionalIssueSessionRoute,
  recordRegionalIssueOutcomeRoute,
];
