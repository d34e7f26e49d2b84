import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * Reading a Query page by page, written once: every store reads through these, and no other file
 * follows LastEvaluatedKey. A page's cursor is the raw continuation — a key of the table, encoded
 * (cursor.ts) — which the HTTP edge seals before a client sees it (http/cursor-seal.ts).
 */

export type Item = Record<string, unknown>;

/** A Query of the table: everything but the table's name and where to start, which are set here. */
export type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** One page of a list and where the next one starts (null: this was the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const send = (query: Query, startKey: Item | undefined): Promise<QueryCommandOutput> =>
  db().send(new QueryCommand({ TableName: tableName(), ...query, ExclusiveStartKey: startKey }));

/**
 * Every response of `query` in order, one request each, past DynamoDB's 1 MB (or the query's
 * Limit) per response, from the start or after `after` (a key of the table and the index read).
 * A reader that has seen enough stops asking with `break`.
 */
export async function* queryPages(query: Query, after?: Item): AsyncGenerator<QueryCommandOutput, void> {
  let startKey: Item | undefined = after;
  do {
    const page = await send(query, startKey);
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item `query` reads, in the order read. */
export const queryAll = async (query: Query): Promise<Item[]> => {
  const items: Item[] = [];
  for await (const page of queryPages(query)) items.push(...(page.Items ?? []));
  return items;
};

/** Where a page starts: after the key a cursor holds, which must name the partition the query reads. */
export interface PageStart {
  cursor: string | undefined;
  /**
   * The partition key (its attribute name and value) every cursor of this list carries: a crafted
   * cursor pointing elsewhere is a 400, never a page of another office's or tenant's partition.
   */
  partition: Record<string, string>;
}

/**
 * One response of `query` (its Limit items at most) as a page, from where `start` says. A filter
 * on the query runs after Limit, so a page may hold fewer items; its cursor is still right.
 */
export const queryPage = async <T>(
  query: Query,
  start: PageStart,
  parse: (item: Item) => T,
): Promise<Page<T>> => {
  const result = await send(query, decodeCursor(start.cursor, start.partition));
  return {
    items: (result.Items ?? []).map((item) => parse(item)),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

/** A page of the items that match, filtered as they are read rather than by DynamoDB. */
export interface FilteredRead<T> {
  /** The Query without its Limit: each request's Limit is set here. */
  query: Omit<Query, 'Limit'>;
  parse: (item: Item) => T;
  /** Which items the page keeps; every item read when absent. */
  matches?: ((value: T) => boolean) | undefined;
  /** Items the page holds at most. */
  limit: number;
  /**
   * Items looked at per call at most: a filter that rarely matches cannot make one call read a
   * whole partition. The page then ends short, with a cursor to read on.
   */
  maxRead: number;
  /**
   * Items asked for per request. Absent, a request asks for exactly what the page still lacks
   * (right when every item read is kept).
   */
  batch?: number | undefined;
  /** The key a page that ends at `item` continues after: the table's key and the index's. */
  keyOf: (item: Item) => Item;
}

export interface FilteredResult<T> {
  items: T[];
  /** Items looked at. */
  read: number;
  /**
   * Where the next page starts: after the last item kept when the page filled up and more may
   * follow, or after the last item read when `maxRead` ran out; undefined when the query is done.
   */
  next: Item | undefined;
  /** The key of the last item kept when the page filled up (then `next` if more may follow). */
  filledAt?: Item;
}

/**
 * Reads `query` from `startKey`, keeps the items that match, and stops at `limit` items kept or
 * `maxRead` items looked at. A page continues right after the last item it returned (or looked
 * at), whatever was filtered out, so no item is skipped or shown twice.
 */
export const readFiltered = async <T>(
  read: FilteredRead<T>,
  startKey: Item | undefined,
): Promise<FilteredResult<T>> => {
  const items: T[] = [];
  let examined = 0;
  let next = startKey;
  for (;;) {
    const limit =
      read.batch === undefined ? read.limit - items.length : Math.min(read.batch, read.maxRead - examined);
    const result = await send({ ...read.query, Limit: limit }, next);
    const page = result.Items ?? [];
    for (const [position, item] of page.entries()) {
      examined += 1;
      const value = read.parse(item);
      if (read.matches && !read.matches(value)) continue;
      items.push(value);
      if (items.length === read.limit) {
        const filledAt = read.keyOf(item);
        const more = position < page.length - 1 || result.LastEvaluatedKey !== undefined;
        return { items, read: examined, next: more ? filledAt : undefined, filledAt };
      }
    }
    next = result.LastEvaluatedKey;
    if (!next || examined >= read.maxRead) return { items, read: examined, next };
  }
};

/** One page of the items of `read` that match, from where `start` says (see readFiltered). */
export const queryFilteredPage = async <T>(read: FilteredRead<T>, start: PageStart): Promise<Page<T>> => {
  const { items, next } = await readFiltered(read, decodeCursor(start.cursor, start.partition));
  return { items, nextCursor: encodeCursor(next) };
};
