import { requireVersion } from '../caseload/record-access.ts';
import { readStoredSettings, writeStatisticsSettings } from '../data/statistics-config-store.ts';
import type { Operation } from '../http/route.ts';
import type { putStatisticsSettingsRoute } from '@kikan/shared/contracts/statistics';

/**
 * The unit of 地域移行・地域定着 and the suppression threshold, at the version read (If-Match).
 * Approved snapshots keep the settings they were computed with; only live figures follow.
 */
export const putStatisticsSettings: Operation<typeof putStatisticsSettingsRoute> = async ({
  ctx,
  body,
  ifMatch,
  requestId,
  now,
}) => {
  const current = await readStoredSettings(ctx.tenantId);
  const expectedVersion = requireVersion(ifMatch, current.version);
  await writeStatisticsSettings({ ctx, requestId, now }, body, expectedVersion);
  return { ...body, version: expectedVersion + 1 };
};
