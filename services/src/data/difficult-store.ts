import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  CaseId,
  DifficultStatus,
  DifficultyFile,
  EntityId,
  IsoDate,
  OVERDUE_REVIEW_LIMIT,
  SharingBasis,
  SupportMeeting,
  UserId,
  keys,
  type ConsentView,
} from '@kikan/shared';
import * as z from 'zod';
import type { Idempotency } from '../kernel/idempotency.ts';
import type { AuditEvent } from './audit.ts';
import { caseItemsBesideRecords, caseWriteItems, type CaseRecord } from './case-store.ts';
import type { DerivedWrites } from './ledger-store.ts';
import { db, tableName } from './client.ts';
import type { StoredResponse } from './idempotency.ts';
import { queryAll, queryPage, queryPages, type Page } from './paging.ts';
import { consentItem } from './person-store.ts';
import {
  putIfVersion,
  putNew,
  writeTransaction,
  type IdempotentCreate,
  type TransactItem,
  type WriteContext,
} from './transaction.ts';

/**
 * The core center's file on a case, kept in the case's partition: the difficulty file of the
 * current episode (`DIFFICULTY#FILE`), earlier closed episodes (`DIFFICULTY#EPISODE#…`), support
 * meetings (`DIFFICULTY#MEETING#<heldOn>#<id>`) and the history of sharing with the core center
 * (`SHARING#<at>#<id>`). Beside them, one board item per difficult case in the tenant's
 * `DIFFICULT` partition, moved with its status, so the board never reads every case.
 */

const FILE_SORT = 'FILE';

// ── Items ─────────────────────────────────────────────────────────────────────
export const difficultyFileItem = (tenantId: string, file: DifficultyFile) => ({
  ...keys.caseRecord(tenantId, file.caseId, 'DIFFICULTY', FILE_SORT),
  entity: 'difficulty',
  kind: 'DIFFICULTY',
  tenantId,
  ...file,
});

/** A closed episode, kept when the case is flagged again. */
const closedEpisodeItem = (tenantId: string, file: DifficultyFile) => ({
  ...keys.caseRecord(
    tenantId,
    file.caseId,
    'DIFFICULTY',
    `EPISODE#${file.closure?.approvedOn ?? file.flaggedOn}#${file.episodeId}`,
  ),
  entity: 'difficulty_episode',
  kind: 'DIFFICULTY',
  tenantId,
  ...file,
});

export const supportMeetingItem = (tenantId: string, meeting: SupportMeeting) => ({
  ...keys.caseRecord(
    tenantId,
    meeting.caseId,
    'DIFFICULTY',
    `MEETING#${meeting.heldOn}#${meeting.meetingId}`,
  ),
  entity: 'support_meeting',
  kind: 'DIFFICULTY',
  tenantId,
  ...meeting,
});

/** One change of whether the core center sees a case in full, and why. */
export const SharingEvent = z.object({
  recordId: EntityId,
  caseId: CaseId,
  event: z.enum(['shared', 'unshared']),
  basis: SharingBasis,
  /** shared: the supervision topic or escalation; unshared: why it ended (no free text). */
  reason: z.string(),
  on: IsoDate,
  createdAt: z.iso.datetime(),
  createdBy: UserId,
});
export type SharingEvent = z.infer<typeof SharingEvent>;

export const sharingItem = (tenantId: string, sharing: SharingEvent) => ({
  ...keys.caseRecord(tenantId, sharing.caseId, 'SHARING', `${sharing.createdAt}#${sharing.recordId}`),
  entity: 'sharing',
  kind: 'SHARING',
  tenantId,
  ...sharing,
});

/** A board row: the file's status, categories and dates only — the board never carries free text. */
export const BoardEntry = z.object(DifficultyFile.shape).pick({
  caseId: true,
  officeId: true,
  status: true,
  categories: true,
  flaggedOn: true,
  nextReviewOn: true,
});
export type BoardEntry = z.infer<typeof BoardEntry>;

export const boardEntryOf = (file: DifficultyFile): BoardEntry => ({
  caseId: file.caseId,
  officeId: file.officeId,
  status: file.status,
  categories: file.categories,
  flaggedOn: file.flaggedOn,
  ...(file.nextReviewOn ? { nextReviewOn: file.nextReviewOn } : {}),
});

export const boardItem = (tenantId: string, entry: BoardEntry) => ({
  ...keys.difficultBoard(tenantId, entry.status, entry.officeId, entry.caseId),
  entity: 'difficult_board',
  ...entry,
});

const withoutKeys = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, entity: _entity, kind: _kind, tenantId: _tenantId, ...rest } = item;
  return rest;
};

// ── Writes ────────────────────────────────────────────────────────────────────
/**
 * The file is written only at the revision it was read at. Every status move also writes the case
 * at the client's version (412 with the case's ETag); a file changed meanwhile is a 409 to retry.
 */
