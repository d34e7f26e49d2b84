import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Role, addDays, keys } from '@kikan/shared';
import * as z from 'zod';
import { ValidationError } from '../http/errors.ts';
import type { auditItem } from './audit.ts';
import { db, tableName } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** Appends one entry; the condition makes an overwrite impossible even for a repeated request id. */
export const appendAudit = async (item: ReturnType<typeof auditItem>): Promise<void> => {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
};

export const AuditEntry = z.object({
  at: z.iso.datetime(),
  requestId: z.string(),
  actorUserId: z.string(),
  actorRole: Role,
  actorOfficeId: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  recordOfficeId: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * A day in Japan (UTC+9) spans two UTC-day partitions of the log: from 15:00Z of the day before,
 * and up to 15:00Z of the day itself.
 */
const japanDayRanges = (tenantId: string, day: string) => {
  const previous = addDays(day, -1);
  return [
    {
      pk: keys.auditDay(tenantId, previous).pk,
      condition: 'sk >= :bound',
      bound: `${previous}T15:00:00.000Z`,
    },
    { pk: keys.auditDay(tenantId, day).pk, condition: 'sk < :bound', bound: `${day}T15:00:00.000Z` },
  ];
};

/**
 * One page of a Japan day's entries, oldest first. The cursor names the partition (0 or 1) and the
 * key to go on from, checked against that partition like every cursor.
 */
export const readAuditDay = async (
  tenantId: string,
  day: string,
  limit: number,
  cursor?: string,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> => {
  const ranges = japanDayRanges(tenantId, day);
  const part = cursor === undefined ? 0 : Number(cursor.slice(0, 1));
  if (!(part === 0 || part === 1)) {
    throw new ValidationError([{ field: 'query.cursor', message: 'ページ位置が正しくありません' }]);
  }
  const items: AuditEntry[] = [];
  let startKey: Record<string, string> | undefined =
    cursor && cursor.length > 1 ? decodeCursor(cursor.slice(1), { pk: ranges[part]?.pk ?? '' }) : undefined;
  for (let index = part; index < ranges.length; index += 1) {
    const range = ranges[index];
    if (!range) break;
    const result = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: `pk = :pk AND ${range.condition}`,
        ExpressionAttributeValues: { ':pk': range.pk, ':bound': range.bound },
        ExclusiveStartKey: startKey,
        Limit: limit - items.length,
      }),
    );
    items.push(...(result.Items ?? []).map((item) => AuditEntry.parse(item)));
    const lastKey = encodeCursor(result.LastEvaluatedKey);
    if (lastKey) return { items, nextCursor: `${index}${lastKey}` };
    startKey = undefined;
    if (items.length >= limit)
      return { items, nextCursor: index + 1 < ranges.length ? `${index + 1}` : null };
  }
  return { items, nextCursor: null };
};

/** Every entry of the Japan days `from`…`to`, oldest first, up to `maxEntries` (then truncated). */
export const readAuditRange = async (
  tenantId: string,
  from: string,
  to: string,
  maxEntries: number,
): Promise<{ items: AuditEntry[]; truncated: boolean }> => {
  const items: AuditEntry[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    let cursor: string | undefined;
    do {
      const page = await readAuditDay(tenantId, day, 1000, cursor);
      items.push(...page.items);
      if (items.length > maxEntries) return { items: items.slice(0, maxEntries), truncated: true };
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return { items, truncated: false };
};
