import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  CASELOAD_READ_LIMIT,
  CaseFull,
  CaseId,
  DifficultCategory,
  DifficultStatus,
  SharingBasis,
  IsoDate,
  MunicipalityCode,
  TABLE_INDEXES,
  UserId,
  isLikelySamePerson,
  kanaForComparison,
  keys,
  type Person,
} from '@kikan/shared';
import * as z from 'zod';
import { db, tableName } from './client.ts';
import type { StoredResponse } from './idempotency.ts';
import { monitoringDueOf } from './office-counters.ts';
import { officeFigureWrites } from './office-stats-store.ts';
import { queryAll, queryPage, queryPages, type Page, type Query } from './paging.ts';
import { lastRecordDayOf, latestDay, withRecordDays } from './record-days.ts';
import { statisticsWrites } from './statistics-store.ts';
import {
  putIfVersion,
  putNew,
  writeTransaction,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';
import type { Idempotency } from '../kernel/idempotency.ts';

/**
 * A case as stored: the case as its own office sees it (shared/case.ts CaseFull, without what a
 * view computes) and what only the server keeps. The item's other attributes (keys) are dropped.
 */
export const CaseRecord = z
  .object(CaseFull.shape)
  .omit({ visibility: true, monitoringOverdue: true })
  .extend({
    tenantId: z.string(),
    /** The person's member municipality (copied like the name): statistics are split by it. */
    municipalityCode: MunicipalityCode.optional(),
    /** Null or absent when no monitoring is due: absent reads as null. */
    nextMonitoringDueOn: IsoDate.nullable().default(null),
    /** The service decision in force: the monitoring schedule is computed from it. */
    decision: z
      .object({
        validFrom: IsoDate,
        validTo: IsoDate,
        periodMonths: z.number().int(),
        intensiveStart: z.boolean(),
      })
      .optional(),
    /**
     * Decisions replaced by a later one: the months they covered, and the monitorings due under
     * their schedule, still count in the statistics (ADR 0024: entries written before kept no schedule).
     */
    decisionHistory: z
      .array(
        z.object({
          validFrom: IsoDate,
          validTo: IsoDate,
          periodMonths: z.number().int().optional(),
          intensiveStart: z.boolean().optional(),
        }),
      )
      .optional(),
    /** Monitorings (and how many on time) and plans made final, per month `YYYY-MM`: billable acts. */
    activity: z
      .record(
        z.string().regex(/^\d{4}-\d{2}$/),
        z.object({
          monitorings: z.number().int().min(0),
          monitoringsOnTime: z.number().int().min(0),
          plansFinalised: z.number().int().min(0),
        }),
      )
      .optional(),
    closureReason: z.string().optional(),
    /**
     * The latest day any record of the case is about (record-days.ts): a closing day or a transfer
     * at 18 may not be earlier. Moved with every write to the case's partition; absent on case items
     * written before it existed, whose day is then read from their records.
     */
    lastRecordOn: IsoDate.optional(),
    /** Set by the retention sweep when it began deleting the case: kept when the case is rewritten. */
    expiringSince: z.iso.datetime().optional(),
    currentPlanVersion: z.number().int().optional(),
    previousCaseId: CaseId.optional(),
    /** 困難事例: set by the office's flag, moved along by escalation, acceptance and closure. */
    difficulty: z
      .object({ status: DifficultStatus, categories: z.array(DifficultCategory), flaggedOn: IsoDate })
      .optional(),
    /** Why the core center sees this case in full (with the consent it rests on). */
    sharing: z.object({ basis: SharingBasis, since: IsoDate }).optional(),
    nextCaseId: CaseId.optional(),
    createdBy: UserId,
    updatedBy: UserId,
  });
export type CaseRecord = z.infer<typeof CaseRecord>;

/** The stored items of a person and a case, with every key and index key they need. */
export const personItem = (tenantId: string, person: Person) => ({
  ...keys.person(tenantId, person.personId),
  entity: 'person',
  tenantId,
  ...person,
});

export const caseItem = (record: CaseRecord) => {
  // Sparse: only open cases with a due monitoring appear in the due index, the cases the office
  // counters count by due day.
  const dueOn = monitoringDueOf(record);
  return {
    ...keys.caseItem(record.tenantId, record.caseId),
    ...keys.caseByOffice(record.tenantId, record.officeId, record.personKana, record.caseId),
    ...keys.caseByTenant(record.tenantId, record.officeId, record.caseCode, record.caseId),
    ...(dueOn ? keys.caseByDue(record.tenantId, record.officeId, dueOn, record.caseId) : {}),
    entity: 'case',
    ...record,
  };
};

/** ケース番号 → case and person (keys.caseCode): written with the case, deleted with it. */
export const caseCodeItem = (record: Pick<CaseRecord, 'tenantId' | 'caseId' | 'caseCode' | 'personId'>) => ({
  ...keys.caseCode(record.tenantId, record.caseCode),
  entity: 'case_code',
  caseId: record.caseId,
  personId: record.personId,
});

export interface CaseWrite {
  record: CaseRecord;
  /** The case as read for this write (null: a new case). It is written only at that version. */
  previous: CaseRecord | null;
  /**
   * 'conflict' for a case rewritten as a side effect of another record's write: if it changed
   * meanwhile the write is a 409 to retry, not a 412 whose ETag would name the case.
   */
  onStale?: 'version_mismatch' | 'conflict';
  /** The items of the case's partition the same transaction puts: the case's last record day follows them. */
  records?: readonly Record<string, unknown>[];
}

/**
 * A new case brings its case-code lookup; a code already taken cancels the write (409, retry). A
 * case given a new code (sharing with the core center ended) moves its lookup with it, so the old
 * code finds nothing and the retention sweep finds the one lookup there is.
 */
const casePut = ({ record, previous, onStale = 'version_mismatch' }: CaseWrite): TransactItem[] => {
  if (!previous) return [putNew(caseItem(record)), putNew(caseCodeItem(record))];
  const recoded: TransactItem[] =
    previous.caseCode === record.caseCode
      ? []
      : [
          { Delete: { TableName: tableName(), Key: keys.caseCode(previous.tenantId, previous.caseCode) } },
          putNew(caseCodeItem(record)),
        ];
  const { Put } = putIfVersion(caseItem(record), previous.version);
  if (!Put || onStale === 'version_mismatch') return [{ Put }, ...recoded];
  const { ReturnValuesOnConditionCheckFailure: _current, ...put } = Put;
  return [{ Put: put }, ...recoded];
};

/**
 * Every write of a case item goes through here. Besides the whole case item (so every index key
 * follows the change), the same transaction moves its office's dashboard counters and life-stage
 * milestones (data/office-stats-store.ts) and the plan-indicator counters of the months it touches
 * (data/statistics-store.ts) by what the write changes, and the case's last record day by the
 * records written beside it (data/record-days.ts): no write can forget them.
 * Several cases in one transaction are merged into one counter update per office.
 */
export const caseWriteItems = (writes: readonly CaseWrite[]): TransactItem[] => {
  const stored = writes.map((write) => ({
    ...write,
    record: withRecordDays(write.record, write.records ?? []),
  }));
  const transitions = stored.map(({ record, previous }) => ({ before: previous, after: record }));
  return [...stored.flatMap(casePut), ...officeFigureWrites(transitions), ...statisticsWrites(transitions)];
};

/**
 * The case rewritten beside records added to (or changed in) its partition by someone acting on it:
 * nothing of the case changes but its version, its last record day and who touched it last. The
 * version makes a closure or a sweep computed from the case as it was before fail instead of missing
 * the record; a case changed meanwhile makes this write a 409 to retry.
 */
export const caseItemsBesideRecords = (
  write: WriteContext,
  previous: CaseRecord,
  records: readonly Record<string, unknown>[],
): TransactItem[] =>
  caseWriteItems([
    {
      record: {
        ...previous,
        version: previous.version + 1,
        updatedAt: write.now.toISOString(),
        updatedBy: write.ctx.userId,
      },
      previous,
      onStale: 'conflict',
      records,
    },
  ]);

/** Replaces the whole case item if nobody changed it since `previous` was read. */
export const putCaseIfVersion = (record: CaseRecord, previous: CaseRecord): TransactItem[] =>
  caseWriteItems([{ record, previous }]);

/**
 * The case with its last record day, read from its partition (strongly consistent) when the case
 * item was written before it kept one. A closure or transfer is then checked against the records
 * themselves and stores the day, so the next write finds it.
 */
export const withLastRecordDay = async (record: CaseRecord): Promise<CaseRecord> => {
  if (record.lastRecordOn !== undefined) return record;
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.caseItem(record.tenantId, record.caseId).pk },
    ConsistentRead: true,
  });
  return { ...record, lastRecordOn: latestDay([record.openedOn, lastRecordDayOf(items)]) ?? record.openedOn };
};

