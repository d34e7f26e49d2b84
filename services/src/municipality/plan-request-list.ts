import { todayInJapan, type PlanRequestList } from '@kikan/shared';
import type { listPlanRequestsRoute } from '@kikan/shared/contracts/municipality';
import { listOffices } from '../data/directory-store.ts';
import { openPlanRequestsFor, readPlanRequests } from '../data/plan-request-store.ts';
import type { Operation } from '../http/route.ts';
import { callerMunicipality } from './caller-municipality.ts';
import { planRequestViewOf } from './plan-request-view.ts';

/**
 * The caseworker reads the municipality's requests; office staff read their own office's open ones
 * as tasks (a specialist those of the cases they hold; a case page narrows them to its case).
 * Neither list names a person.
 */
export const listPlanRequests: Operation<typeof listPlanRequestsRoute> = async ({ ctx, query, now }) => {
  if (ctx.role !== 'municipal_caseworker') {
    const today = todayInJapan(now);
    const open = await openPlanRequestsFor(
      ctx.tenantId,
      ctx.officeId,
      ctx.role === 'specialist' ? ctx.userId : null,
    );
    const shown = query.status === undefined || query.status === 'open';
    return {
      items: [],
      officeItems: shown
        ? open
            .filter((request) => query.caseId === undefined || request.caseId === query.caseId)
            .map((request) => ({
              requestId: request.requestId,
              caseId: request.caseId,
              dueOn: request.dueOn,
              note: request.note,
              requestedOn: request.requestedOn,
              overdue: request.dueOn < today,
            }))
        : [],
    } satisfies PlanRequestList;
  }
  const { municipalityCode } = await callerMunicipality(ctx);
  const [requests, offices] = await Promise.all([
    readPlanRequests(ctx.tenantId, municipalityCode),
    listOffices(ctx.tenantId),
  ]);
  const nameOf = new Map(offices.map((office) => [office.officeId, office.name]));
  return {
    items: requests
      .filter((request) => query.status === undefined || request.status === query.status)
      .map((request) => planRequestViewOf(request, nameOf.get(request.officeId) ?? '')),
    officeItems: [],
  };
};
