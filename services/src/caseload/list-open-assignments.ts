import { todayInJapan } from '@kikan/shared';
import { getCasesByIds, listOpenAssignments as readOpenAssignments } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import type { listOpenAssignmentsRoute } from '@kikan/shared/contracts/caseload';

/**
 * One Query on the office's open-assignment items (due date order, so overdue first) and one
 * BatchGet for the page's cases: the name and the specialist are read where they are kept, never
 * copied. `mine` filters after the page is read, so its pages can be short; the cursor stays right.
 */
export const listOpenAssignments: Operation<typeof listOpenAssignmentsRoute> = async ({
  ctx,
  query,
  now,
}) => {
  const page = await readOpenAssignments(ctx.tenantId, ctx.officeId, query.limit, query.cursor);
  const cases = await getCasesByIds(
    ctx.tenantId,
    page.items.map((item) => item.caseId),
  );
  const today = todayInJapan(now);
  return {
    items: page.items.flatMap((item) => {
      const record = cases.get(item.caseId);
      if (!record || caseVisibility(ctx, record) !== 'full') return [];
      if (query.scope === 'mine' && record.specialistUserId !== ctx.userId) return [];
      return [
        {
          ...item,
          caseCode: record.caseCode,
          personName: record.personName,
          specialistUserId: record.specialistUserId,
          overdue: item.dueOn < today,
        },
      ];
    }),
    nextCursor: page.nextCursor,
  };
};
