import { MAX_PAGE_SIZE, Plan, type NeedRow, type PlanSummary } from '@kikan/shared';
import { getPlanRoute, listPlansRoute } from '@kikan/shared/contracts/caseload';
import type { ApiClient } from './api.ts';

/** サービス等利用計画: what the plan pages, the monitoring and the case settings share. */

/** The rows in the order of their 優先順位 (a copy: the stored order is not trusted to be sorted). */
export const byPriority = (needs: readonly NeedRow[]): NeedRow[] =>
  [...needs].sort((a, b) => a.priority - b.priority);

/**
 * The plan a monitoring checks against: the newest final plan (本計画), or the newest draft when
 * no plan has been finalised yet; null without any plan.
 */
export const currentPlan = <P extends Pick<Plan, 'status' | 'planVersion'>>(
  plans: readonly P[],
): P | null => {
  const newest = (status: Plan['status']) =>
    plans
      .filter((plan) => plan.status === status)
      .reduce<P | null>(
        (best, plan) => (best === null || plan.planVersion > best.planVersion ? plan : best),
        null,
      );
  return newest('final') ?? newest('draft');
};

/** The monitoring period as the municipality words it in the plan and the decision. */
export const monitoringPeriodLabel = (months: number): string =>
  months === 1 ? '毎月' : months === 12 ? '12か月ごと（年1回）' : `${months}か月ごと`;

/** Every version of a case's plans, newest first (a case has a handful, one page holds them). */
export const loadPlanVersions = async (api: ApiClient, caseId: string): Promise<PlanSummary[]> => {
  const page = await api.call(listPlansRoute, { params: { caseId }, query: { limit: MAX_PAGE_SIZE } });
  return [...page.items].sort((a, b) => b.planVersion - a.planVersion);
};

export const loadPlan = (api: ApiClient, caseId: string, planVersion: number): Promise<Plan> =>
  api.call(getPlanRoute, { params: { caseId, planVersion } });

/** The plan a monitoring checks against (newest final, else newest draft), or null. */
export const loadCurrentPlan = async (api: ApiClient, caseId: string): Promise<Plan | null> => {
  const current = currentPlan(await loadPlanVersions(api, caseId));
  return current ? loadPlan(api, caseId, current.planVersion) : null;
};
