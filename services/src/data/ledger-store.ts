import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  CaseId,
  LedgerEvent,
  LedgerEventKind,
  SeniorSpecialist,
  fiscalYearOf,
  keys,
  type ItemKey,
} from '@kikan/shared';
import * as z from 'zod';
import type { Idempotency } from '../kernel/idempotency.ts';
import type { AuditEvent } from './audit.ts';
import { db, tableName } from './client.ts';
import type { StoredResponse } from './idempotency.ts';
import { queryAll, queryFilteredPage, type Page } from './paging.ts';
import { consentRelied } from './person-store.ts';
import {
  putIfUnchanged,
  putIfVersion,
  putNew,
  writeTransaction,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * The capacity-building ledger. An event is one item by id (its version and its linked case ids)
 * plus copies, written in the same transaction: one in its fiscal year's partition (the tenant's
 * year, by date) and one per office taking part (that office's participation record). Copies carry
 * the count of linked cases, never the ids. See ADR 0008.
 */

/**
 * An event as stored: the shared view (shared/ledger-api.ts LedgerEvent) without what a view
 * computes — its fiscal year and counts — and with the linked case ids, which never leave the server.
 */
export const LedgerEventRecord = z
  .object(LedgerEvent.shape)
  .omit({ fiscalYear: true, organisationCount: true, linkedCaseCount: true })
  .extend({ caseIds: z.array(CaseId) });
export type LedgerEventRecord = z.infer<typeof LedgerEventRecord>;

/** What the year and participation copies hold: the event without its case ids. */
export const LedgerEventCopy = LedgerEventRecord.omit({ caseIds: true }).extend({
  fiscalYear: z.number().int(),
  linkedCaseCount: z.number().int().nonnegative(),
});
export type LedgerEventCopy = z.infer<typeof LedgerEventCopy>;

const copyOf = ({ caseIds, ...event }: LedgerEventRecord): LedgerEventCopy => ({
  ...event,
  fiscalYear: fiscalYearOf(event.heldOn),
  linkedCaseCount: caseIds.length,
});

/** The items an event is stored as; the copies' keys follow its date, so a new date moves them. */
export const ledgerEventItems = (tenantId: string, event: LedgerEventRecord) => {
  const copy = copyOf(event);
  const { fiscalYear } = copy;
  return {
    event: { ...keys.ledgerEvent(tenantId, event.eventId), entity: 'ledger_event', fiscalYear, ...event },
    copies: [
      {
        ...keys.ledgerYear(tenantId, fiscalYear, event.heldOn, event.eventId),
        entity: 'ledger_year',
        ...copy,
      },
      ...event.officeIds.map((officeId) => ({
        ...keys.officeParticipation(tenantId, officeId, fiscalYear, event.heldOn, event.eventId),
        entity: 'ledger_participation',
        ...copy,
      })),
    ],
  };
};

const keyString = ({ pk, sk }: ItemKey) => `${pk}\n${sk}`;

/**
 * A correction as writes: the event item, every copy of the corrected event (a put overwrites a
 * copy whose key stayed), and the removal of each old copy whose key is gone — another fiscal
 * year, another date, an office no longer taking part. DynamoDB refuses two operations on one item
 * in a transaction, so a key that stays is only put, never deleted and put.
 */
export const ledgerEventChange = (tenantId: string, before: LedgerEventRecord, after: LedgerEventRecord) => {
  const next = ledgerEventItems(tenantId, after);
  const kept = new Set(next.copies.map(keyString));
  return {
    event: next.event,
    put: next.copies,
    remove: ledgerEventItems(tenantId, before)
      .copies.filter((copy) => !kept.has(keyString(copy)))
      .map(({ pk, sk }) => ({ pk, sk })),
  };
};

const put = (item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName(), Item: item },
});
const remove = (key: ItemKey): TransactItem => ({ Delete: { TableName: tableName(), Key: key } });

const eventAudit = (action: AuditEvent['action'], write: WriteContext, eventId: string): AuditEvent => ({
  action,
  recordType: 'ledger_event',
  recordId: eventId,
  // The core center keeps the ledger: its office owns the record.
  recordOfficeId: write.ctx.officeId,
});

