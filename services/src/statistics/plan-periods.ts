import { planPeriodById, planPeriodOf, type PlanPeriod } from '@kikan/shared';
import { readPlanPeriods } from '../data/plan-period-store.ts';
import { NotFoundError, ValidationError } from '../kernel/errors.ts';

/** The tenant's plan period of a fiscal year; a year outside every period is a 400 on `field`. */
export const readPeriodOfYear = async (
  tenantId: string,
  fiscalYear: number,
  field: string,
): Promise<PlanPeriod> => {
  const periods = await readPlanPeriods(tenantId);
  const period = planPeriodOf(periods, fiscalYear);
  if (!period) {
    const labels = periods.map((known) => known.label).join('・');
    throw new ValidationError([{ field, message: `この年度は計画期間（${labels}）に含まれていません` }]);
  }
  return period;
};

/** One of the tenant's plan periods by id; an id it has no period of is a 404. */
export const readPeriodById = async (tenantId: string, periodId: string): Promise<PlanPeriod> => {
  const period = planPeriodById(await readPlanPeriods(tenantId), periodId);
  if (!period) throw new NotFoundError('計画期間が見つかりません');
  return period;
};
