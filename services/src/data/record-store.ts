import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  AnonymousConsultation,
  Assessment,
  AssessmentSummary,
  Consultation,
  Meeting,
  OpenAssignment,
  Plan,
  PlanSummary,
  SupportCategory,
  TABLE_INDEXES,
  keys,
  upgradeLegacyPlan,
  type CaseRecordKind,
  type PhaseChange,
} from '@kikan/shared';
import * as z from 'zod';
import type { Idempotency } from '../kernel/idempotency.ts';
import { CaseRecord, caseItemsBesideRecords, caseWriteItems } from './case-store.ts';
import { cycleRecordItem } from './cycle-store.ts';
import { db, tableName } from './client.ts';
import type { StoredResponse } from './idempotency.ts';
import { queryAll, queryFilteredPage, queryPage, type Page, type Query } from './paging.ts';
import { personIndexItems } from './person-store.ts';
import {
  putIfVersion,
  putNew,
  whileAbsent,
  writeTransaction,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * Plans, meetings and consultations live in their case's partition (`<KIND>#…`); anonymous
 * consultations and open role assignments in their office's. Items carry `kind` so the case
 * timeline can tell them apart without parsing their content.
 */

export interface CreateRecord {
  write: WriteContext;
  /**
   * The case the record belongs to, as read for this write: rewritten beside the record (its
   * version and last record day), so nothing computed from the case as it was misses the record.
   */
  caseRecord: CaseRecord;
  idempotency: Idempotency | null;
  response: StoredResponse;
}

const recordItem = (tenantId: string, caseId: string, kind: CaseRecordKind, sortPart: string) => ({
  ...keys.caseRecord(tenantId, caseId, kind, sortPart),
  entity: kind.toLowerCase(),
  kind,
});

const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, kind: _kind, ...rest } = item;
  return rest;
};

const getItem = async (key: { pk: string; sk: string }) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

const stringKeyOf = (item: Record<string, unknown>, names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, String(item[name])]));

// ── Cases ─────────────────────────────────────────────────────────────────────

/**
 * A strongly consistent read for a write: the write is computed from this version and made only at
 * it, so an eventually consistent (older) read would cost the caller a needless 412.
 */
export const getCaseForWrite = async (tenantId: string, caseId: string): Promise<CaseRecord | null> => {
  const item = await getItem(keys.caseItem(tenantId, caseId));
  return item ? CaseRecord.parse(item) : null;
};

/**
 * Cases by id (BatchGet, retrying what DynamoDB leaves unprocessed); missing ids are absent.
 * `forWrite` reads strongly consistent, for cases about to be written at the version read.
 */
export const getCasesByIds = async (
  tenantId: string,
  caseIds: string[],
  forWrite = false,
): Promise<Map<string, CaseRecord>> => {
  const found = new Map<string, CaseRecord>();
  const unique = [...new Set(caseIds)];
  for (let start = 0; start < unique.length; start += 100) {
    let pending: Record<string, unknown>[] = unique
      .slice(start, start + 100)
      .map((caseId) => ({ ...keys.caseItem(tenantId, caseId) }));
    for (let attempt = 0; pending.length; attempt += 1) {
      if (attempt > 5) throw new Error('BatchGet kept unprocessed keys');
      const result = await db().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: forWrite } } }),
      );
      for (const item of result.Responses?.[tableName()] ?? []) {
        const record = CaseRecord.parse(item);
        found.set(record.caseId, record);
      }
      pending = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    }
  }
  return found;
};

export interface OfficeCaseSearch {
  /**
   * Kana order for the office's own staff, with a prefix of the office index's sort key
   * (`<kana>#<caseId>`) to narrow the read; case-code order for lists that may be pseudonymised,
   * whose order must reveal nothing of the person (SECURITY.md row 23).
   */
  order: { by: 'kana'; prefix: string } | { by: 'caseCode' };
  matches: (record: CaseRecord) => boolean;
  limit: number;
  cursor: string | undefined;
  /** Cases read per request at most: a page may end short, with a cursor to read on. */
  maxRead: number;
}