const putFile = (tenantId: string, file: DifficultyFile, previous: DifficultyFile | null): TransactItem =>
  previous
    ? {
        Put: {
          TableName: tableName(),
          Item: difficultyFileItem(tenantId, file),
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeValues: { ':revision': previous.revision },
        },
      }
    : putNew(difficultyFileItem(tenantId, file));

/** The board item follows the status (its key): the old one goes when the status changes. */
const boardMove = (
  tenantId: string,
  previous: DifficultyFile | null,
  file: DifficultyFile,
): TransactItem[] => {
  const next = boardItem(tenantId, boardEntryOf(file));
  const old = previous
    ? keys.difficultBoard(tenantId, previous.status, previous.officeId, previous.caseId)
    : null;
  const moved = old !== null && old.sk !== next.sk;
  return [
    ...(moved ? [{ Delete: { TableName: tableName(), Key: old } }] : []),
    { Put: { TableName: tableName(), Item: next } },
  ];
};

/**
 * Sharing that rests on consent is written only while the consent is still granted: a revocation
 * committed between the check and this write cancels the write instead of sharing without consent.
 */
const consentStillGranted = (tenantId: string, personId: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.consent(tenantId, personId, 'core_supervision'),
    ConditionExpression: '#status = :granted',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':granted': 'granted' },
  },
});

export interface DifficultyWrite {
  write: WriteContext;
  /**
   * The case after the move and as read (written only at that version). A write that is not a
   * status move (a support meeting) gives the case as read: it is rewritten beside the file.
   */
  caseWrite: { record: CaseRecord; previous: CaseRecord } | { previous: CaseRecord };
  file: DifficultyFile;
  /** The file as read; null for the case's first episode. */
  previousFile: DifficultyFile | null;
  /** A closed episode moved aside when the case is flagged again. */
  archived?: DifficultyFile;
  meeting?: SupportMeeting;
  /** The ledger event a support meeting produces (ADR 0027). */
  derived?: DerivedWrites;
  sharing?: SharingEvent;
  /** The person whose consent the sharing rests on. */
  consentOf?: string;
  audits: AuditEvent[];
  create: IdempotentCreate;
}

/** The case, its difficulty file, the board item and what the move adds, in one transaction. */
export const writeDifficulty = ({
  write,
  caseWrite,
  file,
  previousFile,
  archived,
  meeting,
  derived,
  sharing,
  consentOf,
  audits,
  create,
}: DifficultyWrite) => {
  const tenantId = write.ctx.tenantId;
  const added = [
    ...(archived ? [closedEpisodeItem(tenantId, archived)] : []),
    ...(meeting ? [supportMeetingItem(tenantId, meeting)] : []),
    ...(sharing ? [sharingItem(tenantId, sharing)] : []),
  ];
  const records = [difficultyFileItem(tenantId, file), ...added];
  return writeTransaction(
    write,
    [
      ...('record' in caseWrite
        ? caseWriteItems([{ record: caseWrite.record, previous: caseWrite.previous, records }])
        : caseItemsBesideRecords(write, caseWrite.previous, records)),
      putFile(tenantId, file, previousFile),
      ...boardMove(tenantId, previousFile, file),
      ...added.map(putNew),
      ...(consentOf ? [consentStillGranted(tenantId, consentOf)] : []),
      ...(derived?.items ?? []),
    ],
    [...audits, ...(derived?.audits ?? [])],
    create,
  );
};

/** A supervision request: the case shared and the sharing event, while the consent holds. */
export const writeSupervisionRequest = ({
  write,
  record,
  previous,
  sharing,
  create,
}: {
  write: WriteContext;
  record: CaseRecord;
  previous: CaseRecord;
  sharing: SharingEvent;
  create: IdempotentCreate;
}) =>
  writeTransaction(
    write,
    [
      ...caseWriteItems([{ record, previous, records: [sharingItem(write.ctx.tenantId, sharing)] }]),
      putNew(sharingItem(write.ctx.tenantId, sharing)),
      consentStillGranted(write.ctx.tenantId, record.personId),
    ],
    [
      { action: 'update', recordType: 'case', recordId: record.caseId, recordOfficeId: record.officeId },
      {
        action: 'create',
        recordType: 'sharing',
        recordId: sharing.recordId,
        recordOfficeId: record.officeId,
      },
    ],
    create,
  );

export interface ConsentRevocation {
  write: WriteContext;
  personId: string;
  consent: ConsentView;
  expectedVersion: number;
  /** The person's cases the revocation hides again, each with its sharing event. */
  unshared: { record: CaseRecord; previous: CaseRecord; sharing: SharingEvent }[];
  idempotency: Idempotency | null;
  response: StoredResponse;
}

/**
 * A revoked consent to sharing with the core center and every case it hid again, in one
 * transaction: the consent is never revoked while a case it allowed stays shared. A case changed
 * meanwhile cancels the whole write (409 to retry).
 */
