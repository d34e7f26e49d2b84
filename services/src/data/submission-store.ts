import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  InboxRow,
  Submission,
  SubmissionSnapshot,
  keys,
  todayInJapan,
  type InboxPage,
  type SubmissionStatus,
} from '@kikan/shared';
import * as z from 'zod';
import type { AuditEvent } from './audit.ts';
import { caseItemsBesideRecords, type CaseRecord } from './case-store.ts';
import { db, tableName } from './client.ts';
import { queryAll, queryFilteredPage } from './paging.ts';
import {
  SUBMISSION_LOCK_ENTITY,
  putIfVersion,
  putNew,
  whileAtVersion,
  writeTransaction,
  type IdempotentCreate,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * Submissions to the municipality (ADR 0043). Each one is four items written together: the
 * submission with its snapshot (by id: the caseworker's detail), its row in the municipality's
 * inbox of the month, the case's own copy of its status (the office's pages) and, while it waits
 * for review, a lock on the document. Counters and the office's news items feed the notifications.
 */

export const SUBMISSION_ENTITY = 'submission';
const INBOX_ENTITY = 'submission_inbox';
const CASE_COPY_ENTITY = 'submission_case_copy';
const NEWS_ENTITY = 'submission_news';

/** A decision received is news for this long (the office's notification). */
export const DECISION_NEWS_DAYS = 30;

export const StoredSubmission = Submission.extend({
  snapshot: SubmissionSnapshot,
  personId: z.string(),
  /** The case holder when submitted: their notifications count the returns and decisions. */
  specialistUserId: z.string(),
  /** The inbox row's partition: the month (Japan) it was submitted. */
  month: z.string(),
});
export type StoredSubmission = z.infer<typeof StoredSubmission>;

const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, ...rest } = item;
  return rest;
};

export const submissionView = (stored: StoredSubmission): Submission =>
  Submission.parse({
    submissionId: stored.submissionId,
    caseId: stored.caseId,
    officeId: stored.officeId,
    municipalityCode: stored.municipalityCode,
    kind: stored.kind,
    documentId: stored.documentId,
    planVersion: stored.planVersion,
    status: stored.status,
    submittedAt: stored.submittedAt,
    submittedBy: stored.submittedBy,
    reviewedAt: stored.reviewedAt,
    reviewedBy: stored.reviewedBy,
    comment: stored.comment,
    decision: stored.decision,
    version: stored.version,
  });

const mainItem = (tenantId: string, stored: StoredSubmission) => ({
  ...keys.submission(tenantId, stored.submissionId),
  entity: SUBMISSION_ENTITY,
  tenantId,
  ...stored,
});

const inboxItem = (tenantId: string, stored: StoredSubmission) => ({
  ...keys.municipalityInbox(
    tenantId,
    stored.municipalityCode,
    stored.month,
    stored.submittedAt,
    stored.submissionId,
  ),
  entity: INBOX_ENTITY,
  ...InboxRow.parse({
    submissionId: stored.submissionId,
    kind: stored.kind,
    status: stored.status,
    submittedAt: stored.submittedAt,
    officeName: stored.snapshot.officeName,
    personName: stored.snapshot.person.name,
    personKana: stored.snapshot.person.kana,
    decided: stored.decision !== undefined,
  }),
});

const caseCopyKey = (
  tenantId: string,
  stored: Pick<StoredSubmission, 'caseId' | 'submittedAt' | 'submissionId'>,
) => keys.caseSubmission(tenantId, stored.caseId, stored.submittedAt, stored.submissionId);

const caseCopyItem = (tenantId: string, stored: StoredSubmission, submittedOn: string) => ({
  ...caseCopyKey(tenantId, stored),
  entity: CASE_COPY_ENTITY,
  tenantId,
  submittedOn,
  ...submissionView(stored),
});

export const getSubmission = async (
  tenantId: string,
  submissionId: string,
): Promise<StoredSubmission | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.submission(tenantId, submissionId),
      ConsistentRead: true,
    }),
  );
  return Item ? StoredSubmission.parse(withoutKeys(Item)) : null;
};

/** A case's submissions (its own copies of their status), newest first. */
export const listCaseSubmissions = async (tenantId: string, caseId: string): Promise<Submission[]> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: 'entity = :entity',
    ExpressionAttributeValues: {
      ':pk': keys.caseItem(tenantId, caseId).pk,
      ':prefix': 'SUBMISSION#',
      ':entity': CASE_COPY_ENTITY,
    },
    ConsistentRead: true,
    ScanIndexForward: false,
  });
  return items.map((item) => {
    const { officeId, caseId: copyCaseId, ...rest } = withoutKeys(item);
    const { submittedOn: _submittedOn, ...view } = rest;
    return Submission.parse({ ...view, officeId, caseId: copyCaseId });
  });
};

