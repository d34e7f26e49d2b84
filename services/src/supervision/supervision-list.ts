import { getSupervision, listSupervisions } from '../data/supervision-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { maySeeSupervision, supervisionFor, supervisionsListedFor } from '../policy/access-policy.ts';
import type { getSupervisionRoute, listSupervisionsRoute } from '@kikan/shared/contracts/supervision';

/** The core center lists all (or one specialist's); office staff list the ones about themselves. */
export const listSupervisionsOperation: Operation<typeof listSupervisionsRoute> = async ({ ctx, query }) => {
  const specialist = supervisionsListedFor(ctx, query.specialistUserId);
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