export interface CreateLedgerRecord {
  write: WriteContext;
  idempotency: Idempotency | null;
  response: StoredResponse;
}

/**
 * The council consents a session's links rely on, checked again in the write: a revocation
 * committed since the check cancels it (ADR 0022).
 */
const councilConsentsStillGranted = (
  write: WriteContext,
  event: LedgerEventRecord,
  consentsOf: readonly string[],
) =>
  consentsOf.map((personId) =>
    consentRelied(write.ctx.tenantId, personId, 'council_anonymised', event.heldOn),
  );

export const createLedgerEvent = ({
  write,
  idempotency,
  response,
  event,
  consentsOf,
}: CreateLedgerRecord & { event: LedgerEventRecord; consentsOf: readonly string[] }) => {
  const items = ledgerEventItems(write.ctx.tenantId, event);
  return writeTransaction(
    write,
    [
      putNew(items.event),
      ...items.copies.map(putNew),
      ...councilConsentsStillGranted(write, event, consentsOf),
    ],
    [eventAudit('create', write, event.eventId)],
    { idempotency, response },
  );
};

/**
 * A correction as transaction items. The event item is written only at the version read (`onStale`:
 * a 412 for the caller's own correction, a 409 for an event rewritten as a side effect of another
 * write); its copies move with it or not at all.
 */
export const ledgerEventCorrection = (
  tenantId: string,
  before: LedgerEventRecord,
  after: LedgerEventRecord,
  expectedVersion: number,
  onStale: 'version_mismatch' | 'conflict',
): TransactItem[] => {
  const change = ledgerEventChange(tenantId, before, after);
  const putEvent = onStale === 'conflict' ? putIfUnchanged : putIfVersion;
  return [putEvent(change.event, expectedVersion), ...change.put.map(put), ...change.remove.map(remove)];
};

export const updateLedgerEvent = async (
  write: WriteContext,
  before: LedgerEventRecord,
  after: LedgerEventRecord,
  expectedVersion: number,
  consentsOf: readonly string[] = [],
): Promise<void> => {
  await writeTransaction(
    write,
    [
      ...ledgerEventCorrection(write.ctx.tenantId, before, after, expectedVersion, 'version_mismatch'),
      ...councilConsentsStillGranted(write, after, consentsOf),
    ],
    [eventAudit('update', write, after.eventId)],
  );
};

/**
 * The writes that make a record's own event follow the record, in the record's transaction
 * (ADR 0027): written with it, corrected with it (its copies moved), removed with it. The event
 * changes only at the version read: a write racing it is a 409 to retry.
 */
export interface DerivedWrites {
  items: TransactItem[];
  audits: AuditEvent[];
}

export const derivedEventWrites = (
  write: WriteContext,
  before: LedgerEventRecord | null,
  after: LedgerEventRecord | null,
): DerivedWrites => {
  const tenantId = write.ctx.tenantId;
  if (after && before) {
    return {
      items: ledgerEventCorrection(tenantId, before, after, before.version, 'conflict'),
      audits: [eventAudit('update', write, after.eventId)],
    };
  }
  if (after) {
    const items = ledgerEventItems(tenantId, after);
    return {
      items: [putNew(items.event), ...items.copies.map(putNew)],
      audits: [eventAudit('create', write, after.eventId)],
    };
  }
  if (before) {
    const items = ledgerEventItems(tenantId, before);
    return {
      items: [
        {
          Delete: {
            TableName: tableName(),
            Key: keys.ledgerEvent(tenantId, before.eventId),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': before.version },
          },
        },
        ...items.copies.map(({ pk, sk }) => remove({ pk, sk })),
      ],
      audits: [eventAudit('delete', write, before.eventId)],
    };
  }
  return { items: [], audits: [] };
};

/** `forWrite` reads strongly consistent: the write is made at the version read. */
export const getLedgerEvent = async (
  tenantId: string,
  eventId: string,
  forWrite = false,
): Promise<LedgerEventRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.ledgerEvent(tenantId, eventId),
      ConsistentRead: forWrite,
    }),
  );
  return Item ? LedgerEventRecord.parse(Item) : null;
};

export interface CopySearch {
  kind: LedgerEventKind | undefined;
  limit: number;
  cursor: string | undefined;
}