/** The index, partition and sort-key prefix that read one office's cases in the order asked for. */
const officeCasesRange = (tenantId: string, officeId: string, order: OfficeCaseSearch['order']) => {
  if (order.by === 'kana') {
    const { gsi1pk } = keys.caseByOffice(tenantId, officeId);
    return { index: TABLE_INDEXES.casesByOffice, partition: gsi1pk, prefix: order.prefix };
  }
  const { gsi2pk, gsi2sk } = keys.caseByTenant(tenantId, officeId);
  return { index: TABLE_INDEXES.casesByTenant, partition: gsi2pk, prefix: gsi2sk };
};

/**
 * Reads an office's cases in the order asked for and keeps those that match. The cursor is the key
 * of the last case read (or returned), so the next page starts right after it whatever was
 * filtered out.
 */
export const findCasesOfOffice = async (
  tenantId: string,
  officeId: string,
  search: OfficeCaseSearch,
): Promise<Page<CaseRecord>> => {
  const { index, partition, prefix } = officeCasesRange(tenantId, officeId, search.order);
  const keyNames = ['pk', 'sk', index.partitionKey, index.sortKey];
  return queryFilteredPage(
    {
      query: {
        IndexName: index.indexName,
        KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: {
          '#pk': index.partitionKey,
          ...(prefix ? { '#sk': index.sortKey } : {}),
        },
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(prefix ? { ':prefix': prefix } : {}),
        },
      },
      parse: (item) => CaseRecord.parse(item),
      matches: search.matches,
      limit: search.limit,
      maxRead: search.maxRead,
      batch: 100,
      keyOf: (item) => stringKeyOf(item, keyNames),
    },
    { cursor: search.cursor, partition: { [index.partitionKey]: partition } },
  );
};

// ── Plans ─────────────────────────────────────────────────────────────────────
/** Zero-padded so the sort key orders versions numerically: PLAN#000002 before PLAN#000010. */
const planSortPart = (planVersion: number) => String(planVersion).padStart(6, '0');

export const planItem = (tenantId: string, plan: Plan) => ({
  ...recordItem(tenantId, plan.caseId, 'PLAN', planSortPart(plan.planVersion)),
  ...plan,
});

export const getPlan = async (
  tenantId: string,
  caseId: string,
  planVersion: number,
): Promise<Plan | null> => {
  const item = await getItem(keys.caseRecord(tenantId, caseId, 'PLAN', planSortPart(planVersion)));
  return item ? Plan.parse(upgradeLegacyPlan(withoutKeys(item))) : null;
};

const plansQuery = (tenantId: string, caseId: string, limit: number): Query => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': keys.caseItem(tenantId, caseId).pk, ':prefix': 'PLAN#' },
  // Summaries only: a plan's content can be tens of kilobytes.
  ProjectionExpression:
    'pk, sk, recordId, caseId, planVersion, #status, createdOn, consentOn, finalizedAt, version, createdAt, createdBy, updatedAt',
  ExpressionAttributeNames: { '#status': 'status' },
  ScanIndexForward: false,
  Limit: limit,
  ConsistentRead: true,
});

const toPlanSummary = (item: Record<string, unknown>) => PlanSummary.parse(withoutKeys(item));

/** The newest version number, 0 when the case has no plan yet. */
export const latestPlanVersion = async (tenantId: string, caseId: string): Promise<number> => {
  const { pk } = keys.caseItem(tenantId, caseId);
  const newest = await queryPage(
    plansQuery(tenantId, caseId, 1),
    { cursor: undefined, partition: { pk } },
    toPlanSummary,
  );
  return newest.items[0]?.planVersion ?? 0;
};

