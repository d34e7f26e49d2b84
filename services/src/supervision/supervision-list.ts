import type { Supervision, TenantContext } from '@kikan/shared';
import { getSupervision, listSupervisions } from '../data/supervision-store.ts';
import { ForbiddenError, NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { maySeeSupervision } from '../policy/access-policy.ts';
import type { getSupervisionRoute, listSupervisionsRoute } from '@kikan/shared/contracts/supervision';

/** Office staff see their own office's linked cases only: another office's case id is not theirs. */
export const supervisionFor = (ctx: TenantContext, supervision: Supervision): Supervision =>
  ctx.role === 'core_supervisor'
    ? supervision
    : { ...supervision, cases: supervision.cases.filter((linked) => linked.officeId === ctx.officeId) };

/** The core center lists all (or one specialist's); office staff list the ones about themselves. */
export const listSupervisionsOperation: Operation<typeof listSupervisionsRoute> = async ({ ctx, query }) => {
  const isCore = ctx.role === 'core_supervisor';
  if (!isCore && query.specialistUserId !== undefined && query.specialistUserId !== ctx.userId) {
    throw new ForbiddenError();
  }
  const specialist = isCore ? query.specialistUserId : ctx.userId;
  const page = await listSupervisions(ctx.tenantId, specialist, query.limit, query.cursor);
  return {
    items: page.items.filter((item) => maySeeSupervision(ctx, item)).map((item) => supervisionFor(ctx, item)),
    nextCursor: page.nextCursor,
  };
};

export const getSupervisionOperation: Operation<typeof getSupervisionRoute> = async ({ ctx, params }) => {
  const supervision = await getSupervision(ctx.tenantId, params.supervisionId);
  if (!supervision || !maySeeSupervision(ctx, supervision)) throw new NotFoundError();
  return supervisionFor(ctx, supervision);
};
