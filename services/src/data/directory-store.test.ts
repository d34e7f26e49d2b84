import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '@kikan/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../kernel/errors.ts';
import { changeUserMembership, removeUser } from './directory-store.ts';
import type { WriteContext } from './transaction.ts';

/**
 * SECURITY.md row 25: an admin change to a user and its audit entry are one TransactWriteItems, so
 * a failed transaction leaves neither. DynamoDB Local cannot be made to fail one transaction on
 * purpose, so the client is replaced: every command sent is recorded and none is written.
 */
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

const write = {
  ctx: { tenantId: 'kibougaoka', officeId: 'kibou-city', userId: 'user-admin', role: 'tenant_admin' },
  requestId: 'req-42',
  now: new Date('2026-11-23T01:02:03.000Z'),
} as WriteContext;

const KOBAYASHI: User = {
  userId: 'user-kobayashi',
  tenantId: 'kibougaoka',
  email: 'kobayashi@kibou.example',
  displayName: '小林 大輔',
  role: 'specialist',
  officeId: 'midori',
  senior: false,
};

const cancelled = (code: string) => () => {
  throw new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: code }, { Code: 'None' }],
  });
};

const transactItems = (command: unknown) => {
  expect(command).toBeInstanceOf(TransactWriteCommand);
  return (command as TransactWriteCommand).input.TransactItems ?? [];
};

beforeEach(() => {
  sent.commands.length = 0;
  sent.replies.length = 0;
});

describe('an admin change to a user', () => {
  it('sends the user update and its audit entry (before → after, codes only) as one transaction', async () => {
    const changed = await changeUserMembership(write, KOBAYASHI, {
      officeId: 'aozora',
      role: 'office_manager',
    });

    expect(changed).toMatchObject({
      officeId: 'aozora',
      role: 'office_manager',
      notBefore: write.now.toISOString(),
    });
    expect(sent.commands).toHaveLength(1);
    const [update, audit, ...rest] = transactItems(sent.commands[0]);
    expect(rest).toEqual([]);
    expect(update?.Update?.Key).toEqual({ pk: 'T#kibougaoka#USERS', sk: 'USER#user-kobayashi' });
    // Only while the user is still as read: the entry's "before" is what the change replaced.
    expect(update?.Update?.ExpressionAttributeValues).toMatchObject({
      ':beforeOfficeId': 'midori',
      ':beforeRole': 'specialist',
    });
    expect(audit?.Put?.Item).toMatchObject({
      entity: 'audit',
      action: 'update',
      recordType: 'user',
      recordId: 'user-kobayashi',
      actorUserId: 'user-admin',
      requestId: 'req-42',
      before: { officeId: 'midori', role: 'specialist', status: 'active' },
      after: { officeId: 'aozora', role: 'office_manager', status: 'active' },
    });
    expect(JSON.stringify(audit)).not.toContain('小林');
  });

  it('sends a removal and its audit entry as one transaction', async () => {
    await removeUser(write, KOBAYASHI);

    expect(sent.commands).toHaveLength(1);
    const [update, audit, ...rest] = transactItems(sent.commands[0]);
    expect(rest).toEqual([]);
    expect(update?.Update?.UpdateExpression).toContain('#status = :removed');
    expect(audit?.Put?.Item).toMatchObject({
      action: 'delete',
      recordType: 'user',
      before: { status: 'active' },
      after: { officeId: 'midori', role: 'specialist', status: 'removed' },
    });
  });

  it('writes neither the change nor an entry when the transaction fails: no second write follows', async () => {
    sent.replies.push(cancelled('ConditionalCheckFailed'), () => ({ Item: undefined }));

    const result = await changeUserMembership(write, KOBAYASHI, { officeId: 'aozora', role: 'specialist' });

    // The user was removed meanwhile: nothing to change (404), and only a read after the failure.
    expect(result).toBeNull();
    expect(sent.commands).toHaveLength(2);
    expect(sent.commands[1]).toBeInstanceOf(GetCommand);
    expect((sent.commands[1] as GetCommand).input.ConsistentRead).toBe(true);
  });

  it('refuses a change decided on a user another admin changed meanwhile (409), writing nothing else', async () => {
    sent.replies.push(cancelled('ConditionalCheckFailed'), () => ({
      Item: { ...KOBAYASHI, pk: 'T#kibougaoka#USERS', sk: 'USER#user-kobayashi', officeId: 'himawari' },
    }));

    const error = await removeUser(write, KOBAYASHI).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    expect(sent.commands.map((command) => command?.constructor.name)).toEqual([
      'TransactWriteCommand',
      'GetCommand',
    ]);
  });

  it('passes a transaction conflict (never raised by DynamoDB Local) on as a retryable 409', async () => {
    sent.replies.push(cancelled('TransactionConflict'), () => ({
      Item: { ...KOBAYASHI, pk: 'T#kibougaoka#USERS', sk: 'USER#user-kobayashi' },
    }));

    const error = await changeUserMembership(write, KOBAYASHI, {
      officeId: 'aozora',
      role: 'specialist',
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConflictError);
    expect(sent.commands).toHaveLength(2);
  });
});
