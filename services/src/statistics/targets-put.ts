import type { TargetsView } from '@kikan/shared';
import { getTenant } from '../data/directory-store.ts';
import { readTargets, writeTargets, type StoredTargets } from '../data/statistics-config-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { putTargetsRoute } from '@kikan/shared/contracts/statistics';
import { readPeriodById } from './plan-periods.ts';
import { mergeMunicipalityTargets, mergeTargets, targetProblems } from './targets-rules.ts';

/**
 * The municipal officer edits a period's 見込量 as one table, at the version they read (If-Match,
 * "0" before the first save): two officers editing at once cannot overwrite each other unseen. A
 * joint tenant's member municipalities' tables are in the same item, under the same version.
 */
export const putTargets: GuardedOperation<typeof putTargetsRoute, StoredTargets | null> = {
  // The tenant's own targets: the route's roles are the whole check.
  authorize: ({ ctx, params }) => readTargets(ctx.tenantId, params.periodId, true),
  versionOf: (current) => current?.version ?? 0,
  run: async ({ ctx, params, body, requestId, now }, current): Promise<TargetsView> => {
    const expectedVersion = current?.version ?? 0;
    const [period, tenant] = await Promise.all([
      readPeriodById(ctx.tenantId, params.periodId),
      body.byMunicipality ? getTenant(ctx.tenantId) : null,
    ]);
    const memberCodes = (tenant?.members ?? []).map((member) => member.code);
    const errors = targetProblems(period, body, memberCodes);
    if (errors.length) throw new ValidationError(errors);
    const stored = {
      periodId: params.periodId,
      targets: mergeTargets(current?.targets ?? {}, body.targets),
      byMunicipality: mergeMunicipalityTargets(current?.byMunicipality ?? {}, body),
      version: expectedVersion + 1,
      updatedAt: now.toISOString(),
      updatedBy: ctx.userId,
    };
    await writeTargets({ ctx, requestId, now }, stored, expectedVersion);
    return stored;
  },
};
