import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Role, UserMembershipState, addDays, keys } from '@kikan/shared';
import * as z from 'zod';
import { ValidationError } from '../kernel/errors.ts';
import type { auditItem } from './audit.ts';
import { db, tableName } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { readFiltered, type Page } from './paging.ts';

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
  /** A change to a staff member (record type `user`): office, role and status before and after. */
  before: UserMembershipState.optional(),
  after: UserMembershipState.optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A period of Japan days, both included (at most AUDIT_MAX_DAYS, checked at the edge). */
export interface AuditPeriod {
  from: string;
  to: string;
}

/** One UTC-day partition of the log, and the part of it inside the period: [lower, upper). */
export interface AuditPartition {
  pk: string;
  lower: string;
  upper: string;
}

/**
 * A period in Japan (UTC+9) spans the UTC-day partitions from the day before its first day to its
 * last day: Japan's day D runs from 15:00Z of D-1 to 15:00Z of D.
 */
export const auditPartitions = (tenantId: string, period: AuditPeriod): AuditPartition[] => {
  const start = `${addDays(period.from, -1)}T15:00:00.000Z`;
  const end = `${period.to}T15:00:00.000Z`;
  const partitions: AuditPartition[] = [];
  for (let day = addDays(period.from, -1); day <= period.to; day = addDays(day, 1)) {
    const dayStart = `${day}T00:00:00.000Z`;
    const dayEnd = `${addDays(day, 1)}T00:00:00.000Z`;
    partitions.push({
      pk: keys.auditDay(tenantId, day).pk,
      lower: dayStart > start ? dayStart : start,
      upper: dayEnd < end ? dayEnd : end,
    });
  }
  return partitions;
};

const invalidCursor = () =>
  new ValidationError([{ field: 'query.cursor', message: 'ページ位置が正しくありません' }]);

/**
 * Where a page starts: a cursor is a key of the log — `{ pk, sk }` to go on after that entry, or
 * `{ pk }` for the start of that partition — and must lie inside the period being read, so a
 * crafted one reaches no other tenant, day or entry.
 */
const startOf = (
  cursor: string | undefined,
  partitions: readonly AuditPartition[],
): { index: number; startKey?: { pk: string; sk: string } } => {
  if (cursor === undefined) return { index: 0 };
  const key = decodeCursor(cursor, {}) ?? {};
  const index = partitions.findIndex((partition) => partition.pk === key.pk);
  const partition = partitions[index];
  if (!partition) throw invalidCursor();
  const names = Object.keys(key).sort().join(',');
  if (names === 'pk') return { index };
  // Every sort key is `<at>#<request id>#<n>`: one inside the partition's part of the period.
  if (names !== 'pk,sk' || !key.sk || key.sk < partition.lower || key.sk > partition.upper) {
    throw invalidCursor();
  }
  return { index, startKey: { pk: partition.pk, sk: key.sk } };
};

export interface AuditRead {
  limit: number;
  cursor?: string | undefined;
  /** Which entries the caller wants; every entry of the period when absent. */
  matches?: (entry: AuditEntry) => boolean;
  /**
   * Entries looked at per call at most: a filter rarely matching cannot make one request read a
   * month of a large tenant. The page then ends short, with a cursor to read on.
   */
  maxExamined: number;
}

/** DynamoDB returns at most 1 MB per Query; a filtered read asks for pages of this many entries. */
const FILTERED_QUERY_PAGE = 1000;

/**
 * One page of the period's entries that match, oldest first. The cursor is the key of the last
 * entry returned (or looked at), so the next page starts right after it whatever was filtered out.
 */
export const readAuditPage = async (
  tenantId: string,
  period: AuditPeriod,
  { limit, cursor, matches, maxExamined }: AuditRead,
): Promise<Page<AuditEntry>> => {
  const partitions = auditPartitions(tenantId, period);
  const start = startOf(cursor, partitions);
  const items: AuditEntry[] = [];
  let examined = 0;
  let startKey: Record<string, string> | undefined = start.startKey;
  for (let index = start.index; index < partitions.length; index += 1) {
    const partition = partitions[index];
    if (!partition) break;
    const read = await readFiltered(
      {
        query: {
          // BETWEEN is inclusive, but no sort key equals a bound: each is a timestamp and more.
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
          ExpressionAttributeValues: {
            ':pk': partition.pk,
            ':lower': partition.lower,
            ':upper': partition.upper,
          },
        },
        parse: (item) => AuditEntry.parse(item),
        matches,
        limit: limit - items.length,
        maxRead: maxExamined - examined,
        // Unfiltered, a request asks for what the page still lacks.
        batch: matches ? FILTERED_QUERY_PAGE : undefined,
        keyOf: (item) => ({ pk: partition.pk, sk: String(item.sk) }),
      },
      startKey,
    );
    items.push(...read.items);
    examined += read.read;
    // A full page goes on right after its last entry, even at the end of the period.
    if (read.filledAt) return { items, nextCursor: encodeCursor(read.filledAt) };
    if (read.next) return { items, nextCursor: encodeCursor(read.next) };
    if (examined >= maxExamined) {
      const next = partitions[index + 1];
      return { items, nextCursor: next ? encodeCursor({ pk: next.pk }) : null };
    }
    startKey = undefined;
  }
  return { items, nextCursor: null };
};

/** Every matching entry of the period, oldest first, up to `maxEntries` (then truncated). */
export const readAuditPeriod = async (
  tenantId: string,
  period: AuditPeriod,
  maxEntries: number,
  matches?: (entry: AuditEntry) => boolean,
): Promise<{ items: AuditEntry[]; truncated: boolean }> => {
  const { items } = await readAuditPage(tenantId, period, {
    limit: maxEntries + 1,
    ...(matches ? { matches } : {}),
    maxExamined: Number.POSITIVE_INFINITY,
  });
  return items.length > maxEntries
    ? { items: items.slice(0, maxEntries), truncated: true }
    : { items, truncated: false };
};
