import {
  readStoredSettings,
  writeStatisticsSettings,
  type StoredSettings,
} from '../data/statistics-config-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { putStatisticsSettingsRoute } from '@kikan/shared/contracts/statistics';

/**
 * The unit of 地域移行・地域定着 and the suppression threshold, at the version read (If-Match).
 * Approved snapshots keep the settings they were computed with; only live figures follow.
 */
export const putStatisticsSettings: GuardedOperation<typeof putStatisticsSettingsRoute, StoredSettings> = {
  // The tenant's own settings: the route's roles are the whole check.
  authorize: ({ ctx }) => readStoredSettings(ctx.tenantId),
  versionOf: (current) => current.version,
  run: async ({ ctx, body, requestId, now }, current) => {
    await writeStatisticsSettings({ ctx, requestId, now }, body, current.version);
    return { ...body, version: current.version + 1 };
  },
};
