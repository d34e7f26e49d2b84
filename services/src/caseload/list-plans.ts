import { listPlans as readPlans } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { listPlansRoute } from '@kikan/shared/contracts/caseload';

/** Summaries only (status, dates, versions): the content is read one version at a time. */
export const listPlans: Operation<typeof listPlansRoute> = async (input) => {
  const record = await readableCase(input, input.params.caseId);
  return readPlans(input.ctx.tenantId, record.caseId, input.query.limit, input.query.cursor);
};
