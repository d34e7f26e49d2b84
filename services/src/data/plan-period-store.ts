import { DEFAULT_PLAN_PERIODS, PlanPeriod, keys, withDefaultPeriods, type ItemKey } from '@kikan/shared';
import { queryAll } from './paging.ts';
import { requestOnce } from './request-scope.ts';

/**
 * The tenant's definitions of its plan periods' indicators (ADR 0030): one current item per period,
 * and each version as published, kept beside it and never rewritten. Provisioning seeds the
 * product's defaults as version 1; an operator publishes a new version when a 告示 changes them
 * (services/ops/publish-plan-period.ts). A tenant reads the product default of a period it has none of.
 */

export const PLAN_PERIOD_ENTITY = 'plan_period';
export const PLAN_PERIOD_VERSION_ENTITY = 'plan_period_version';

const KEY_ATTRIBUTES = ['pk', 'sk', 'entity', 'tenantId'] as const;

/** The current item and the version's own copy of one published definition. */
export const planPeriodItems = (
  tenantId: string,
  period: PlanPeriod,
): [Record<string, unknown> & ItemKey, Record<string, unknown> & ItemKey] => [
  { ...keys.planPeriod(tenantId, period.periodId), entity: PLAN_PERIOD_ENTITY, tenantId, ...period },
  {
    ...keys.planPeriodVersion(tenantId, period.periodId, period.version),
    entity: PLAN_PERIOD_VERSION_ENTITY,
    tenantId,
    ...period,
  },
];

/** What provisioning writes: each of the product's default periods as the tenant's version 1. */
export const seededPlanPeriodItems = (tenantId: string): (Record<string, unknown> & ItemKey)[] =>
  DEFAULT_PLAN_PERIODS.flatMap((period) => planPeriodItems(tenantId, { ...period, version: 1 }));

/** A stored definition without its key attributes, as the schema knows it. */
export const planPeriodOfItem = (item: Record<string, unknown>): PlanPeriod =>
  PlanPeriod.parse(
    Object.fromEntries(
      Object.entries(item).filter(([name]) => !(KEY_ATTRIBUTES as readonly string[]).includes(name)),
    ),
  );

/**
 * Every period the tenant reports or plans: one Query of a handful of items, once per request
 * (an export computes three years' figures from the same definitions).
 */
export const readPlanPeriods = (tenantId: string): Promise<PlanPeriod[]> =>
  requestOnce(`plan-periods:${tenantId}`, async () => {
    const current = keys.planPeriod(tenantId);
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': current.pk, ':prefix': current.sk },
    });
    return withDefaultPeriods(items.map(planPeriodOfItem));
  });
