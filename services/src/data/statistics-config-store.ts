import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { StatisticsSettings, Tenant, keys, type PlanPeriodId } from '@kikan/shared';
import { z } from 'zod';
import { db, tableName } from './client.ts';

/** What the municipality sets for its statistics: settings, and the 見込量 of each plan period. */

const getItem = async (key: { pk: string; sk: string }) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: key }))).Item;

/** The tenant's settings, or the defaults (per month, suppress 1–2) when none were saved. */
export const readStatisticsSettings = async (tenantId: string): Promise<StatisticsSettings> => {
  const item = await getItem(keys.statisticsSettings(tenantId));
  return StatisticsSettings.parse({
    ...(item?.communityUserUnit ? { communityUserUnit: item.communityUserUnit } : {}),
    ...(item?.suppressionThreshold ? { suppressionThreshold: item.suppressionThreshold } : {}),
  });
};

export const StoredTargets = z.object({
  periodId: z.string(),
  targets: z.record(z.string(), z.record(z.string(), z.number())),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export type StoredTargets = z.infer<typeof StoredTargets>;

export const readTargets = async (
  tenantId: string,
  periodId: PlanPeriodId,
): Promise<StoredTargets | null> => {
  const item = await getItem(keys.statisticsTargets(tenantId, periodId));
  return item ? StoredTargets.parse(item) : null;
};

/** The tenant profile with its member municipalities (the split of every figure). */
export const readTenant = async (tenantId: string): Promise<Tenant | null> => {
  const item = await getItem(keys.tenant(tenantId));
  if (!item) return null;
  const { pk: _pk, sk: _sk, entity: _entity, ...tenant } = item;
  return Tenant.parse(tenant);
};
