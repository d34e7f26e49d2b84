import { createFunction, routesOf, type RouteTable } from '../http/create-function.ts';

/** Submissions to the municipality (ADR 0043): the office's submit and the caseworker's inbox. */
export const ROUTE_TABLE: RouteTable = {
  ...routesOf(
    () => import('./submission-bindings.ts').then((module) => module.SUBMISSION_BINDINGS),
    [
      'POST /api/cases/{caseId}/submissions',
      'GET /api/cases/{caseId}/submissions',
      'GET /api/submissions',
      'GET /api/submissions/{submissionId}',
      'POST /api/submissions/{submissionId}/accept',
      'POST /api/submissions/{submissionId}/return',
      'POST /api/submissions/{submissionId}/decision',
    ],
  ),
};

export const handler = createFunction(ROUTE_TABLE);
