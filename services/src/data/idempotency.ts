import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type TenantContext } from '@kikan/shared';
import * as z from 'zod';
import { IdempotencyKeyReusedError } from '../kernel/errors.ts';
import type { Idempotency } from '../kernel/idempotency.ts';
import { db, tableName } from './client.ts';

/** Replays are kept for a day: long enough for any client retry, short enough to stay small. */
const RETENTION_SECONDS = 24 * 60 * 60;

export const StoredResponse = z.object({ status: z.number().int(), body: z.unknown() });
export type StoredResponse = z.infer<typeof StoredResponse>;

const IdempotencyRecord = z.object({ fingerprint: z.string(), response: StoredResponse });

/**
 * Keyed by tenant + user + key, so two users (or two tenants) choosing the same key never see
 * each other's stored responses.
 */
export const idempotencyItem = (
  ctx: TenantContext,
  idempotency: Idempotency,
  response: StoredResponse,
  now: Date,
) => ({
  ...keys.idempotency(ctx.tenantId, ctx.userId, idempotency.key),
  entity: 'idempotency',
  fingerprint: idempotency.fingerprint,
  response,
  expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
});

/** The stored response for this key, or an error when the key came with another body. */
export const readIdempotentReplay = async (
  ctx: TenantContext,
  idempotency: Idempotency,
): Promise<StoredResponse | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.idempotency(ctx.tenantId, ctx.userId, idempotency.key),
      ConsistentRead: true,
    }),
  );
  if (!Item) return null;
  const record = IdempotencyRecord.parse(Item);
  if (record.fingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError();
  return record.response;
};
