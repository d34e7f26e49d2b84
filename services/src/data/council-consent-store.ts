import type { ConsentView } from '@kikan/shared';
import type { Idempotency } from '../kernel/idempotency.ts';
import type { AuditEvent } from './audit.ts';
import type { StoredResponse } from './idempotency.ts';
import { ledgerEventCorrection, type LedgerEventRecord } from './ledger-store.ts';
import { consentItem } from './person-store.ts';
import { regionalIssueItem, type RegionalIssueRecord } from './regional-issue-store.ts';
import {
  MAX_TRANSACTION_ITEMS,
  putIfUnchanged,
  writeTransaction,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

export interface Batch {
  items: TransactItem[];
  audits: AuditEvent[];
}

/**
 * The revocation's writes as transactions: one holding everything when it fits DynamoDB's 100
 * items (always, but for a person linked to many sessions of many offices: each session carries a
 * copy per office); otherwise each session first in its own, then the consent with the issues.
 * Unlinking first errs on the safe side: if the consent's write then fails, the cases were counted
 * less than the consent allowed, never more. `reserved`: the idempotency item of the last one.
 */
export const revocationTransactions = (
  final: Batch,
  sessions: readonly Batch[],
  reserved: number,
): Batch[] => {
  const together: Batch = {
    items: [...final.items, ...sessions.flatMap((session) => session.items)],
    audits: [...final.audits, ...sessions.flatMap((session) => session.audits)],
  };
  return together.items.length + together.audits.length + reserved <= MAX_TRANSACTION_ITEMS
    ? [together]
    : [...sessions, final];
};

export interface CouncilConsentRevocation {
  write: WriteContext;
  personId: string;
  consent: ConsentView;
  expectedVersion: number;
  issues: { issue: RegionalIssueRecord; previous: RegionalIssueRecord }[];
  events: { event: LedgerEventRecord; previous: LedgerEventRecord }[];
  idempotency: Idempotency | null;
  response: StoredResponse;
}

/**
 * A revoked council consent and every link it hid (ADR 0022): the person's cases leave the regional
 * issues and the council and sub-committee sessions that counted them. The consent is written at the
 * version read, and each issue and session at theirs (409 to retry if any changed): a link made
 * since the read moved the consent's version (consentRelied), so it is never left behind.
 */
export const revokeCouncilConsent = async ({
  write,
  personId,
  consent,
  expectedVersion,
  issues,
  events,
  idempotency,
  response,
}: CouncilConsentRevocation): Promise<StoredResponse | null> => {
  const tenantId = write.ctx.tenantId;
  const final: Batch = {
    items: [
      putIfUnchanged(consentItem(tenantId, personId, consent), expectedVersion),
      ...issues.map(({ issue, previous }) =>
        putIfUnchanged(regionalIssueItem(tenantId, issue), previous.version),
      ),
    ],
    audits: [
      {
        action: 'update',
        recordType: 'consent',
        recordId: `${personId}/${consent.purpose}`,
        recordOfficeId: write.ctx.officeId,
      },
      ...issues.map(({ issue }): AuditEvent => ({
        action: 'update',
        recordType: 'regional_issue',
        recordId: issue.issueId,
        recordOfficeId: issue.raisedByOfficeId,
      })),
    ],
  };
  const sessions = events.map(({ event, previous }): Batch => ({
    items: ledgerEventCorrection(tenantId, previous, event, previous.version, 'conflict'),
    audits: [{ action: 'update', recordType: 'ledger_event', recordId: event.eventId }],
  }));
  const transactions = revocationTransactions(final, sessions, idempotency ? 1 : 0);
  let sequence = 0;
  for (const transaction of transactions.slice(0, -1)) {
    await writeTransaction(write, transaction.items, transaction.audits, undefined, sequence);
    sequence += transaction.audits.length;
  }
  const last = transactions.at(-1) ?? final;
  return writeTransaction(write, last.items, last.audits, { idempotency, response }, sequence);
};
