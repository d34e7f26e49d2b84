import {
  deletableFrom,
  keys,
  todayInJapan,
  type CaseRetention,
  type LegalHold,
  type RetentionSettings,
  type TenantContext,
} from '@kikan/shared';
import { tableName } from '../data/client.ts';
import { retentionStartOf } from '../data/record-days.ts';
import {
  getLegalHold,
  legalHoldItem,
  listLegalHolds,
  readPartition,
  readRetentionSettings,
  retentionSettingsItem,
} from '../data/retention-store.ts';
import { putIfVersion, putNew, writeTransaction, type TransactItem } from '../data/transaction.ts';
import { AccessRefusedError, ConflictError, NotFoundError } from '../kernel/errors.ts';
import type { GuardedOperation, Operation } from '../http/route.ts';
import { mayActOnLegalHold, mayRestateLegalHold, type LegalHoldAct } from '../policy/access-policy.ts';
import type {
  getCaseRetentionRoute,
  getRetentionRoute,
  liftLegalHoldRoute,
  listLegalHoldsRoute,
  placeLegalHoldRoute,
  putRetentionRoute,
} from '@kikan/shared/contracts/admin';

export const getRetention: Operation<typeof getRetentionRoute> = ({ ctx }) =>
  readRetentionSettings(ctx.tenantId);

/** The period at the version read (If-Match "0" before the first save), audited. */
export const putRetention: GuardedOperation<typeof putRetentionRoute, RetentionSettings> = {
  // The tenant's own settings: the route's roles are the whole check.
  authorize: ({ ctx }) => readRetentionSettings(ctx.tenantId),
  versionOf: (current) => current.version,
  run: async ({ ctx, body, requestId, now }, current) => {
    const next = {
      years: body.years,
      version: current.version + 1,
      updatedAt: now.toISOString(),
      updatedBy: ctx.userId,
    };
    const item = retentionSettingsItem(ctx.tenantId, next);
    await writeTransaction(
      { ctx, requestId, now },
      [current.version === 0 ? putNew(item) : putIfVersion(item, current.version)],
      [{ action: 'update', recordType: 'retention_settings', recordId: 'retention' }],
    );
    return { ...next, configured: true };
  },
};

export const listHolds: Operation<typeof listLegalHoldsRoute> = async ({ ctx }) => ({
  items: await listLegalHolds(ctx.tenantId),
});

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The case as retention sees it, for a caller the policy lets do `act` on it. A case not in the
 * caller's tenant is a 404; one the caller may not act on (another office's, for its manager) is
 * the same 404, and its refusal leaves one `denied` entry (SECURITY.md row 15). Its deletion day
 * counts from the later of its closing day and its last record, read from its records as the
 * sweep does.
 */
const caseRetention = async (
  ctx: TenantContext,
  caseId: string,
  act: LegalHoldAct,
): Promise<CaseRetention & { expiring: boolean }> => {
  const caseKey = keys.caseItem(ctx.tenantId, caseId);
  const [partition, hold, settings] = await Promise.all([
    readPartition(caseKey.pk),
    getLegalHold(ctx.tenantId, caseId),
    readRetentionSettings(ctx.tenantId),
  ]);
  const record = partition.find((item) => item.sk === caseKey.sk);
  if (!record) throw new NotFoundError();
  const officeId = String(record.officeId);
  if (!mayActOnLegalHold(ctx, { officeId }, act)) {
    throw new AccessRefusedError({ recordType: 'legal_hold', recordId: caseId, recordOfficeId: officeId });
  }
  const closedOn = record.phase === 'closed' ? text(record.closedOn) : undefined;
  const startsOn = closedOn ? retentionStartOf(record, partition) : undefined;
  return {
    caseId,
    officeId,
    phase: record.phase as CaseRetention['phase'],
    ...(closedOn && startsOn ? { closedOn, deletableFrom: deletableFrom(startsOn, settings.years) } : {}),
    hold,
    expiring: typeof record.expiringSince === 'string',
  };
};

const view = ({ expiring: _expiring, ...retention }: Awaited<ReturnType<typeof caseRetention>>) => retention;

export const getCaseRetention: Operation<typeof getCaseRetentionRoute> = async ({ ctx, params }) =>
  view(await caseRetention(ctx, params.caseId, 'view'));

/** The case must still stand, and not be in the middle of its deletion, when the hold is written. */
const caseStillKept = (tenantId: string, caseId: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.caseItem(tenantId, caseId),
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(expiringSince)',
  },
});

export const placeLegalHold: Operation<typeof placeLegalHoldRoute> = async ({
  ctx,
  params,
  body,
  requestId,
  now,
}) => {
  const current = await caseRetention(ctx, params.caseId, 'place');
  if (current.expiring) {
    throw new ConflictError('このケースは保存期間が満了し、削除の処理中です');
  }
  if (current.hold && !mayRestateLegalHold(ctx)) {
    throw new ConflictError(
      'このケースは既に削除を保留にしています。保留の理由の変更や解除はシステム管理者に依頼してください',
    );
  }
  const hold: LegalHold = {
    caseId: params.caseId,
    reason: body.reason,
    since: current.hold?.since ?? todayInJapan(now),
    setBy: ctx.userId,
    setByRole: ctx.role,
  };
  await writeTransaction(
    { ctx, requestId, now },
    [
      caseStillKept(ctx.tenantId, params.caseId),
      {
        Put: {
          TableName: tableName(),
          Item: legalHoldItem(ctx.tenantId, hold),
          // The hold as read: a hold placed or lifted meanwhile makes this a 409, not a wrong entry.
          ConditionExpression: current.hold ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)',
        },
      },
    ],
    [
      {
        action: current.hold ? 'update' : 'create',
        recordType: 'legal_hold',
        recordId: params.caseId,
        recordOfficeId: current.officeId,
      },
    ],
  );
  return view({ ...current, hold });
};

/** Lifting a hold that is not there changes nothing and writes nothing. */
export const liftLegalHold: Operation<typeof liftLegalHoldRoute> = async ({
  ctx,
  params,
  requestId,
  now,
}) => {
  const current = await caseRetention(ctx, params.caseId, 'lift');
  if (!current.hold) return view(current);
  await writeTransaction(
    { ctx, requestId, now },
    [
      {
        Delete: {
          TableName: tableName(),
          Key: keys.legalHold(ctx.tenantId, params.caseId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
    ],
    [
      {
        action: 'delete',
        recordType: 'legal_hold',
        recordId: params.caseId,
        recordOfficeId: current.officeId,
      },
    ],
  );
  return view({ ...current, hold: null });
};
