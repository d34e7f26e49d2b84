import { readStoredSettings } from '../data/statistics-config-store.ts';
import type { Operation } from '../http/route.ts';
import type { getStatisticsSettingsRoute } from '@kikan/shared/contracts/statistics';

/** The defaults at version 0 until the tenant saves its own. */
export const getStatisticsSettings: Operation<typeof getStatisticsSettingsRoute> = async ({ ctx }) => {
  const { settings, version } = await readStoredSettings(ctx.tenantId);
  return { ...settings, version };
};
