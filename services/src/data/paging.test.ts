import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { queryAll, queryFilteredPage, queryPage, queryPages, readFiltered, type Item } from './paging.ts';

/**
 * The one place that follows LastEvaluatedKey: which requests each reader sends and where its page
 * continues. The client is replaced by a partition of numbered items that answers each Query with
 * at most its Limit (or `PAGE` items, like DynamoDB's 1 MB) after ExclusiveStartKey.
 */
const table = vi.hoisted(() => ({
  items: [] as Record<string, unknown>[],
  sent: [] as Record<string, unknown>[],
}));
const PAGE = 4;
vi.mock('./client.ts', () => ({
  tableName: () => 'test-table',
  db: () => ({
    send: async ({ input }: { input: Record<string, unknown> }) => {
      table.sent.push(input);
      const after = (input.ExclusiveStartKey as { sk?: string } | undefined)?.sk;
      const from = after === undefined ? 0 : table.items.findIndex((item) => item.sk === after) + 1;
      const size = Math.min(PAGE, (input.Limit as number | undefined) ?? PAGE);
      const items = table.items.slice(from, from + size);
      const last = items.at(-1);
      const more = from + size < table.items.length;
      return { Items: items, ...(more && last ? { LastEvaluatedKey: { pk: 'P', sk: last.sk } } : {}) };
    },
  }),
}));

const item = (n: number) => ({ pk: 'P', sk: `S#${String(n).padStart(3, '0')}`, n });
const fill = (count: number) => {
  table.items = Array.from({ length: count }, (_, n) => item(n));
};
const QUERY = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'P' } };
const keyOf = (found: Item) => ({ pk: 'P', sk: String(found.sk) });
const numberOf = (found: Item) => Number(found.n);

beforeEach(() => {
  table.sent.length = 0;
});

describe('reading every page', () => {
  it('follows LastEvaluatedKey to the end, in order, into the table named by the client', async () => {
    fill(10);

    const items = await queryAll({ ...QUERY, ConsistentRead: true });

    expect(items.map(numberOf)).toEqual([...Array(10).keys()]);
    expect(table.sent).toHaveLength(3);
    expect(table.sent.map((input) => input.ExclusiveStartKey)).toEqual([
      undefined,
      { pk: 'P', sk: 'S#003' },
      { pk: 'P', sk: 'S#007' },
    ]);
    expect(table.sent.every((input) => input.TableName === 'test-table' && input.ConsistentRead)).toBe(true);
  });

  it('asks for no further page once the reader stops', async () => {
    fill(10);

    for await (const page of queryPages(QUERY)) if (page.Items?.length) break;

    expect(table.sent).toHaveLength(1);
  });
});

describe('one page from a cursor', () => {
  it('starts after the cursor and gives the last key read as the next one', async () => {
    fill(10);
    const cursor = encodeCursor({ pk: 'P', sk: 'S#002' }) ?? '';

    const page = await queryPage({ ...QUERY, Limit: 3 }, { cursor, partition: { pk: 'P' } }, numberOf);

    expect(page.items).toEqual([3, 4, 5]);
    expect(decodeCursor(page.nextCursor ?? '', {})).toEqual({ pk: 'P', sk: 'S#005' });
  });

  it('refuses a cursor of another partition before reading', async () => {
    const cursor = encodeCursor({ pk: 'OTHER', sk: 'S#002' }) ?? '';

    await expect(queryPage(QUERY, { cursor, partition: { pk: 'P' } }, numberOf)).rejects.toThrow();
    expect(table.sent).toEqual([]);
  });
});

describe('a filtered page', () => {
  const even = (n: number) => n % 2 === 0;
  const read = (overrides: Partial<Parameters<typeof readFiltered<number>>[0]> = {}) => ({
    query: QUERY,
    parse: numberOf,
    matches: even,
    limit: 3,
    maxRead: 100,
    batch: 4,
    keyOf,
    ...overrides,
  });

  it('continues right after the last item it returned, whatever was filtered out', async () => {
    fill(20);

    const first = await queryFilteredPage(read(), { cursor: undefined, partition: { pk: 'P' } });
    const second = await queryFilteredPage(read(), {
      cursor: first.nextCursor ?? '',
      partition: { pk: 'P' },
    });

    expect(first.items).toEqual([0, 2, 4]);
    expect(decodeCursor(first.nextCursor ?? '', {})).toEqual({ pk: 'P', sk: 'S#004' });
    expect(second.items).toEqual([6, 8, 10]);
  });

  it('has no next page when it filled up with the last item there is', async () => {
    fill(5);

    const result = await readFiltered(read(), undefined);

    expect(result.items).toEqual([0, 2, 4]);
    expect(result.next).toBeUndefined();
    expect(result.filledAt).toEqual({ pk: 'P', sk: 'S#004' });
  });

  it('ends short after maxRead items, continuing after the last one read', async () => {
    fill(20);

    const result = await readFiltered(read({ matches: (n) => n === 19, maxRead: 6, batch: 4 }), undefined);

    expect(result.items).toEqual([]);
    expect(result.read).toBe(6);
    expect(table.sent.map((input) => input.Limit)).toEqual([4, 2]);
    expect(result.next).toEqual({ pk: 'P', sk: 'S#005' });
  });

  it('without a batch asks for what the page still lacks', async () => {
    fill(20);

    const result = await readFiltered(read({ matches: undefined, batch: undefined, limit: 6 }), undefined);

    expect(result.items).toEqual([0, 1, 2, 3, 4, 5]);
    expect(table.sent.map((input) => input.Limit)).toEqual([6, 2]);
    expect(result.next).toEqual({ pk: 'P', sk: 'S#005' });
  });

  it('reads to the end of the partition when fewer items match than the page holds', async () => {
    fill(7);

    const result = await readFiltered(read({ limit: 10 }), undefined);

    expect(result.items).toEqual([0, 2, 4, 6]);
    expect(result.next).toBeUndefined();
    expect(result.filledAt).toBeUndefined();
  });
});