export const getCase = async (tenantId: string, caseId: string): Promise<CaseRecord | null> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.caseItem(tenantId, caseId) }),
  );
  return Item ? CaseRecord.parse(Item) : null;
};

const queryCases = async (
  index: (typeof TABLE_INDEXES)['casesByOffice' | 'casesByTenant'],
  partition: Record<string, string>,
  sortPrefix: string,
  limit: number,
  cursor: string | undefined,
  assignedTo: string | undefined,
): Promise<Page<CaseRecord>> => {
  const [partitionName, partitionValue] = Object.entries(partition)[0] ?? [];
  if (!partitionName || partitionValue === undefined) throw new Error('partition key missing');
  return queryPage(
    {
      IndexName: index.indexName,
      KeyConditionExpression: sortPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      // A filter runs after Limit, so "my cases" pages can be short; the cursor stays correct.
      ...(assignedTo ? { FilterExpression: 'specialistUserId = :assignee' } : {}),
      ExpressionAttributeNames: {
        '#pk': index.partitionKey,
        ...(sortPrefix ? { '#sk': index.sortKey } : {}),
      },
      ExpressionAttributeValues: {
        ':pk': partitionValue,
        ...(sortPrefix ? { ':prefix': sortPrefix } : {}),
        ...(assignedTo ? { ':assignee': assignedTo } : {}),
      },
      Limit: limit,
    },
    { cursor, partition },
    (item) => CaseRecord.parse(item),
  );
};

