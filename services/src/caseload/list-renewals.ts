import {
  MONITORING_DUE_LIMIT,
  RENEWAL_NOTICE_MONTHS,
  addMonths,
  decisionStandingOf,
  todayInJapan,
  type CaseView,
} from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { decisionEndOf } from '../data/office-counters.ts';
import { findCasesOfOffice } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { caseVisibility } from '../policy/access-policy.ts';
import { toCaseView } from '../policy/case-view.ts';
import type { listRenewalsRoute } from '@kikan/shared/contracts/caseload';

/** Cases read per request while filtering the office's caseload. */
const READ_BATCH = 500;

/**
 * The office's open cases whose decision needs renewing: the same predicate as the dashboard's
 * counters (decisionEndOf, decisionStandingOf), read from the office's own cases — an office holds
 * hundreds of cases, not tens of thousands, and this list is read on the home page only.
 */
const casesToRenew = async (
  tenantId: string,
  officeId: string,
  today: string,
  assignedTo: string | undefined,
): Promise<{ items: CaseRecord[]; truncated: boolean }> => {
  const items: CaseRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await findCasesOfOffice(tenantId, officeId, {
      order: { by: 'caseCode' },
      matches: (record) => {
        const endsOn = decisionEndOf(record);
        return (
          endsOn !== null &&
          decisionStandingOf(endsOn, today) !== 'in_force' &&
          (assignedTo === undefined || record.specialistUserId === assignedTo)
        );
      },
      limit: MONITORING_DUE_LIMIT + 1 - items.length,
      cursor,
      maxRead: READ_BATCH,
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length <= MONITORING_DUE_LIMIT);
  return { items: items.slice(0, MONITORING_DUE_LIMIT), truncated: items.length > MONITORING_DUE_LIMIT };
};

const byDecisionEnd = (a: CaseView, b: CaseView) =>
  (a.decisionValidTo ?? '').localeCompare(b.decisionValidTo ?? '') || a.caseCode.localeCompare(b.caseCode);

/** 支給決定の更新: decisions ending within 3 months and those ended, for the caller or their office. */
export const listRenewals: Operation<typeof listRenewalsRoute> = async ({ ctx, query, now }) => {
  const today = todayInJapan(now);
  const assignedTo = query.scope === 'mine' ? ctx.userId : undefined;
  const { items, truncated } = await casesToRenew(ctx.tenantId, ctx.officeId, today, assignedTo);
  const views = items
    .flatMap((record) => {
      const visibility = caseVisibility(ctx, record);
      return visibility === 'none' ? [] : [toCaseView(record, visibility, now)];
    })
    .sort(byDecisionEnd);
  const standing = (view: CaseView) => decisionStandingOf(view.decisionValidTo ?? today, today);
  return {
    scope: query.scope,
    today,
    until: addMonths(today, RENEWAL_NOTICE_MONTHS),
    ending: views.filter((view) => standing(view) === 'ending'),
    expired: views.filter((view) => standing(view) === 'expired'),
    truncated,
  };
};