/** Whether a document waits for the municipality's review (then it cannot be edited). */
export const isDocumentLocked = async (
  tenantId: string,
  caseId: string,
  documentId: string,
): Promise<boolean> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.submissionLock(tenantId, caseId, documentId),
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
};

export interface InboxRead {
  tenantId: string;
  municipalityCode: string;
  month: string;
  status: SubmissionStatus | undefined;
  limit: number;
  cursor: string | undefined;
}

/** The inbox rows of one month, newest first, filtered by status as read. */
export const listInbox = (read: InboxRead): Promise<InboxPage> => {
  const { pk } = keys.municipalityInbox(read.tenantId, read.municipalityCode, read.month);
  return queryFilteredPage(
    {
      query: {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
      },
      parse: (item) => InboxRow.parse(withoutKeys(item)),
      matches: read.status === undefined ? undefined : (row) => row.status === read.status,
      limit: read.limit,
      maxRead: 500,
      batch: read.status === undefined ? undefined : 100,
      keyOf: (item) => ({ pk: item.pk, sk: item.sk }),
    },
    { cursor: read.cursor, partition: { pk } },
  );
};

const counterUpdate = (tenantId: string, municipalityCode: string, delta: number): TransactItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.submissionCounter(tenantId, municipalityCode),
    UpdateExpression: 'ADD pending :delta SET entity = :entity',
    ExpressionAttributeValues: { ':delta': delta, ':entity': 'submission_counter' },
  },
});

const deleteItem = (key: { pk: string; sk: string }): TransactItem => ({
  Delete: { TableName: tableName(), Key: key },
});

const returnedNewsKey = (tenantId: string, stored: Pick<StoredSubmission, 'officeId' | 'submissionId'>) =>
  keys.officeSubmissionNews(tenantId, stored.officeId, `RETURNED#${stored.submissionId}`);

export interface NewSubmission {
  write: WriteContext;
  stored: StoredSubmission;
  caseRecord: CaseRecord;
  /** Earlier submissions of the same document that were returned: their news ends now. */
  earlierReturned: readonly Pick<StoredSubmission, 'officeId' | 'submissionId'>[];
  /** Items other features write when a document is submitted (submissions/plan-draft-submitted.ts). */
  alongside: { items: TransactItem[]; audits: AuditEvent[] };
  /** The document as snapshotted: the submission stands only while it is still at that version. */
  documentAt?: { key: { pk: string; sk: string }; version: number };
  create: IdempotentCreate;
}

/** A new submission, its lock, its case copy (with the case item), the counter and its audit. */
export const writeNewSubmission = ({
  write,
  stored,
  caseRecord,
  earlierReturned,
  alongside,
  documentAt,
  create,
}: NewSubmission) => {
  const { tenantId } = write.ctx;
  const copy = caseCopyItem(tenantId, stored, todayInJapan(write.now));
  const lock = {
    ...keys.submissionLock(tenantId, stored.caseId, stored.documentId),
    entity: SUBMISSION_LOCK_ENTITY,
    submissionId: stored.submissionId,
  };
  return writeTransaction(
    write,
    [
      putNew(mainItem(tenantId, stored)),
      putNew(inboxItem(tenantId, stored)),
      putNew(copy),
      putNew(lock),
      ...caseItemsBesideRecords(write, caseRecord, [copy, lock]),
      counterUpdate(tenantId, stored.municipalityCode, 1),
      ...earlierReturned.map((earlier) => deleteItem(returnedNewsKey(tenantId, earlier))),
      ...alongside.items,
      ...(documentAt ? [whileAtVersion(documentAt.key, documentAt.version)] : []),
    ],
    [
      {
        action: 'create',
        recordType: 'submission',
        recordId: stored.submissionId,
        recordOfficeId: stored.officeId,
      },
      ...alongside.audits,
    ],
    create,
  );
};

