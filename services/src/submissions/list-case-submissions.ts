import type { listCaseSubmissionsRoute } from '@kikan/shared/contracts/submissions';
import { listCaseSubmissions as readSubmissions } from '../data/submission-store.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';

/** What the office sees of its submissions: kind, dates, status, the caseworker's comment and decision. */
export const listCaseSubmissions: Operation<typeof listCaseSubmissionsRoute> = async (input) => {
  const record = await readableCase(input, input.params.caseId);
  return { items: await readSubmissions(input.ctx.tenantId, record.caseId) };
};
