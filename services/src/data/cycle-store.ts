import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  EntityId,
  IsoDate,
  MONITORING_DUE_LIMIT,
  Monitoring,
  PhaseChange,
  ServiceDecision,
  TABLE_INDEXES,
  caseRecordKindOf,
  keys,
  todayInJapan,
  type TimelineEntry,
} from '@kikan/shared';
import * as z from 'zod';
import { logger } from '../logger.ts';
import type { AuditEvent } from './audit.ts';
import { CaseRecord, caseWriteItems } from './case-store.ts';
import { db, tableName } from './client.ts';
import { queryAll, queryPages } from './paging.ts';
import {
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/** The records of the care-management cycle, kept in their case's partition. */
export type CycleRecord =
  | { kind: 'DECISION'; record: ServiceDecision }
  | { kind: 'MONITORING'; record: Monitoring }
  | { kind: 'PHASE'; record: PhaseChange };

const ENTITY_OF = { DECISION: 'service_decision', MONITORING: 'monitoring', PHASE: 'phase_change' } as const;

/** Sort parts put each kind's records in date order inside the partition. */
const sortPartOf = (added: CycleRecord): string => {
  switch (added.kind) {
    case 'DECISION':
      return `${added.record.decidedOn}#${added.record.recordId}`;
    case 'MONITORING':
      return `${added.record.conductedOn}#${added.record.recordId}`;
    case 'PHASE':
      return `${added.record.createdAt}#${added.record.recordId}`;
  }
};

export const cycleRecordItem = (tenantId: string, officeId: string, added: CycleRecord) => ({
  ...keys.caseRecord(tenantId, added.record.caseId, added.kind, sortPartOf(added)),
  entity: ENTITY_OF[added.kind],
  tenantId,
  officeId,
  ...added.record,
});

export interface CaseChange {
  write: WriteContext;
  /** The case as it is after the change, version already incremented. */
  record: CaseRecord;
  /** The case the change was computed from: anyone else's write in between makes it a 412. */
  previous: CaseRecord;
  added?: CycleRecord;
  create?: IdempotentCreate;
  /** Items another context writes with the change (a submission the decision answers, ADR 0043). */
  alongside?: { items: TransactItem[]; audits: AuditEvent[] };
}

/** The case and the record the change adds, with their audit entries, in one transaction. */
export const writeCaseChange = ({ write, record, previous, added, create, alongside }: CaseChange) => {
  const audits: AuditEvent[] = [
    { action: 'update', recordType: 'case', recordId: record.caseId, recordOfficeId: record.officeId },
  ];
  if (added) {
    audits.push({
      action: 'create',
      recordType: ENTITY_OF[added.kind],
      recordId: added.record.recordId,
      recordOfficeId: record.officeId,
    });
  }
  const addedItems = added ? [cycleRecordItem(record.tenantId, record.officeId, added)] : [];
  return writeTransaction(
    write,
    [
      ...caseWriteItems([{ record, previous, records: addedItems }]),
      ...addedItems.map(putNew),
      ...(alongside?.items ?? []),
    ],
    [...audits, ...(alongside?.audits ?? [])],
    create,
  );
};

/**
 * A strongly consistent read for a change: the change is computed from this version and written
 * only at it, so an eventually consistent (older) read would just cost the caller a needless 412.
 */
export const getCaseForUpdate = async (tenantId: string, caseId: string): Promise<CaseRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.caseItem(tenantId, caseId), ConsistentRead: true }),
  );
  return Item ? CaseRecord.parse(Item) : null;
};

/**
 * The day of the case's latest phase change (a transfer at 18 writes one too), read strongly
 * consistent from its partition: phase records are a handful per case. Undefined for none.
 */
export const lastPhaseChangeDay = async (tenantId: string, caseId: string): Promise<string | undefined> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :phase)',
    ProjectionExpression: 'changedOn',
    ExpressionAttributeValues: { ':pk': keys.caseItem(tenantId, caseId).pk, ':phase': 'PHASE#' },
    ConsistentRead: true,
  });
  return items
    .flatMap((item) => {
      const parsed = IsoDate.safeParse(item.changedOn);
      return parsed.success ? [parsed.data] : [];
    })
    .reduce<string | undefined>(
      (latest, day) => (latest === undefined || day > latest ? day : latest),
      undefined,
    );
};

/**
 * One monitoring of a case by its id. Its sort key starts with its day, which the caller does not
 * know: the case's monitorings are read (a few a year) and the one with the id kept.
 */
export const getMonitoring = async (
  tenantId: string,
  caseId: string,
  recordId: string,
): Promise<Monitoring | null> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :monitoring)',
    FilterExpression: 'recordId = :recordId',
    ExpressionAttributeValues: {
      ':pk': keys.caseItem(tenantId, caseId).pk,
      ':monitoring': 'MONITORING#',
      ':recordId': recordId,
    },
  });
  const item = items[0];
  return item ? Monitoring.parse(withoutKeys(item)) : null;
};

/** The stored response of an earlier request with this Idempotency-Key, if there was one. */
const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, officeId: _officeId, ...rest } = item;
  return rest;
};