/** The status a review changed, on the inbox row and the case copy (both updated in place). */
const statusUpdates = (tenantId: string, after: StoredSubmission): TransactItem[] => {
  const optional = {
    reviewedAt: after.reviewedAt,
    reviewedBy: after.reviewedBy,
    comment: after.comment,
    decision: after.decision,
  };
  const present = Object.entries(optional).filter(([, value]) => value !== undefined);
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.municipalityInbox(
          tenantId,
          after.municipalityCode,
          after.month,
          after.submittedAt,
          after.submissionId,
        ),
        UpdateExpression: 'SET #status = :status, decided = :decided',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': after.status, ':decided': after.decision !== undefined },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: caseCopyKey(tenantId, after),
        UpdateExpression: [
          'SET #status = :status, version = :version',
          ...present.map(([name]) => `#${name} = :${name}`),
        ].join(', '),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: {
          '#status': 'status',
          ...Object.fromEntries(present.map(([name]) => [`#${name}`, name])),
        },
        ExpressionAttributeValues: {
          ':status': after.status,
          ':version': after.version,
          ...Object.fromEntries(present.map(([name, value]) => [`:${name}`, value])),
        },
      },
    },
  ];
};

const reviewAudit = (stored: StoredSubmission): AuditEvent => ({
  action: 'update',
  recordType: 'submission',
  recordId: stored.submissionId,
  recordOfficeId: stored.officeId,
});

/** 受理 or 差戻し: the submission at the version read, its copies, the lock and the counter. */
export const writeReview = (write: WriteContext, before: StoredSubmission, after: StoredSubmission) => {
  const { tenantId } = write.ctx;
  const news =
    after.status === 'returned'
      ? [
          putNew({
            ...returnedNewsKey(tenantId, after),
            entity: NEWS_ENTITY,
            specialistUserId: after.specialistUserId,
            caseId: after.caseId,
            at: after.reviewedAt,
          }),
        ]
      : [];
  return writeTransaction(
    write,
    [
      putIfVersion(mainItem(tenantId, after), before.version),
      ...statusUpdates(tenantId, after),
      deleteItem(keys.submissionLock(tenantId, after.caseId, after.documentId)),
      counterUpdate(tenantId, after.municipalityCode, -1),
      ...news,
    ],
    [reviewAudit(after)],
  );
};

/**
 * What a decision recorded on a submission writes beside the case change (cycle-store.ts
 * writeCaseChange): the submission holding the decision, its copies, and the office's news.
 */
export const decisionAlongside = (
  tenantId: string,
  before: StoredSubmission,
  after: StoredSubmission,
  now: Date,
): { items: TransactItem[]; audits: AuditEvent[] } => ({
  items: [
    putIfVersion(mainItem(tenantId, after), before.version),
    ...statusUpdates(tenantId, after),
    putNew({
      ...keys.officeSubmissionNews(
        tenantId,
        after.officeId,
        `DECIDED#${now.toISOString()}#${after.submissionId}`,
      ),
      entity: NEWS_ENTITY,
      specialistUserId: after.specialistUserId,
      caseId: after.caseId,
      at: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + DECISION_NEWS_DAYS * 86_400,
    }),
  ],
  audits: [reviewAudit(after)],
});

/** Submissions awaiting review at one municipality: one GetItem. */
export const readPendingCount = async (tenantId: string, municipalityCode: string): Promise<number> => {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.submissionCounter(tenantId, municipalityCode) }),
  );
  const pending = z.number().int().safeParse(Item?.pending);
  return pending.success ? Math.max(0, pending.data) : 0;
};

const NewsRow = z.object({
  sk: z.string(),
  specialistUserId: z.string(),
  caseId: z.string(),
  at: z.string(),
});
export type NewsRow = z.infer<typeof NewsRow>;

/** The office's returned submissions and the decisions received lately: one Query of a small partition. */
export const readOfficeNews = async (tenantId: string, officeId: string): Promise<NewsRow[]> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ProjectionExpression: 'sk, specialistUserId, caseId, #at',
    ExpressionAttributeNames: { '#at': 'at' },
    ExpressionAttributeValues: { ':pk': keys.officeSubmissionNews(tenantId, officeId).pk },
  });
  return items.map((item) => NewsRow.parse(item));
};

/** One monitoring record of a case by its id (a case has a few a year: its MONITORING items are read). */
export const findMonitoring = async (
  tenantId: string,
  caseId: string,
  recordId: string,
): Promise<Record<string, unknown> | null> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    FilterExpression: 'recordId = :recordId',
    ExpressionAttributeValues: {
      ':pk': keys.caseItem(tenantId, caseId).pk,
      ':prefix': 'MONITORING#',
      ':recordId': recordId,
    },
    ConsistentRead: true,
  });
  const [item] = items;
  if (!item) return null;
  const { pk: _pk, sk: _sk, entity: _entity, tenantId: _tenantId, officeId: _officeId, ...monitoring } = item;
  return monitoring;
};
