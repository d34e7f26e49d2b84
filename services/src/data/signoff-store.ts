import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { FiscalYearFigures, keys } from '@kikan/shared';
import { z } from 'zod';
import { db, tableName } from './client.ts';

/**
 * Sign-off of a fiscal year's figures and the approved snapshots. A snapshot holds the figures as
 * gzipped JSON: a tenant of a hundred offices makes figures of a few hundred kilobytes, near
 * DynamoDB's 400 KB item limit, and they compress tenfold.
 */

export const SnapshotRecord = z.object({
  fiscalYear: z.number().int(),
  version: z.number().int().positive(),
  figures: FiscalYearFigures,
  approvedAt: z.iso.datetime(),
  approvedBy: z.string(),
  approvedByName: z.string(),
  correctionReason: z.string().nullable(),
});
export type SnapshotRecord = z.infer<typeof SnapshotRecord>;

export const snapshotItem = (tenantId: string, snapshot: SnapshotRecord) => {
  const { figures, ...rest } = snapshot;
  return {
    ...keys.figuresSnapshot(tenantId, snapshot.fiscalYear, snapshot.version),
    entity: 'figures_snapshot',
    tenantId,
    ...rest,
    figuresGzip: gzipSync(JSON.stringify(figures)),
  };
};

const StoredSnapshot = z.looseObject({ figuresGzip: z.instanceof(Uint8Array) });

export const readFiguresSnapshot = async (
  tenantId: string,
  fiscalYear: number,
  version: number,
): Promise<SnapshotRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.figuresSnapshot(tenantId, fiscalYear, version) }),
  );
  if (!Item) return null;
  const { figuresGzip, ...rest } = StoredSnapshot.parse(Item);
  return SnapshotRecord.parse({ ...rest, figures: JSON.parse(gunzipSync(figuresGzip).toString('utf8')) });
};
