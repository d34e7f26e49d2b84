import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@kikan/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConflictError, VersionMismatchError } from '../kernel/errors.ts';
import { putNew, translateCancellation, writeTransaction, type WriteContext } from './transaction.ts';

const cancelled = (reasons: { Code: string; Item?: Record<string, { N: string }> }[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });

describe('transaction cancellations', () => {
  it('turns a failed version condition into a 412 carrying the current version', () => {
    const error = translateCancellation(
      cancelled([{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { version: { N: '7' } } }]),
    );
    expect(error).toBeInstanceOf(VersionMismatchError);
    expect((error as VersionMismatchError).headers.etag).toBe('"7"');
  });

  it('turns a transaction conflict (never raised by DynamoDB Local) into a retryable 409', () => {
    const error = translateCancellation(cancelled([{ Code: 'TransactionConflict' }, { Code: 'None' }]));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
  });

  it('leaves other errors as they are', () => {
    const other = new Error('network');
    expect(translateCancellation(other)).toBe(other);
  });
});

const sent = vi.hoisted(() => ({ commands: [] as unknown[], replies: [] as (() => unknown)[] }));
vi.mock('./client.ts', () => ({
  tableName: () => 'test-table',
  db: () => ({
    send: async (command: unknown) => {
      sent.commands.push(command);
      const reply = sent.replies.shift();
      return reply ? reply() : {};
    },
  }),
}));

describe('writeTransaction', () => {
  const write = {
    ctx: { tenantId: 'kibougaoka', officeId: 'himawari', userId: 'user-sato', role: 'specialist' },
    requestId: 'req-1',
    now: new Date('2026-04-01T00:00:00Z'),
  } as unknown as WriteContext;
  const idempotency = { key: 'retry-key-0001', fingerprint: 'abc' };
  const conflict = () => {
    throw cancelled([{ Code: 'TransactionConflict' }, { Code: 'None' }]);
  };

  beforeEach(() => {
    sent.commands.length = 0;
    sent.replies.length = 0;
  });

  it('sends the items, their audit entries and the stored response as one transaction: all or nothing', async () => {
    await writeTransaction(
      write,
      [putNew({ pk: 'T#kibougaoka#CASE#c1', sk: 'CASE' })],
      [{ action: 'create', recordType: 'case', recordId: 'c1' }],
      { idempotency, response: { status: 201, body: { caseId: 'c1' } } },
    );

    expect(sent.commands).toHaveLength(1);
    const [command] = sent.commands as TransactWriteCommand[];
    expect(command).toBeInstanceOf(TransactWriteCommand);
    const items = command?.input.TransactItems?.map((item) => item.Put?.Item?.entity ?? item.Put?.Item?.sk);
    expect(items).toEqual(['CASE', 'audit', 'idempotency']);
  });

  it('turns a transaction conflict into a retryable 409 when no earlier request stored a response', async () => {
    sent.replies.push(conflict, () => ({ Item: undefined }));

    const error = await writeTransaction(write, [putNew({ pk: 'p', sk: 's' })], [], {
      idempotency,
      response: { status: 201, body: {} },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    // The stored response was looked up (consistently) before giving up.
    expect(sent.commands[1]).toBeInstanceOf(GetCommand);
    expect((sent.commands[1] as GetCommand).input.ConsistentRead).toBe(true);
  });

  it('answers a conflicting retry with the response the first request stored', async () => {
    const stored = { status: 201, body: { caseId: 'c1' } };
    sent.replies.push(conflict, () => ({ Item: { fingerprint: 'abc', response: stored } }));

    const replay = await writeTransaction(write, [putNew({ pk: 'p', sk: 's' })], [], {
      idempotency,
      response: { status: 201, body: { caseId: 'c2' } },
    });

    expect(replay).toEqual(stored);
  });

  it('refuses a record of a case written without its case item, sending nothing', async () => {
    const consultation = {
      ...keys.caseRecord('kibougaoka', 'c1', 'CONSULTATION', 'r1'),
      consultedOn: '2026-04-01',
    };

    await expect(writeTransaction(write, [putNew(consultation)], [])).rejects.toThrow(
      'a case record is written without its case item',
    );
    await expect(
      writeTransaction(
        write,
        [putNew(consultation), putNew({ ...keys.caseItem('kibougaoka', 'c1'), lastRecordOn: '2026-03-31' })],
        [],
      ),
    ).rejects.toThrow('a case record is written without its case item');
    expect(sent.commands).toEqual([]);

    await writeTransaction(
      write,
      [putNew(consultation), putNew({ ...keys.caseItem('kibougaoka', 'c1'), lastRecordOn: '2026-04-01' })],
      [],
    );
    expect(sent.commands).toHaveLength(1);
  });

  it('passes a DynamoDB outage on untouched, for the error handler to answer 503', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    sent.replies.push(() => {
      throw outage;
    });

    await expect(writeTransaction(write, [putNew({ pk: 'p', sk: 's' })], [])).rejects.toBe(outage);
  });
});