export const revokeSharingConsent = ({
  write,
  personId,
  consent,
  expectedVersion,
  unshared,
  idempotency,
  response,
}: ConsentRevocation) => {
  const tenantId = write.ctx.tenantId;
  return writeTransaction(
    write,
    [
      putIfVersion(consentItem(tenantId, personId, consent), expectedVersion),
      ...caseWriteItems(
        unshared.map(({ record, previous, sharing }) => ({
          record,
          previous,
          onStale: 'conflict',
          records: [sharingItem(tenantId, sharing)],
        })),
      ),
      ...unshared.map(({ sharing }) => putNew(sharingItem(tenantId, sharing))),
    ],
    [
      {
        action: 'update',
        recordType: 'consent',
        recordId: `${personId}/${consent.purpose}`,
        recordOfficeId: write.ctx.officeId,
      },
      ...unshared.flatMap(({ record, sharing }): AuditEvent[] => [
        { action: 'update', recordType: 'case', recordId: record.caseId, recordOfficeId: record.officeId },
        {
          action: 'create',
          recordType: 'sharing',
          recordId: sharing.recordId,
          recordOfficeId: record.officeId,
        },
      ]),
    ],
    { idempotency, response },
  );
};

// ── Reads ─────────────────────────────────────────────────────────────────────
/** Strongly consistent: a move is computed from this revision and written only at it. */
export const getDifficultyFile = async (tenantId: string, caseId: string): Promise<DifficultyFile | null> => {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.caseRecord(tenantId, caseId, 'DIFFICULTY', FILE_SORT),
      ConsistentRead: true,
    }),
  );
  return Item ? DifficultyFile.parse(withoutKeys(Item)) : null;
};

/** The current episode's file and its support meetings, oldest first, in one Query. */
export const readDifficulty = async (
  tenantId: string,
  caseId: string,
): Promise<{ file: DifficultyFile | null; meetings: SupportMeeting[] }> => {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.caseItem(tenantId, caseId).pk, ':prefix': 'DIFFICULTY#' },
    ConsistentRead: true,
  });
  const fileKey = keys.caseRecord(tenantId, caseId, 'DIFFICULTY', FILE_SORT).sk;
  const fileItem = items.find((item) => item.sk === fileKey);
  const file = fileItem ? DifficultyFile.parse(withoutKeys(fileItem)) : null;
  const meetings = items
    .filter((item) => item.entity === 'support_meeting')
    .map((item) => SupportMeeting.parse(withoutKeys(item)))
    .filter((meeting) => meeting.episodeId === file?.episodeId);
  return { file, meetings };
};

const readBoardEntry = (item: Record<string, unknown>) => BoardEntry.parse(withoutKeys(item));

/**
 * Board rows by status (then office, then case). An office reads only its own rows: with a status
 * that is a key prefix, without one a filter on the small board partition.
 */
export const listBoard = async (
  tenantId: string,
  filter: { status?: DifficultStatus | undefined; officeId?: string | undefined },
  limit: number,
  cursor: string | undefined,
): Promise<Page<BoardEntry>> => {
  const { pk } = keys.difficultBoard(tenantId);
  const prefix = filter.status ? keys.difficultBoard(tenantId, filter.status, filter.officeId).sk : '';
  const officeFilter = !filter.status && filter.officeId !== undefined;
  return queryPage(
    {
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ...(officeFilter ? { FilterExpression: 'officeId = :officeId' } : {}),
      ExpressionAttributeValues: {
        ':pk': pk,
        ...(prefix ? { ':prefix': prefix } : {}),
        ...(officeFilter ? { ':officeId': filter.officeId } : {}),
      },
      Limit: limit,
    },
    { cursor, partition: { pk } },
    readBoardEntry,
  );
};

/** Statuses in which the core center still reviews the case. */
const REVIEWED_STATUSES = ['accepted', 'closing_proposed'] as const;

/**
 * Open difficult cases whose review date has passed, earliest first, at most
 * OVERDUE_REVIEW_LIMIT (`truncated` says there were more).
 */
export const listOverdueReviews = async (
  tenantId: string,
  officeId: string | undefined,
  today: string,
): Promise<{ items: BoardEntry[]; truncated: boolean }> => {
  const { pk } = keys.difficultBoard(tenantId);
  const found: BoardEntry[] = [];
  for (const status of REVIEWED_STATUSES) {
    const pages = queryPages({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'nextReviewOn < :today',
      ExpressionAttributeValues: {
        ':pk': pk,
        ':prefix': keys.difficultBoard(tenantId, status, officeId).sk,
        ':today': today,
      },
    });
    for await (const page of pages) {
      found.push(...(page.Items ?? []).map(readBoardEntry));
      if (found.length > OVERDUE_REVIEW_LIMIT) break;
    }
  }
  const sorted = found.sort((a, b) => (a.nextReviewOn ?? '').localeCompare(b.nextReviewOn ?? ''));
  return { items: sorted.slice(0, OVERDUE_REVIEW_LIMIT), truncated: sorted.length > OVERDUE_REVIEW_LIMIT };
};