/** What the caseload list sorts, filters and scopes by: a case's row before its page is read in full. */
export const CaseloadRow = z.object({
  caseId: CaseId,
  caseCode: z.string(),
  officeId: z.string(),
  personKana: z.string(),
  specialistUserId: UserId,
  phase: CaseFull.shape.phase,
  serviceKind: CaseFull.shape.serviceKind,
  openedOn: IsoDate,
  nextMonitoringDueOn: IsoDate.nullable().default(null),
  sharedWithCore: z.boolean(),
});
export type CaseloadRow = z.infer<typeof CaseloadRow>;

/**
 * Every case of one office (to CASELOAD_READ_LIMIT) as rows, for the caseload list to filter, sort
 * and count in memory: an office holds a few hundred cases, so one or two Query responses, of the
 * few attributes a row has (the page's cases are then read whole, getCasesByIds). The office's own
 * staff read its kana index; the core center, looking at another office, reads that office's range
 * of the tenant-wide index, which holds no kana in its keys (ADR 0021).
 */
export const readCaseload = async (
  tenantId: string,
  officeId: string,
  index: 'own_office' | 'other_office',
): Promise<{ items: CaseloadRow[]; truncated: boolean }> => {
  const projection = {
    ProjectionExpression: Object.keys(CaseloadRow.shape)
      .map((name) => `#${name}`)
      .join(', '),
  };
  const projected = Object.fromEntries(Object.keys(CaseloadRow.shape).map((name) => [`#${name}`, name]));
  const query: Query =
    index === 'own_office'
      ? {
          IndexName: TABLE_INDEXES.casesByOffice.indexName,
          KeyConditionExpression: '#pk = :pk',
          ...projection,
          ExpressionAttributeNames: { ...projected, '#pk': TABLE_INDEXES.casesByOffice.partitionKey },
          ExpressionAttributeValues: { ':pk': keys.caseByOffice(tenantId, officeId).gsi1pk },
        }
      : {
          IndexName: TABLE_INDEXES.casesByTenant.indexName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ...projection,
          ExpressionAttributeNames: {
            ...projected,
            '#pk': TABLE_INDEXES.casesByTenant.partitionKey,
            '#sk': TABLE_INDEXES.casesByTenant.sortKey,
          },
          ExpressionAttributeValues: {
            ':pk': keys.caseByTenant(tenantId, officeId).gsi2pk,
            ':prefix': keys.caseByTenant(tenantId, officeId).gsi2sk,
          },
        };
  const items: CaseloadRow[] = [];
  for await (const page of queryPages(query)) {
    items.push(...(page.Items ?? []).map((item) => CaseloadRow.parse(item)));
    if (items.length > CASELOAD_READ_LIMIT) break;
  }
  return { items: items.slice(0, CASELOAD_READ_LIMIT), truncated: items.length > CASELOAD_READ_LIMIT };
};

const officeKanaIndex = (tenantId: string, officeId: string): Query => ({
  IndexName: TABLE_INDEXES.casesByOffice.indexName,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': TABLE_INDEXES.casesByOffice.partitionKey },
  ExpressionAttributeValues: { ':pk': keys.caseByOffice(tenantId, officeId).gsi1pk },
});

/**
 * The cases of one office in kana order, from the start or after a case (where that case is now),
 * whole: one page of the kana index, `limit` cases and whether more follow. One item more is asked
 * for than shown, since DynamoDB may end a response that happened to reach its Limit with a
 * continuation to an empty page. The caller keeps the anchor case, not the index key: the key holds
 * the kana, which no cursor may (ADR 0021).
 */
export const readCaseloadPageByKana = async (
  tenantId: string,
  officeId: string,
  limit: number,
  after: Pick<CaseRecord, 'caseId' | 'personKana'> | undefined,
): Promise<{ items: CaseRecord[]; more: boolean }> => {
  const startKey = after && {
    ...keys.caseItem(tenantId, after.caseId),
    ...keys.caseByOffice(tenantId, officeId, after.personKana, after.caseId),
  };
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(
    { ...officeKanaIndex(tenantId, officeId), Limit: limit + 1 },
    startKey,
  )) {
    items.push(...(page.Items ?? []));
    if (items.length > limit) break;
  }
  return { items: items.slice(0, limit).map((item) => CaseRecord.parse(item)), more: items.length > limit };
};

