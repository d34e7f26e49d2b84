import { listAssessments as readAssessments } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { listAssessmentsRoute } from '@kikan/shared/contracts/caseload';

/** Summaries only (status, dates, versions): the content is read one assessment at a time. */
export const listAssessments: Operation<typeof listAssessmentsRoute> = async (input) => {
  const record = await readableCase(input, input.params.caseId);
  return readAssessments(input.ctx.tenantId, record.caseId, input.query.limit, input.query.cursor);
};