/**
 * Plans, meetings and consultations are written by their own routes: the timeline reads only their
 * id, creation time and the day they are about, so their shapes can grow without breaking it.
 */
const REFERENCE_DATE_FIELDS = {
  PLAN: 'createdOn',
  MEETING: 'heldOn',
  CONSULTATION: 'consultedOn',
} as const;
const REFERENCE_KINDS = { PLAN: 'plan', MEETING: 'meeting', CONSULTATION: 'consultation' } as const;

const Reference = z.object({
  recordId: EntityId,
  createdAt: z.iso.datetime(),
  date: IsoDate.optional(),
});

/** One stored item of a case partition as a timeline entry; null for the case itself. */
export const toTimelineEntry = (item: Record<string, unknown>): TimelineEntry | null => {
  const kind = caseRecordKindOf(item.sk);
  // The core center's file on a case (difficulty, sharing) is read through its own routes; the
  // assessments through the case page's own section (their list), not the timeline.
  // Submissions (ADR 0043) through the case page's own section too.
  if (
    kind === null ||
    kind === 'DIFFICULTY' ||
    kind === 'SHARING' ||
    kind === 'ASSESSMENT' ||
    kind === 'SUBMISSION'
  )
    return null;
  switch (kind) {
    case 'DECISION': {
      const record = ServiceDecision.parse(withoutKeys(item));
      return {
        kind: 'decision',
        recordId: record.recordId,
        date: record.decidedOn,
        createdAt: record.createdAt,
        record,
      };
    }
    case 'MONITORING': {
      const record = Monitoring.parse(withoutKeys(item));
      return {
        kind: 'monitoring',
        recordId: record.recordId,
        date: record.conductedOn,
        createdAt: record.createdAt,
        record,
      };
    }
    case 'PHASE': {
      const record = PhaseChange.parse(withoutKeys(item));
      return {
        kind: 'phase',
        recordId: record.recordId,
        date: record.changedOn,
        createdAt: record.createdAt,
        record,
      };
    }
    case 'PLAN':
    case 'MEETING':
    case 'CONSULTATION': {
      const parsed = Reference.safeParse({
        recordId: item.recordId,
        createdAt: item.createdAt,
        date: item[REFERENCE_DATE_FIELDS[kind]],
      });
      if (!parsed.success) {
        // The kind only: the item may hold personal data.
        logger.warn('timeline skipped an unreadable record', { kind });
        return null;
      }
      const { recordId, createdAt, date } = parsed.data;
      return {
        kind: REFERENCE_KINDS[kind],
        recordId,
        createdAt,
        date: date ?? todayInJapan(new Date(createdAt)),
      };
    }
  }
};

/** Oldest first: by the day an entry is about, then by when it was written. */
export const byTimelineOrder = (a: TimelineEntry, b: TimelineEntry): number =>
  a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt);

/**
 * The case and every record of it in one Query on the case partition (paged past DynamoDB's 1 MB
 * per response).
 */
export const readCaseTimeline = async (tenantId: string, caseId: string) => {
  const { pk, sk: caseSortKey } = keys.caseItem(tenantId, caseId);
  let caseRecord: CaseRecord | null = null;
  const entries: TimelineEntry[] = [];
  for (const item of await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  })) {
    if (item.sk === caseSortKey) caseRecord = CaseRecord.parse(item);
    const entry = toTimelineEntry(item);
    if (entry) entries.push(entry);
  }
  return { caseRecord, entries: entries.sort(byTimelineOrder) };
};

/**
 * Open cases of one office whose next monitoring is due on or before `dueThrough`, earliest first,
 * from the sparse due index. Reads at most MONITORING_DUE_LIMIT cases: a list longer than that is
 * not a worklist anyone can use, and `truncated` says so.
 */
export const listCasesDueForMonitoring = async (
  tenantId: string,
  officeId: string,
  dueThrough: string,
  assignedTo?: string,
): Promise<{ items: CaseRecord[]; truncated: boolean }> => {
  const index = TABLE_INDEXES.casesByMonitoringDue;
  const { gsi3pk } = keys.caseByDue(tenantId, officeId);
  const items: CaseRecord[] = [];
  const pages = queryPages({
    IndexName: index.indexName,
    // '~' sorts after every id character, so the bound includes every case due on that day.
    KeyConditionExpression: '#pk = :pk AND #sk <= :upper',
    ...(assignedTo ? { FilterExpression: 'specialistUserId = :assignee' } : {}),
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
    ExpressionAttributeValues: {
      ':pk': gsi3pk,
      ':upper': `${dueThrough}#~`,
      ...(assignedTo ? { ':assignee': assignedTo } : {}),
    },
  });
  for await (const page of pages) {
    items.push(...(page.Items ?? []).map((item) => CaseRecord.parse(item)));
    if (items.length > MONITORING_DUE_LIMIT) break;
  }
  return { items: items.slice(0, MONITORING_DUE_LIMIT), truncated: items.length > MONITORING_DUE_LIMIT };
};
