import { todayInJapan } from '@kikan/shared';
import type { withdrawPlanRequestRoute } from '@kikan/shared/contracts/municipality';
import { getOffice } from '../data/directory-store.ts';
import { closePlanRequest, getPlanRequest, type PlanRequestRecord } from '../data/plan-request-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { ConflictError, NotFoundError } from '../kernel/errors.ts';
import { callerMunicipality } from './caller-municipality.ts';
import { planRequestViewOf } from './plan-request-view.ts';

/** Another municipality's request is the same 404 as one that does not exist: its key is the caller's. */
export const withdrawPlanRequest: GuardedOperation<typeof withdrawPlanRequestRoute, PlanRequestRecord> = {
  authorize: async ({ ctx, params }) => {
    const { municipalityCode } = await callerMunicipality(ctx);
    const request = await getPlanRequest(ctx.tenantId, municipalityCode, params.requestId);
    if (!request) throw new NotFoundError();
    return request;
  },
  versionOf: (request) => request.version,
  run: async ({ ctx, requestId, now }, request) => {
    if (request.status !== 'open') throw new ConflictError('この依頼はすでに完了または取り下げ済みです');
    const withdrawn: PlanRequestRecord = {
      ...request,
      status: 'withdrawn',
      closedOn: todayInJapan(now),
      version: request.version + 1,
      updatedAt: now.toISOString(),
      updatedBy: ctx.userId,
    };
    await closePlanRequest({ ctx, requestId, now }, withdrawn, request.version);
    const office = await getOffice(ctx.tenantId, request.officeId);
    return planRequestViewOf(withdrawn, office?.name ?? '');
  },
};