/** Versions newest first. */
export const listPlans = (
  tenantId: string,
  caseId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<PlanSummary>> => {
  const { pk } = keys.caseItem(tenantId, caseId);
  return queryPage(plansQuery(tenantId, caseId, limit), { cursor, partition: { pk } }, toPlanSummary);
};

/** A new version never replaces one: two drafts racing for the same number leave one (409). */
export const createPlan = ({
  write,
  caseRecord,
  idempotency,
  response,
  plan,
}: CreateRecord & { plan: Plan }) => {
  const item = planItem(write.ctx.tenantId, plan);
  return writeTransaction(
    write,
    [putNew(item), ...caseItemsBesideRecords(write, caseRecord, [item])],
    [{ action: 'create', recordType: 'plan', recordId: plan.recordId, recordOfficeId: caseRecord.officeId }],
    { idempotency, response },
  );
};

export const updatePlan = (
  write: WriteContext,
  caseRecord: CaseRecord,
  plan: Plan,
  expectedVersion: number,
) => {
  const item = planItem(write.ctx.tenantId, plan);
  return writeTransaction(
    write,
    [
      putIfVersion(item, expectedVersion),
      // A 計画案 under the municipality's review is what it reviews (ADR 0043).
      whileAbsent(keys.submissionLock(write.ctx.tenantId, plan.caseId, plan.recordId)),
      ...caseItemsBesideRecords(write, caseRecord, [item]),
    ],
    [{ action: 'update', recordType: 'plan', recordId: plan.recordId, recordOfficeId: caseRecord.officeId }],
  );
};

/** The final plan and the case's current plan version move together. */
export const finalizePlan = ({
  write,
  idempotency,
  response,
  plan,
  expectedVersion,
  caseRecord,
  previousCase,
}: Omit<CreateRecord, 'caseRecord'> & {
  plan: Plan;
  expectedVersion: number;
  caseRecord: CaseRecord;
  /** The case as read: it is written only at that version. */
  previousCase: CaseRecord;
}) => {
  const item = planItem(write.ctx.tenantId, plan);
  return writeTransaction(
    write,
    [
      putIfVersion(item, expectedVersion),
      whileAbsent(keys.submissionLock(write.ctx.tenantId, plan.caseId, plan.recordId)),
      ...caseWriteItems([
        { record: caseRecord, previous: previousCase, onStale: 'conflict', records: [item] },
      ]),
    ],
    [
      { action: 'update', recordType: 'plan', recordId: plan.recordId, recordOfficeId: caseRecord.officeId },
      {
        action: 'update',
        recordType: 'case',
        recordId: caseRecord.caseId,
        recordOfficeId: caseRecord.officeId,
      },
    ],
    { idempotency, response },
  );
};

// ── Assessments ───────────────────────────────────────────────────────────────
/** Zero-padded like plan versions: ASSESSMENT#000002 before ASSESSMENT#000010. */
const assessmentSortPart = (assessmentVersion: number) => String(assessmentVersion).padStart(6, '0');

export const assessmentItem = (tenantId: string, assessment: Assessment) => ({
  ...recordItem(tenantId, assessment.caseId, 'ASSESSMENT', assessmentSortPart(assessment.assessmentVersion)),
  ...assessment,
});

export const getAssessment = async (
  tenantId: string,
  caseId: string,
  assessmentVersion: number,
): Promise<Assessment | null> => {
  const item = await getItem(
    keys.caseRecord(tenantId, caseId, 'ASSESSMENT', assessmentSortPart(assessmentVersion)),
  );
  return item ? Assessment.parse(withoutKeys(item)) : null;
};

const assessmentsQuery = (tenantId: string, caseId: string, limit: number): Query => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': keys.caseItem(tenantId, caseId).pk, ':prefix': 'ASSESSMENT#' },
  // Summaries only: an assessment's free text can be tens of kilobytes.
  ProjectionExpression:
    'pk, sk, recordId, caseId, assessmentVersion, #status, conductedOn, finalizedAt, version, createdAt, createdBy, updatedAt',
  ExpressionAttributeNames: { '#status': 'status' },
  ScanIndexForward: false,
  Limit: limit,
  ConsistentRead: true,
});

const toAssessmentSummary = (item: Record<string, unknown>) => AssessmentSummary.parse(withoutKeys(item));

