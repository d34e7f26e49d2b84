import {
  NEARING_AGE_MONTHS,
  addMonths,
  decisionStandingOf,
  lastDayOfMonth,
  todayInJapan,
  type DashboardFigure,
  type TenantContext,
} from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { pageCasesByDue, pageCasesReachingAge } from '../data/dashboard-store.ts';
import { listOffices } from '../data/directory-store.ts';
import type { Page } from '../data/paging.ts';
import {
  decisionEndOf,
  hasOpenDifficulty,
  isActiveCase,
  isSelfPlanCase,
  lacksFinalPlan,
  type CountedCase,
} from '../data/office-counters.ts';
import { findCasesOfOffice } from '../data/record-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { listDashboardCasesRoute } from '@kikan/shared/contracts/supervision';

/** Cases read per request at most while filtering: a page may end short, with a cursor to go on. */
const FILTER_READ_BOUND = 500;

const casesBehind = (
  ctx: TenantContext,
  officeId: string,
  figure: DashboardFigure,
  today: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<CaseRecord>> => {
  const tenantId = ctx.tenantId;
  const nearing = { from: today, through: addMonths(today, NEARING_AGE_MONTHS) };
  // Figures kept as counters have no index of their own: their list filters the office's cases
  // with the very predicate the counter uses, a page at a time, on demand only.
  const filtered = (matches: (record: CountedCase) => boolean) =>
    findCasesOfOffice(tenantId, officeId, {
      order: { by: 'caseCode' },
      matches,
      limit,
      cursor,
      maxRead: FILTER_READ_BOUND,
    });
  switch (figure) {
    case 'overdue':
      return pageCasesByDue(tenantId, officeId, { kind: 'overdue', today }, limit, cursor);
    case 'due':
      return pageCasesByDue(
        tenantId,
        officeId,
        { kind: 'due', today, monthEnd: lastDayOfMonth(today.slice(0, 7)) },
        limit,
        cursor,
      );
    case 'nearing18':
      return pageCasesReachingAge(tenantId, officeId, 18, nearing, limit, cursor);
    case 'nearing65':
      return pageCasesReachingAge(tenantId, officeId, 65, nearing, limit, cursor);
    case 'renewal':
    case 'expired': {
      const standing = figure === 'renewal' ? 'ending' : 'expired';
      return filtered((record) => {
        const endsOn = decisionEndOf(record);
        return endsOn !== null && decisionStandingOf(endsOn, today) === standing;
      });
    }
    case 'active':
      return filtered(isActiveCase);
    case 'withoutPlan':
      return filtered(lacksFinalPlan);
    case 'selfPlan':
      return filtered(isSelfPlanCase);
    case 'difficult':
      return filtered(hasOpenDifficulty);
  }
};

/** The cases behind one figure of one office of the caller's tenant (another tenant's office: 404). */
export const listDashboardCases: Operation<typeof listDashboardCasesRoute> = async ({
  ctx,
  params,
  query,
  now,
}) => {
  const offices = await listOffices(ctx.tenantId);
  if (!offices.some((office) => office.officeId === params.officeId)) throw new NotFoundError();
  const page = await casesBehind(
    ctx,
    params.officeId,
    query.figure,
    todayInJapan(now),
    query.limit,
    query.cursor,
  );
  return {
    officeId: params.officeId,
    figure: query.figure,
    items: page.items.flatMap((record) => {
      const visibility = caseVisibility(ctx, record);
      return visibility === 'none' ? [] : [toCaseView(record, visibility, now)];
    }),
    nextCursor: page.nextCursor,
  };
};
