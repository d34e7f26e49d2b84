import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  Confirmation,
  FiscalYearFigures,
  MemberApproval,
  SignOffStatus,
  keys,
  withIndicatorTraits,
} from '@kikan/shared';
import * as z from 'zod';
import type { AuditEvent } from './audit.ts';
import { db, tableName } from './client.ts';
import { putAtVersion } from './statistics-config-store.ts';
import { putNew, writeTransaction, type IdempotentCreate, type WriteContext } from './transaction.ts';

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
  const figures: unknown = JSON.parse(gunzipSync(figuresGzip).toString('utf8'));
  return SnapshotRecord.parse({ ...rest, figures: withIndicatorTraits(figures) });
};

/** One approved version as the sign-off item remembers it: the history without reading snapshots. */
export const ApprovalRecord = z.object({
  version: z.number().int().positive(),
  approvedAt: z.iso.datetime(),
  approvedBy: z.string(),
  approvedByName: z.string(),
  correctionReason: z.string().nullable(),
});
export type ApprovalRecord = z.infer<typeof ApprovalRecord>;

/**
 * The state of a fiscal year's sign-off, one item per year. `version` is the item's own (0 before
 * the first step), `currentVersion` the version of the figures being signed off.
 */
export const SignOffRecord = z.object({
  fiscalYear: z.number().int(),
  currentVersion: z.number().int().positive(),
  status: SignOffStatus,
  /** officeId → its confirmation of the current version. */
  offices: z.record(z.string(), Confirmation),
  core: Confirmation.nullable(),
  /**
   * A joint tenant's member municipality code → its approval of the current version, with the hash
   * of the figures approved. Absent in items written before members approved separately.
   */
  memberApprovals: z.record(z.string(), MemberApproval.extend({ fingerprint: z.string() })).default({}),
  correctionReason: z.string().nullable(),
  approvals: z.array(ApprovalRecord),
  version: z.number().int().min(0),
});
export type SignOffRecord = z.infer<typeof SignOffRecord>;

/** A year nobody has confirmed anything of yet: version 1 open. */
export const initialSignOff = (fiscalYear: number): SignOffRecord => ({
  fiscalYear,
  currentVersion: 1,
  status: 'open',
  offices: {},
  core: null,
  memberApprovals: {},
  correctionReason: null,
  approvals: [],
  version: 0,
});

export const readSignOff = async (tenantId: string, fiscalYear: number): Promise<SignOffRecord> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.signOff(tenantId, fiscalYear), ConsistentRead: true }),
  );
  if (!Item) return initialSignOff(fiscalYear);
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    tenantId: _tenantId,
    updatedAt: _at,
    updatedBy: _by,
    ...record
  } = Item;
  return SignOffRecord.parse(record);
};

export const signOffItem = (tenantId: string, record: SignOffRecord, write: WriteContext) => ({
  ...keys.signOff(tenantId, record.fiscalYear),
  entity: 'figures_sign_off',
  tenantId,
  ...record,
  updatedAt: write.now.toISOString(),
  updatedBy: write.ctx.userId,
});

export interface SignOffWrite {
  write: WriteContext;
  /** The record as it will be stored, its `version` one above `expectedVersion`. */
  record: SignOffRecord;
  expectedVersion: number;
  /** Written in the same transaction, never over an existing one: an approval. */
  snapshot?: SnapshotRecord;
  create: IdempotentCreate;
}

/**
 * A step of the sign-off: the sign-off item at the version read, the approved snapshot when there
 * is one, and their audit entries in one transaction, so a snapshot never exists without the
 * approval that names it and a lost race writes nothing. Returns the first response on a replay.
 */
export const writeSignOff = async ({ write, record, expectedVersion, snapshot, create }: SignOffWrite) => {
  const tenantId = write.ctx.tenantId;
  const recordId = `FY${record.fiscalYear}`;
  const audits: AuditEvent[] = [{ action: 'update', recordType: 'figures_sign_off', recordId }];
  if (snapshot) {
    audits.push({
      action: 'create',
      recordType: 'figures_snapshot',
      recordId: `${recordId}-V${snapshot.version}`,
    });
  }
  return writeTransaction(
    write,
    [
      ...(snapshot ? [putNew(snapshotItem(tenantId, snapshot))] : []),
      putAtVersion(signOffItem(tenantId, record, write), expectedVersion),
    ],
    audits,
    create,
  );
};
