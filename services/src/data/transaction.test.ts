import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError, VersionMismatchError } from '../http/errors.ts';
import { translateCancellation } from './transaction.ts';

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
