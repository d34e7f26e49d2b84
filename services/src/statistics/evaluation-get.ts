import type { EvaluationsView } from '@kikan/shared';
import type { Operation } from '../http/route.ts';
import type { getEvaluationsRoute } from '@kikan/shared/contracts/statistics';
import { readEvaluationState, viewOf } from './evaluation-state.ts';

/** The 評価・課題 kept with a version of the year's figures (the one being signed off by default). */
export const getEvaluations: Operation<typeof getEvaluationsRoute> = async ({
  ctx,
  params,
  query,
}): Promise<EvaluationsView> =>
  viewOf(await readEvaluationState(ctx.tenantId, params.fiscalYear, query.version));
