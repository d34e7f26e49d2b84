import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { StatisticsSettings, keys, type PlanPeriodId } from '@kikan/shared';
import * as z from 'zod';
import { db, tableName } from './client.ts';
import { putIfVersion, writeTransaction, type TransactItem, type WriteContext } from './transaction.ts';

/** What the municipality sets for its statistics: settings, and the 見込量 of each plan period. */

const getItem = async (key: { pk: string; sk: string }, consistent = false) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: consistent }))).Item;

/**
 * Settings, targets and the sign-off are one item each that starts out absent: version 0 means
 * "not saved yet", so the first save must find no item and a later one the version it read. A
 * failed condition returns the item, which the transaction turns into a 412 with its version.
 */
export const putAtVersion = (item: Record<string, unknown>, expectedVersion: number): TransactItem =>
  expectedVersion === 0
    ? {
        Put: {
          TableName: tableName(),
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      }
    : putIfVersion(item, expectedVersion);

const settingsOf = (item: Record<string, unknown> | undefined): StatisticsSettings =>
  StatisticsSettings.parse({
    ...(item?.communityUserUnit ? { communityUserUnit: item.communityUserUnit } : {}),
    ...(item?.suppressionThreshold ? { suppressionThreshold: item.suppressionThreshold } : {}),
  });

/** The tenant's settings, or the defaults (per month, suppress 1–2) when none were saved. */
export const readStatisticsSettings = async (tenantId: string): Promise<StatisticsSettings> =>
  settingsOf(await getItem(keys.statisticsSettings(tenantId)));

export const StoredSettings = z.object({
  settings: StatisticsSettings,
  version: z.number().int().min(0),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

/** The settings with the version of their item (0 before the first save), for an If-Match update. */
export const readStoredSettings = async (tenantId: string): Promise<StoredSettings> => {
  const item = await getItem(keys.statisticsSettings(tenantId), true);
  return {
    settings: settingsOf(item),
    version: typeof item?.version === 'number' ? item.version : 0,
  };
};

export const writeStatisticsSettings = async (
  write: WriteContext,
  settings: StatisticsSettings,
  expectedVersion: number,
): Promise<void> => {
  await writeTransaction(
    write,
    [
      putAtVersion(
        {
          ...keys.statisticsSettings(write.ctx.tenantId),
          entity: 'statistics_settings',
          ...settings,
          version: expectedVersion + 1,
          updatedAt: write.now.toISOString(),
          updatedBy: write.ctx.userId,
        },
        expectedVersion,
      ),
    ],
    [{ action: 'update', recordType: 'statistics_settings', recordId: 'settings' }],
  );
};

export const StoredTargets = z.object({
  periodId: z.string(),
  targets: z.record(z.string(), z.record(z.string(), z.number())),
  /** Member municipality code → its own table; absent in items saved before municipalities had one. */
  byMunicipality: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))).default({}),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
});
export type StoredTargets = z.infer<typeof StoredTargets>;

export const readTargets = async (
  tenantId: string,
  periodId: PlanPeriodId,
  consistent = false,
): Promise<StoredTargets | null> => {
  const item = await getItem(keys.statisticsTargets(tenantId, periodId), consistent);
  return item ? StoredTargets.parse(item) : null;
};

/** The whole period's table in one item: an update is conditional on the version the editor read. */
export const writeTargets = async (
  write: WriteContext,
  stored: StoredTargets,
  expectedVersion: number,
): Promise<void> => {
  await writeTransaction(
    write,
    [
      putAtVersion(
        {
          ...keys.statisticsTargets(write.ctx.tenantId, stored.periodId),
          entity: 'statistics_targets',
          ...stored,
        },
        expectedVersion,
      ),
    ],
    [{ action: 'update', recordType: 'statistics_targets', recordId: stored.periodId }],
  );
};

export const StoredEvaluation = z.object({
  fiscalYear: z.number().int(),
  signOffVersion: z.number().int().positive(),
  texts: z.record(z.string(), z.string()),
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
  updatedByName: z.string(),
});
export type StoredEvaluation = z.infer<typeof StoredEvaluation>;

/**
 * The evaluation kept with a version of a year's figures, or, when that version has none of its
 * own yet, the latest one before it (a correction starts from what was approved); with no version,
 * the year's newest. One Query of at most one item, newest first.
 */
export const readEvaluation = async (
  tenantId: string,
  fiscalYear: number,
  upToVersion: number | null,
): Promise<StoredEvaluation | null> => {
  const every = keys.statisticsEvaluation(tenantId, fiscalYear);
  const range =
    upToVersion === null
      ? { condition: 'begins_with(sk, :every)', values: { ':every': every.sk } }
      : {
          condition: 'sk BETWEEN :every AND :last',
          values: {
            ':every': every.sk,
            ':last': keys.statisticsEvaluation(tenantId, fiscalYear, upToVersion).sk,
          },
        };
  const { Items } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: `pk = :pk AND ${range.condition}`,
      ExpressionAttributeValues: { ':pk': every.pk, ...range.values },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = Items?.[0];
  return item ? StoredEvaluation.parse(item) : null;
};

/**
 * Written at the version the editor read, and only while its version of the figures is the one
 * being signed off and not yet approved: the sign-off item is checked in the same transaction, so
 * an approval cannot slip in between and leave an approved version with a changed evaluation.
 */
export const writeEvaluation = async (
  write: WriteContext,
  stored: StoredEvaluation,
  expectedVersion: number,
): Promise<void> => {
  const signOff = keys.signOff(write.ctx.tenantId, stored.fiscalYear);
  await writeTransaction(
    write,
    [
      putAtVersion(
        {
          ...keys.statisticsEvaluation(write.ctx.tenantId, stored.fiscalYear, stored.signOffVersion),
          entity: 'statistics_evaluation',
          tenantId: write.ctx.tenantId,
          ...stored,
        },
        expectedVersion,
      ),
      {
        ConditionCheck: {
          TableName: tableName(),
          Key: signOff,
          ConditionExpression:
            'attribute_not_exists(pk) OR (currentVersion = :signOffVersion AND #status <> :approved)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':signOffVersion': stored.signOffVersion, ':approved': 'approved' },
        },
      },
    ],
    [
      {
        action: 'update',
        recordType: 'statistics_evaluation',
        recordId: `FY${stored.fiscalYear}#V${stored.signOffVersion}`,
      },
    ],
  );
};