/** The newest version number, 0 when the case has no assessment yet. */
export const latestAssessmentVersion = async (tenantId: string, caseId: string): Promise<number> => {
  const { pk } = keys.caseItem(tenantId, caseId);
  const newest = await queryPage(
    assessmentsQuery(tenantId, caseId, 1),
    { cursor: undefined, partition: { pk } },
    toAssessmentSummary,
  );
  return newest.items[0]?.assessmentVersion ?? 0;
};

/** Versions newest first. */
export const listAssessments = (
  tenantId: string,
  caseId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<AssessmentSummary>> => {
  const { pk } = keys.caseItem(tenantId, caseId);
  return queryPage(
    assessmentsQuery(tenantId, caseId, limit),
    { cursor, partition: { pk } },
    toAssessmentSummary,
  );
};

const assessmentAudit = (action: 'create' | 'update', assessment: Assessment, caseRecord: CaseRecord) => ({
  action,
  recordType: 'assessment' as const,
  recordId: assessment.recordId,
  recordOfficeId: caseRecord.officeId,
});

/** A new version never replaces one: two drafts racing for the same number leave one (409). */
export const createAssessment = ({
  write,
  caseRecord,
  idempotency,
  response,
  assessment,
}: CreateRecord & { assessment: Assessment }) => {
  const item = assessmentItem(write.ctx.tenantId, assessment);
  return writeTransaction(
    write,
    [putNew(item), ...caseItemsBesideRecords(write, caseRecord, [item])],
    [assessmentAudit('create', assessment, caseRecord)],
    { idempotency, response },
  );
};

/** A rewrite of a draft, or its finalisation (idempotent: a retried finalise replays its answer). */
export const updateAssessment = ({
  write,
  caseRecord,
  assessment,
  expectedVersion,
  replay,
}: {
  write: WriteContext;
  caseRecord: CaseRecord;
  assessment: Assessment;
  expectedVersion: number;
  replay?: { idempotency: Idempotency | null; response: StoredResponse };
}) => {
  const item = assessmentItem(write.ctx.tenantId, assessment);
  return writeTransaction(
    write,
    [putIfVersion(item, expectedVersion), ...caseItemsBesideRecords(write, caseRecord, [item])],
    [assessmentAudit('update', assessment, caseRecord)],
    replay,
  );
};

// ── Meetings and role assignments ─────────────────────────────────────────────
export const meetingItem = (tenantId: string, meeting: Meeting) => ({
  ...recordItem(tenantId, meeting.caseId, 'MEETING', meeting.recordId),
  ...meeting,
});

/** An open assignment as stored: the shared view's fields that are not looked up when listed. */
export const OpenAssignmentItem = z.object(OpenAssignment.shape).pick({
  assignmentId: true,
  meetingId: true,
  caseId: true,
  heldOn: true,
  who: true,
  organisation: true,
  what: true,
  dueOn: true,
});
export type OpenAssignmentItem = z.infer<typeof OpenAssignmentItem>;

/**
 * The office's list of assignments not yet done, one item each, sorted by due date: written with
 * the meeting, deleted when the assignment is done, so the list is one Query with no index.
 */
export const openAssignmentItem = (
  tenantId: string,
  officeId: string,
  meeting: Meeting,
  assignment: Meeting['assignments'][number],
) => ({
  ...keys.openAssignment(tenantId, officeId, assignment.dueOn, assignment.assignmentId),
  entity: 'open_assignment',
  assignmentId: assignment.assignmentId,
  meetingId: meeting.recordId,
  caseId: meeting.caseId,
  heldOn: meeting.heldOn,
  who: assignment.who,
  organisation: assignment.organisation,
  what: assignment.what,
  dueOn: assignment.dueOn,
});

export const getMeeting = async (
  tenantId: string,
  caseId: string,
  meetingId: string,
): Promise<Meeting | null> => {
  const item = await getItem(keys.caseRecord(tenantId, caseId, 'MEETING', meetingId));
  return item ? Meeting.parse(withoutKeys(item)) : null;
};

export const createMeeting = ({
  write,
  caseRecord,
  idempotency,
  response,
  meeting,
}: CreateRecord & { meeting: Meeting }) => {
  const { officeId } = caseRecord;
  const item = meetingItem(write.ctx.tenantId, meeting);
  return writeTransaction(
    write,
    [
      putNew(item),
      ...meeting.assignments
        .filter((assignment) => !assignment.doneOn)
        .map((assignment) => putNew(openAssignmentItem(write.ctx.tenantId, officeId, meeting, assignment))),
      ...caseItemsBesideRecords(write, caseRecord, [item]),
    ],
    [{ action: 'create', recordType: 'meeting', recordId: meeting.recordId, recordOfficeId: officeId }],
    { idempotency, response },
  );
};

export const completeAssignment = ({
  write,
  caseRecord,
  idempotency,
  response,
  meeting,
  expectedVersion,
  assignment,
}: CreateRecord & {
  meeting: Meeting;
  expectedVersion: number;
  assignment: Meeting['assignments'][number];
}) => {
  const { officeId } = caseRecord;
  const done: TransactItem = {
    Delete: {
      TableName: tableName(),
      Key: keys.openAssignment(write.ctx.tenantId, officeId, assignment.dueOn, assignment.assignmentId),
    },
  };
  const item = meetingItem(write.ctx.tenantId, meeting);
  return writeTransaction(
    write,
    [putIfVersion(item, expectedVersion), done, ...caseItemsBesideRecords(write, caseRecord, [item])],
    [{ action: 'update', recordType: 'meeting', recordId: meeting.recordId, recordOfficeId: officeId }],
    { idempotency, response },
  );
};

/** Due date first: overdue assignments lead. */
export const listOpenAssignments = (
  tenantId: string,
  officeId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<OpenAssignmentItem>> => {
  const { pk } = keys.openAssignment(tenantId, officeId);
  return queryPage(
    { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Limit: limit },
    { cursor, partition: { pk } },
    (item) => OpenAssignmentItem.parse(item),
  );
};

// ── Consultation records ──────────────────────────────────────────────────────
export const consultationItem = (tenantId: string, consultation: Consultation) => ({
  ...recordItem(tenantId, consultation.caseId, 'CONSULTATION', consultation.recordId),
  ...consultation,
});

export const getConsultation = async (
  tenantId: string,
  caseId: string,
  recordId: string,
): Promise<Consultation | null> => {
  const item = await getItem(keys.caseRecord(tenantId, caseId, 'CONSULTATION', recordId));
  return item ? Consultation.parse(withoutKeys(item)) : null;
};

/**
 * What a consultation counts for in its office's survey figures (ADR 0042): the counted fields and
 * nothing else (no summary, no case), in the office's partition by day, written with the record.
 */
export const consultationTallyItem = (tenantId: string, officeId: string, consultation: Consultation) => ({
  ...keys.consultationTally(tenantId, officeId, consultation.consultedOn, consultation.recordId),
  entity: 'consultation_tally',
  channel: consultation.channel,
  counterpart: consultation.counterpart,
  supportCategories: consultation.supportCategories ?? [],
  minutes: consultation.minutes,
});

export const createConsultation = ({
  write,
  caseRecord,
  idempotency,
  response,
  consultation,
}: CreateRecord & { consultation: Consultation }) => {
  const item = consultationItem(write.ctx.tenantId, consultation);
  return writeTransaction(
    write,
    [
      putNew(item),
      putNew(consultationTallyItem(write.ctx.tenantId, caseRecord.officeId, consultation)),
      ...caseItemsBesideRecords(write, caseRecord, [item]),
    ],
    [
      {
        action: 'create',
        recordType: 'consultation',
        recordId: consultation.recordId,
        recordOfficeId: caseRecord.officeId,
      },
    ],
    { idempotency, response },
  );
};

export const anonymousConsultationItem = (tenantId: string, consultation: AnonymousConsultation) => ({
  ...keys.anonymousConsultation(
    tenantId,
    consultation.officeId,
    consultation.consultedOn,
    consultation.recordId,
  ),
  entity: 'anonymous_consultation',
  ...consultation,
});

export const createAnonymousConsultation = ({
  write,
  idempotency,
  response,
  consultation,
}: Omit<CreateRecord, 'caseRecord'> & { consultation: AnonymousConsultation }) =>
  writeTransaction(
    write,
    [putNew(anonymousConsultationItem(write.ctx.tenantId, consultation))],
    [
      {
        action: 'create',
        recordType: 'consultation',
        recordId: consultation.recordId,
        recordOfficeId: consultation.officeId,
      },
    ],
    { idempotency, response },
  );

const AnonymousCountFields = AnonymousConsultation.pick({
  channel: true,
  counterpart: true,
  topic: true,
  minutes: true,
});
export type AnonymousCountFields = z.infer<typeof AnonymousCountFields>;

/** One office's anonymous consultations of a month (`YYYY-MM`), the counted fields only. */
export const listAnonymousConsultationsOfMonth = async (
  tenantId: string,
  officeId: string,
  month: string,
): Promise<AnonymousCountFields[]> => {
  const { pk } = keys.anonymousConsultation(tenantId, officeId, '', '');
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :month)',
    ExpressionAttributeValues: { ':pk': pk, ':month': `${month}-` },
    ProjectionExpression: 'channel, counterpart, topic, minutes',
  });
  return items.map((item) => AnonymousCountFields.parse(item));
};

