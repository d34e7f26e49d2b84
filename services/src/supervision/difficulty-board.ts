import { todayInJapan, type DifficultBoardItem, type TenantContext } from '@kikan/shared';
import { listBoard, listOverdueReviews, type BoardEntry } from '../data/difficult-store.ts';
import { getCasesByIds } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { caseListScope, caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { listDifficultCasesRoute, listOverdueReviewsRoute } from '@kikan/shared/contracts/supervision';

/**
 * Board rows: each case shaped by the caller's visibility of it (the core center sees a case not
 * shared with it pseudonymised: no name, kana, birth date or recipient number) and the difficulty's
 * status, categories and dates, never its text. One Query on the board partition and one BatchGet.
 */
const boardRows = async (
  ctx: TenantContext,
  entries: BoardEntry[],
  now: Date,
): Promise<DifficultBoardItem[]> => {
  const cases = await getCasesByIds(
    ctx.tenantId,
    entries.map((entry) => entry.caseId),
  );
  const today = todayInJapan(now);
  return entries.flatMap((entry) => {
    const record = cases.get(entry.caseId);
    const visibility = record ? caseVisibility(ctx, record) : 'none';
    if (!record || visibility === 'none') return [];
    const nextReviewOn = entry.status === 'closed' ? null : (entry.nextReviewOn ?? null);
    return [
      {
        case: toCaseView(record, visibility, now),
        status: entry.status,
        categories: entry.categories,
        flaggedOn: entry.flaggedOn,
        nextReviewOn,
        reviewOverdue: nextReviewOn !== null && nextReviewOn < today,
      },
    ];
  });
};

/** The core center: every office of the tenant (or one); an office: its own cases only. */
export const listDifficultCases: Operation<typeof listDifficultCasesRoute> = async ({ ctx, query, now }) => {
  const scope = caseListScope(ctx, query.officeId);
  const page = await listBoard(
    ctx.tenantId,
    { status: query.status, officeId: scope.officeId },
    query.limit,
    query.cursor,
  );
  return { items: await boardRows(ctx, page.items, now), nextCursor: page.nextCursor };
};

export const listOverdueReviewsOperation: Operation<typeof listOverdueReviewsRoute> = async ({
  ctx,
  now,
}) => {
  const scope = caseListScope(ctx);
  const { items, truncated } = await listOverdueReviews(ctx.tenantId, scope.officeId, todayInJapan(now));
  return { items: await boardRows(ctx, items, now), truncated };
};
