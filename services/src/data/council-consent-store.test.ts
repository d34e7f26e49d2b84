import { describe, expect, it } from 'vitest';
import { revocationTransactions, type Batch } from './council-consent-store.ts';

const batch = (items: number, audits = 1): Batch => ({
  items: Array.from({ length: items }, () => ({ ConditionCheck: undefined })),
  audits: Array.from({ length: audits }, (_, index) => ({
    action: 'update' as const,
    recordType: 'ledger_event' as const,
    recordId: `event-${index}`,
  })),
});

describe('the transactions of a revoked council consent', () => {
  it('are one, consent, issues and sessions together, when it fits in 100 items', () => {
    const final = batch(3, 3);
    const transactions = revocationTransactions(final, [batch(12), batch(12)], 1);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]?.items).toHaveLength(27);
    expect(transactions[0]?.audits).toHaveLength(5);
  });

  it('unlink each session first, in its own, and end with the consent when they do not fit together', () => {
    const final = batch(3, 3);
    const sessions = [batch(42), batch(42), batch(42)];
    const transactions = revocationTransactions(final, sessions, 1);
    expect(transactions).toEqual([...sessions, final]);
  });

  it('count the idempotency item against the limit', () => {
    expect(revocationTransactions(batch(1, 1), [batch(97, 1)], 0)).toHaveLength(1);
    expect(revocationTransactions(batch(1, 1), [batch(97, 1)], 1)).toHaveLength(2);
  });
});