/**
 * How many cases one office holds, counted by DynamoDB (`Select: COUNT`: no item comes back), to
 * just past CASELOAD_READ_LIMIT: the list is truncated beyond it, however far beyond.
 */
export const countCaseload = async (tenantId: string, officeId: string): Promise<number> => {
  let count = 0;
  for await (const page of queryPages({
    ...officeKanaIndex(tenantId, officeId),
    Select: 'COUNT',
    Limit: CASELOAD_READ_LIMIT + 1,
  })) {
    count += page.Count ?? 0;
    if (count > CASELOAD_READ_LIMIT) break;
  }
  return count;
};

/** Cases by id, in the order asked (one BatchGet per 100); a case gone meanwhile is left out. */
export const getCasesByIds = async (tenantId: string, caseIds: readonly string[]): Promise<CaseRecord[]> => {
  const found = new Map<string, CaseRecord>();
  for (let start = 0; start < caseIds.length; start += 100) {
    let pending: Record<string, unknown>[] = caseIds
      .slice(start, start + 100)
      .map((caseId) => ({ ...keys.caseItem(tenantId, caseId) }));
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt > 5) throw new Error('BatchGet kept unprocessed keys');
      const result = await db().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }),
      );
      for (const item of result.Responses?.[tableName()] ?? []) {
        const record = CaseRecord.parse(item);
        found.set(record.caseId, record);
      }
      pending = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    }
  }
  return caseIds.flatMap((caseId) => {
    const record = found.get(caseId);
    return record ? [record] : [];
  });
};

/**
 * The cases of one office whose person has the same kana (normalised) and birth date (ADR 0025):
 * one Query of that office's partition of the kana index — never another office's — from the
 * first letter of the reading, filtered on the birth date in DynamoDB and on the reading here.
 */
export const findLikelyDuplicateCases = async (
  tenantId: string,
  officeId: string,
  person: { kana: string; birthDate: string },
): Promise<CaseRecord[]> => {
  const first = kanaForComparison(person.kana).charAt(0);
  if (!first) return [];
  const index = TABLE_INDEXES.casesByOffice;
  const items = await queryAll({
    IndexName: index.indexName,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :first)',
    FilterExpression: 'birthDate = :birthDate',
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
    ExpressionAttributeValues: {
      ':pk': keys.caseByOffice(tenantId, officeId).gsi1pk,
      ':first': first,
      ':birthDate': person.birthDate,
    },
  });
  return items
    .map((item) => CaseRecord.parse(item))
    .filter(
      (record) =>
        record.officeId === officeId &&
        isLikelySamePerson({ kana: record.personKana, birthDate: record.birthDate }, person),
    );
};

export const listCasesOfTenant = (
  tenantId: string,
  limit: number,
  cursor?: string,
  officeId?: string,
  assignedTo?: string,
) => {
  const { gsi2pk, gsi2sk } = keys.caseByTenant(tenantId, officeId ?? '');
  return queryCases(TABLE_INDEXES.casesByTenant, { gsi2pk }, gsi2sk, limit, cursor, assignedTo);
};

export interface CreateCaseCommand {
  write: WriteContext;
  record: CaseRecord;
  person: Person;
  /** The person's case link and recipient-number lookup (data/person-store.ts personIndexItems). */
  personIndexItems: Record<string, unknown>[];
  /** The claim of the person's 受給者証番号 (data/person-store.ts claimRecipientNumber, ADR 0025). */
  recipientClaim: TransactItem[];
  idempotency: Idempotency | null;
  /** The response to store for replays of the same Idempotency-Key. */
  response: StoredResponse;
}

/**
 * Person, case, audit entries and idempotency record in one transaction: either all exist or none.
 * Returns the first response when this is a retry of the same Idempotency-Key.
 */
export const createCase = ({
  write,
  record,
  person,
  personIndexItems,
  recipientClaim,
  idempotency,
  response,
}: CreateCaseCommand) =>
  writeTransaction(
    write,
    [
      putNew(personItem(write.ctx.tenantId, person)),
      ...caseWriteItems([{ record, previous: null }]),
      ...personIndexItems.map(putNew),
      ...recipientClaim,
    ],
    [
      { action: 'create', recordType: 'person', recordId: person.personId, recordOfficeId: record.officeId },
      { action: 'create', recordType: 'case', recordId: record.caseId, recordOfficeId: record.officeId },
    ],
    { idempotency, response },
  );