const ConsultationCountFields = z.strictObject({
  channel: Consultation.shape.channel,
  counterpart: Consultation.shape.counterpart,
  supportCategories: z.array(SupportCategory),
  minutes: z.number().int(),
});
export type ConsultationCountFields = z.infer<typeof ConsultationCountFields>;

/** One office's consultation records of a month (`YYYY-MM`), the counted fields only. */
export const listConsultationTalliesOfMonth = async (
  tenantId: string,
  officeId: string,
  month: string,
): Promise<ConsultationCountFields[]> => {
  const { pk } = keys.consultationTally(tenantId, officeId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :month)',
    ExpressionAttributeValues: { ':pk': pk, ':month': `${month}-` },
    ProjectionExpression: 'channel, counterpart, supportCategories, minutes',
  });
  return items.map((item) => ConsultationCountFields.parse(item));
};

// ── Transfer at 18 ────────────────────────────────────────────────────────────
/**
 * Closing the child case and opening the adult one is one transaction: both exist linked, or
 * neither changed. The closing case is checked against the version the caller sent (412 if stale).
 */
export const transferCase = ({
  write,
  idempotency,
  response,
  closed,
  previous,
  closure,
  opened,
  recipientNumber,
}: Omit<CreateRecord, 'caseRecord'> & {
  closed: CaseRecord;
  /** The child case as read: it is closed only at that version. */
  previous: CaseRecord;
  /** The closing phase change, so the child case's timeline shows why and when it ended. */
  closure: PhaseChange;
  opened: CaseRecord;
  /** The person's 受給者証番号: the receiving office's search finds the person by it. */
  recipientNumber: string | undefined;
}) => {
  const closing = cycleRecordItem(write.ctx.tenantId, closed.officeId, { kind: 'PHASE', record: closure });
  return writeTransaction(
    write,
    [
      ...caseWriteItems([
        { record: closed, previous, records: [closing] },
        { record: opened, previous: null },
      ]),
      putNew(closing),
      ...personIndexItems(
        write.ctx.tenantId,
        { personId: opened.personId, recipientNumber },
        { caseId: opened.caseId, officeId: opened.officeId },
      ).map((item) =>
        // The lookup may already be there (a transfer within one office): it is the same item.
        item.entity === 'recipient_number' ? { Put: { TableName: tableName(), Item: item } } : putNew(item),
      ),
    ],
    [
      { action: 'update', recordType: 'case', recordId: closed.caseId, recordOfficeId: closed.officeId },
      {
        action: 'create',
        recordType: 'phase_change',
        recordId: closure.recordId,
        recordOfficeId: closed.officeId,
      },
      { action: 'create', recordType: 'case', recordId: opened.caseId, recordOfficeId: opened.officeId },
    ],
    { idempotency, response },
  );
};
