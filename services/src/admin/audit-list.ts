import type {
  AuditEntryView,
  AuditExportQuery,
  AuditMembershipView,
  Office,
  User,
  UserMembershipState,
} from '@kikan/shared';
import { SWEEPER } from '../data/audit.ts';
import { readAuditPage, type AuditEntry } from '../data/audit-store.ts';
import { readAuditSubject, readCaseCodes, type AuditSubject } from '../data/audit-subject-store.ts';
import { listOffices, listUsers } from '../data/directory-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import type { listAuditRoute } from '@kikan/shared/contracts/admin';

/** Shown for an actor no longer in the directory: the id still names them. */
export const UNKNOWN_ACTOR = '（登録のない職員）';
/** The retention sweep deletes expired cases as no one in particular (ADR 0018). */
export const SWEEPER_NAME = '（保存期間による自動削除）';

/**
 * Entries a filtered page looks at per request at most (about 1 MB of the log): a filter that
 * rarely matches ends the page short, with a cursor to read on, instead of reading a month at once.
 */
export const MAX_EXAMINED_PER_PAGE = 4000;

/** Record types whose record id is the case id itself. */
const CASE_RECORD_TYPES: ReadonlySet<string> = new Set(['case', 'difficulty', 'legal_hold']);

/**
 * Does the entry concern the person of the subject: the person record, one of its consents
 * (`<personId>/<purpose>`), one of their cases, or a record kept in one of them? A staff member is
 * never the subject.
 */
export const concernsSubject = (entry: AuditEntry, subject: AuditSubject): boolean =>
  entry.recordType !== 'user' &&
  (entry.recordId === subject.personId ||
    entry.recordId.startsWith(`${subject.personId}/`) ||
    subject.caseIds.has(entry.recordId) ||
    subject.records.has(entry.recordId));

/** The filters as one predicate; none when nothing is filtered (every entry of the period). */
export const entryMatcher = (
  actorUserId: string | undefined,
  subject: AuditSubject | null,
): ((entry: AuditEntry) => boolean) | undefined => {
  if (actorUserId === undefined && subject === null) return undefined;
  return (entry) =>
    (actorUserId === undefined || entry.actorUserId === actorUserId) &&
    (subject === null || concernsSubject(entry, subject));
};

/** What the log's ids are called now, looked up when it is read: the log itself keeps ids only. */
export interface AuditNames {
  users: readonly User[];
  offices: readonly Office[];
  /** caseId → case code. */
  caseCodes: ReadonlyMap<string, string>;
  /** recordId → caseId, for records of a filtered person's cases. */
  recordCases?: ReadonlyMap<string, string>;
}

/** The case an entry is about, when the log or the filter tells. */
export const caseIdOf = (entry: AuditEntry, recordCases?: ReadonlyMap<string, string>): string | undefined =>
  CASE_RECORD_TYPES.has(entry.recordType) ? entry.recordId : recordCases?.get(entry.recordId);

/** Entries with staff and office names and case codes: never a client's name. */
export const toAuditViews = (entries: readonly AuditEntry[], names: AuditNames): AuditEntryView[] => {
  const userNames = new Map(names.users.map((user) => [user.userId, user.displayName]));
  userNames.set(SWEEPER.userId, SWEEPER_NAME);
  const officeNames = new Map(names.offices.map((office) => [office.officeId, office.name]));
  const userName = (userId: string) => userNames.get(userId) ?? UNKNOWN_ACTOR;
  const officeName = (officeId: string) => officeNames.get(officeId) ?? officeId;
  const membership = ({ otherMemberships, ...state }: UserMembershipState): AuditMembershipView => ({
    ...state,
    officeName: officeName(state.officeId),
    ...(otherMemberships
      ? {
          otherMemberships: otherMemberships.map((other) => ({
            ...other,
            officeName: officeName(other.officeId),
          })),
        }
      : {}),
  });
  return entries.map((entry) => {
    const caseId = caseIdOf(entry, names.recordCases);
    const caseCode = caseId === undefined ? undefined : names.caseCodes.get(caseId);
    return {
      at: entry.at,
      requestId: entry.requestId,
      actorUserId: entry.actorUserId,
      actorName: userName(entry.actorUserId),
      actorRole: entry.actorRole,
      actorOfficeId: entry.actorOfficeId,
      actorOfficeName: officeName(entry.actorOfficeId),
      action: entry.action,
      recordType: entry.recordType,
      recordId: entry.recordId,
      ...(entry.recordOfficeId
        ? { recordOfficeId: entry.recordOfficeId, recordOfficeName: officeName(entry.recordOfficeId) }
        : {}),
      ...(caseCode ? { caseCode } : {}),
      ...(entry.recordType === 'user' ? { targetUserName: userName(entry.recordId) } : {}),
      ...(entry.before ? { before: membership(entry.before) } : {}),
      ...(entry.after ? { after: membership(entry.after) } : {}),
    };
  });
};

/**
 * The filters of a page or an export, resolved: the person behind a case code (a 400 on the field
 * for a code the tenant has no case for) and the predicate the log is read with.
 */
export const auditSelection = async (tenantId: string, query: Omit<AuditExportQuery, 'from' | 'to'>) => {
  const subject = query.caseCode ? await readAuditSubject(tenantId, query.caseCode) : null;
  if (query.caseCode && !subject) {
    throw new ValidationError([
      {
        field: 'query.caseCode',
        message: 'このケース番号のケースは見つかりません。ケース番号を確認してください',
      },
    ]);
  }
  return { subject, matches: entryMatcher(query.actorUserId, subject) };
};

/** The names of what `entries` name: staff and offices of the directory, codes of their cases. */
export const namesFor = async (
  tenantId: string,
  entries: readonly AuditEntry[],
  subject: AuditSubject | null,
): Promise<AuditNames> => {
  const recordCases = subject?.records;
  const unresolved = entries
    .map((entry) => caseIdOf(entry, recordCases))
    .filter((caseId): caseId is string => caseId !== undefined && !subject?.cases.has(caseId));
  const [users, offices, looked] = await Promise.all([
    listUsers(tenantId, { includeRemoved: true }),
    listOffices(tenantId),
    readCaseCodes(tenantId, unresolved),
  ]);
  return {
    users,
    offices,
    caseCodes: new Map([...(subject?.cases ?? []), ...looked]),
    ...(recordCases ? { recordCases } : {}),
  };
};

/** A period of up to a month, oldest first, a page at a time, filtered by staff member and/or person. */
export const listAudit: Operation<typeof listAuditRoute> = async ({ ctx, query }) => {
  const { subject, matches } = await auditSelection(ctx.tenantId, query);
  const page = await readAuditPage(ctx.tenantId, query, {
    limit: query.limit,
    cursor: query.cursor,
    ...(matches ? { matches } : {}),
    maxExamined: MAX_EXAMINED_PER_PAGE,
  });
  return {
    items: toAuditViews(page.items, await namesFor(ctx.tenantId, page.items, subject)),
    nextCursor: page.nextCursor,
    ...(subject ? { caseCodes: [...subject.cases.values()].sort() } : {}),
  };
};
