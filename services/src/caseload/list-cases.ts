import { listCasesOfOffice, listCasesOfTenant } from '../data/case-store.ts';
import type { Operation } from '../http/route.ts';
import { caseListScope, caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { listCasesRoute } from '@kikan/shared/contracts/caseload';

export const listCases: Operation<typeof listCasesRoute> = async ({ ctx, query, now }) => {
  const scope = caseListScope(ctx, query.officeId);
  const assignedTo = query.assigned === 'me' ? ctx.userId : undefined;
  const page =
    scope.kind === 'office'
      ? await listCasesOfOffice(ctx.tenantId, scope.officeId, query.limit, query.cursor, assignedTo)
      : await listCasesOfTenant(ctx.tenantId, query.limit, query.cursor, scope.officeId, assignedTo);
  return {
    items: page.items.flatMap((record) => {
      const visibility = caseVisibility(ctx, record);
      return visibility === 'none' ? [] : [toCaseView(record, visibility, now)];
    }),
    nextCursor: page.nextCursor,
  };
};
