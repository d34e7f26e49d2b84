import type { PlanRequestView } from '@kikan/shared';
import type { PlanRequestRecord } from '../data/plan-request-store.ts';

/** The caseworker's view: the office and the number the request named, never the person's name. */
export const planRequestViewOf = (request: PlanRequestRecord, officeName: string): PlanRequestView => ({
  requestId: request.requestId,
  officeId: request.officeId,
  officeName,
  recipientNumber: request.recipientNumber,
  dueOn: request.dueOn,
  note: request.note,
  status: request.status,
  requestedOn: request.requestedOn,
  ...(request.closedOn ? { closedOn: request.closedOn } : {}),
  version: request.version,
});
