import { planPeriodById, type TargetsView } from '@kikan/shared';
import { requireVersion } from '../caseload/record-access.ts';
import { readTargets, writeTargets } from '../data/statistics-config-store.ts';
import { ValidationError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import type { putTargetsRoute } from '@kikan/shared/contracts/statistics';
import { mergeTargets, targetProblems } from './targets-rules.ts';

/**
 * The municipal officer edits a period's 見込量 as one table, at the version they read (If-Match):
 * two officers editing at once cannot overwrite each other unseen.
 */
export const putTargets: Operation<typeof putTargetsRoute> = async ({
  ctx,
  params,
  body,
  ifMatch,
  requestId,
  now,
}): Promise<TargetsView> => {
  const period = planPeriodById(params.periodId);
  const current = await readTargets(ctx.tenantId, params.periodId, true);
  const expectedVersion = requireVersion(ifMatch, current?.version ?? 0);
  const errors = targetProblems(period, body);
  if (errors.length) throw new ValidationError(errors);
  const stored = {
    periodId: params.periodId,
    targets: mergeTargets(current?.targets ?? {}, body),
    version: expectedVersion + 1,
    updatedAt: now.toISOString(),
    updatedBy: ctx.userId,
  };
  await writeTargets({ ctx, requestId, now }, stored, expectedVersion);
  return stored;
};