/** Copies read per request at most when a kind filter skips many: the page then ends short. */
const MAX_COPIES_READ = 2000;

/**
 * One page of a copy partition in date order. A kind filter is applied as the items are read and
 * the cursor is the key of the last item read, so a page starts right after the previous one.
 */
const queryCopies = (pk: string, search: CopySearch): Promise<Page<LedgerEventCopy>> =>
  queryFilteredPage(
    {
      query: { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } },
      parse: (item) => LedgerEventCopy.parse(item),
      matches: (copy) => !search.kind || copy.kind === search.kind,
      limit: search.limit,
      maxRead: MAX_COPIES_READ,
      batch: 100,
      keyOf: (item) => ({ pk, sk: String(item.sk) }),
    },
    { cursor: search.cursor, partition: { pk } },
  );

const readAllCopies = async (pk: string, consistent = false): Promise<LedgerEventCopy[]> =>
  (
    await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: consistent,
    })
  ).map((item) => LedgerEventCopy.parse(item));

/** The tenant's events of a fiscal year, a page at a time. */
export const listLedgerYear = (tenantId: string, fiscalYear: number, search: CopySearch) =>
  queryCopies(keys.ledgerYear(tenantId, fiscalYear).pk, search);

/**
 * Every event of a fiscal year: what the plan indicators count (per kind, municipality, office).
 * `consistent` for a revoked council consent, which must find a session linked a moment ago.
 */
export const readLedgerYear = (tenantId: string, fiscalYear: number, consistent = false) =>
  readAllCopies(keys.ledgerYear(tenantId, fiscalYear).pk, consistent);

/** The events one office took part in during a fiscal year, a page at a time. */
export const listOfficeParticipation = (
  tenantId: string,
  officeId: string,
  fiscalYear: number,
  search: CopySearch,
) => queryCopies(keys.officeParticipation(tenantId, officeId, fiscalYear).pk, search);

export const readOfficeParticipation = (tenantId: string, officeId: string, fiscalYear: number) =>
  readAllCopies(keys.officeParticipation(tenantId, officeId, fiscalYear).pk);

// ── Senior specialists ────────────────────────────────────────────────────────
export const seniorSpecialistItem = (tenantId: string, entry: SeniorSpecialist) => ({
  ...keys.seniorSpecialist(tenantId, entry.seniorId),
  entity: 'senior_specialist',
  ...entry,
});

const toSeniorSpecialist = (item: Record<string, unknown>): SeniorSpecialist => {
  const { pk: _pk, sk: _sk, entity: _entity, ...entry } = item;
  return SeniorSpecialist.parse(entry);
};

const seniorAudit = (action: AuditEvent['action'], entry: SeniorSpecialist): AuditEvent => ({
  action,
  recordType: 'senior_specialist',
  recordId: entry.seniorId,
  recordOfficeId: entry.officeId,
});

export const createSeniorSpecialist = ({
  write,
  idempotency,
  response,
  entry,
}: CreateLedgerRecord & { entry: SeniorSpecialist }) =>
  writeTransaction(
    write,
    [putNew(seniorSpecialistItem(write.ctx.tenantId, entry))],
    [seniorAudit('create', entry)],
    { idempotency, response },
  );

export const updateSeniorSpecialist = async (
  write: WriteContext,
  entry: SeniorSpecialist,
  expectedVersion: number,
): Promise<void> => {
  await writeTransaction(
    write,
    [putIfVersion(seniorSpecialistItem(write.ctx.tenantId, entry), expectedVersion)],
    [seniorAudit('update', entry)],
  );
};

export const getSeniorSpecialist = async (
  tenantId: string,
  seniorId: string,
  forWrite = false,
): Promise<SeniorSpecialist | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.seniorSpecialist(tenantId, seniorId),
      ConsistentRead: forWrite,
    }),
  );
  return Item ? toSeniorSpecialist(Item) : null;
};

/** The whole roster of a tenant: one partition of tens of entries. */
export const listSeniorSpecialists = async (tenantId: string): Promise<SeniorSpecialist[]> => {
  const { pk } = keys.seniorSpecialist(tenantId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  });
  return items.map(toSeniorSpecialist);
};
