import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../kernel/errors.ts';
import { auditPartitions, readAuditPage } from './audit-store.ts';
import { encodeCursor } from './cursor.ts';

/**
 * Reading a period of the log: which UTC-day partitions a Japan period spans, with what bounds, and
 * which cursors are refused before anything is read.
 */
const sent = vi.hoisted(() => ({ commands: [] as unknown[] }));
vi.mock('./client.ts', () => ({
  tableName: () => 'test-table',
  db: () => ({
    send: async (command: unknown) => {
      sent.commands.push(command);
      return { Items: [] };
    },
  }),
}));

beforeEach(() => {
  sent.commands.length = 0;
});

const PERIOD = { from: '2025-02-03', to: '2025-02-04' };

describe('the partitions of a Japan period', () => {
  it('run from 15:00Z of the day before the first day to 15:00Z of the last day', () => {
    expect(auditPartitions('kibougaoka', PERIOD)).toEqual([
      {
        pk: 'T#kibougaoka#AUDIT#2025-02-02',
        lower: '2025-02-02T15:00:00.000Z',
        upper: '2025-02-03T00:00:00.000Z',
      },
      {
        pk: 'T#kibougaoka#AUDIT#2025-02-03',
        lower: '2025-02-03T00:00:00.000Z',
        upper: '2025-02-04T00:00:00.000Z',
      },
      {
        pk: 'T#kibougaoka#AUDIT#2025-02-04',
        lower: '2025-02-04T00:00:00.000Z',
        upper: '2025-02-04T15:00:00.000Z',
      },
    ]);
  });

  it('are 32 for the longest period, 31 days', () => {
    expect(auditPartitions('kibougaoka', { from: '2025-01-01', to: '2025-01-31' })).toHaveLength(32);
  });
});

describe('a cursor', () => {
  const refused = (cursor: string) =>
    readAuditPage('kibougaoka', PERIOD, { limit: 10, cursor, maxExamined: 100 }).catch(
      (caught: unknown) => caught,
    );

  it.each([
    ['of a partition outside the period', { pk: 'T#kibougaoka#AUDIT#2025-02-05' }],
    ['of another tenant', { pk: 'T#hokushin#AUDIT#2025-02-03', sk: '2025-02-03T01:00:00.000Z#r#000' }],
    ['before the period', { pk: 'T#kibougaoka#AUDIT#2025-02-02', sk: '2025-02-02T14:59:59.999Z#r#000' }],
    ['with another key', { pk: 'T#kibougaoka#AUDIT#2025-02-03', gsi1pk: 'x' }],
  ])('%s is a 400 on query.cursor, and nothing is read', async (_, key) => {
    const error = await refused(encodeCursor(key) ?? '');

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields?.[0]?.field).toBe('query.cursor');
    expect(sent.commands).toEqual([]);
  });

  it('inside the period goes on right after its entry, in its partition', async () => {
    const key = { pk: 'T#kibougaoka#AUDIT#2025-02-03', sk: '2025-02-03T05:00:00.000Z#r#000' };

    await readAuditPage('kibougaoka', PERIOD, {
      limit: 10,
      cursor: encodeCursor(key) ?? '',
      maxExamined: 100,
    });

    const [first] = sent.commands as { input: Record<string, unknown> }[];
    expect(first?.input.ExclusiveStartKey).toEqual(key);
    expect(first?.input.ExpressionAttributeValues).toMatchObject({ ':pk': key.pk });
    // The rest of the period follows: the last partition is read too.
    expect(sent.commands).toHaveLength(2);
  });
});
