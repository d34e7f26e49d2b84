import { IsoDate, IsoDateTime, caseIdOfPartition, caseRecordKindOf, keys, todayInJapan } from '@kikan/shared';

/**
 * The day each record of a case is about, and the latest of them (ADR 0018, SECURITY.md row 26).
 * A retention clock starts on the day support ended: a closing day (or the day of a transfer at 18)
 * earlier than a record of the case is not that day, and the sweep counts the period from the later
 * of the two, so a backdated closure cannot get a file deleted early.
 *
 * The case item keeps `lastRecordOn`, moved in the transaction of every write to its partition
 * (case-store.ts caseWriteItems); writeTransaction refuses a record written without it
 * (`recordsWithoutTheirCase`). A case item written before `lastRecordOn` existed has none: its day is
 * read from the partition itself when it matters (closure, transfer, sweep), never assumed.
 */

type Item = Record<string, unknown>;

const day = (value: unknown): string[] => {
  const parsed = IsoDate.safeParse(value);
  return parsed.success ? [parsed.data] : [];
};

const dayOfTimestamp = (value: unknown): string[] => {
  const parsed = IsoDateTime.safeParse(value);
  return parsed.success ? [todayInJapan(new Date(parsed.data))] : [];
};

const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null;
const itemsIn = (value: unknown): Item[] => (Array.isArray(value) ? value.filter(isItem) : []);
const itemIn = (value: unknown): Item => (isItem(value) ? value : {});

/**
 * The days a stored item of a case partition records something as done: never a day it plans (a
 * due date, a review date, the period of a decision). The case item and other items have none.
 */
export const recordDaysOf = (item: Item): string[] => {
  const kind = caseRecordKindOf(item.sk);
  switch (kind) {
    case null:
      return [];
    case 'DECISION':
      return day(item.decidedOn);
    case 'MONITORING':
      return day(item.conductedOn);
    case 'PHASE':
      return day(item.changedOn);
    case 'CONSULTATION':
      return day(item.consultedOn);
    case 'PLAN':
      // A final plan is dated by the consent it rests on (同意日), a draft by its 計画作成日; a draft
      // written before plans kept that day is dated by when it was written and last changed.
      if (item.status === 'final') return day(item.consentOn);
      return item.createdOn !== undefined
        ? day(item.createdOn)
        : [...dayOfTimestamp(item.createdAt), ...dayOfTimestamp(item.updatedAt)];
    case 'ASSESSMENT':
      return day(item.conductedOn);
    case 'MEETING':
      // A closed case's role assignments are followed up to the end: each one done is a record too.
      return [
        ...day(item.heldOn),
        ...itemsIn(item.assignments).flatMap((assignment) => day(assignment.doneOn)),
      ];
    case 'DIFFICULTY': {
      // The core center's file (every status move is in its history) and its support meetings.
      const closure = itemIn(item.closure);
      return [
        ...day(item.flaggedOn),
        ...day(itemIn(item.escalation).on),
        ...day(item.acceptedOn),
        ...day(closure.proposedOn),
        ...day(closure.approvedOn),
        ...itemsIn(item.history).flatMap((entry) => day(entry.on)),
        ...day(item.heldOn),
      ];
    }
    case 'SHARING':
      return day(item.on);
    case 'SUBMISSION':
      // Submitting is the office's act on the case (ADR 0043); the review is the municipality's.
      return day(item.submittedOn);
  }
};

/** The latest of some days (ISO dates compare as strings); undefined for none. */
export const latestDay = (days: readonly (string | undefined)[]): string | undefined =>
  days.reduce<string | undefined>(
    (latest, next) => (next !== undefined && (latest === undefined || next > latest) ? next : latest),
    undefined,
  );

/** The latest day any record among a case partition's items is about. */
export const lastRecordDayOf = (items: readonly Item[]): string | undefined =>
  latestDay(items.flatMap(recordDaysOf));

/**
 * The case as it is stored beside the records of its partition a transaction writes: its last record
 * day moved to the latest of theirs. A case without one (written before it existed) stays without:
 * a day computed from these records alone would understate the ones already stored.
 */
export const withRecordDays = <T extends { lastRecordOn?: string | undefined }>(
  record: T,
  records: readonly Item[],
): T =>
  record.lastRecordOn === undefined
    ? record
    : {
        ...record,
        lastRecordOn: latestDay([record.lastRecordOn, lastRecordDayOf(records)]) ?? record.lastRecordOn,
      };

/**
 * The day a closed case's retention period counts from: its closing day, or the last record of its
 * partition when that is later — read from the records themselves, so a case item that does not
 * carry its last record day (or carries a wrong one) cannot make the sweep delete too early.
 */
export const retentionStartOf = (caseItem: Item, partition: readonly Item[]): string | undefined =>
  latestDay([...day(caseItem.closedOn), ...day(caseItem.lastRecordOn), lastRecordDayOf(partition)]);

/**
 * The items put into a case partition in one transaction without that case's item put beside them
 * at a last record day no earlier than theirs: a write path that would leave the case's
 * `lastRecordOn` behind its records. writeTransaction refuses such a transaction.
 */
export const recordsWithoutTheirCase = (tenantId: string, puts: readonly Item[]): Item[] => {
  const isCaseItem = (item: Item, caseId: string) => item.sk === keys.caseItem(tenantId, caseId).sk;
  const cases = new Map<string, Item>();
  for (const item of puts) {
    const caseId = caseIdOfPartition(tenantId, item.pk);
    if (caseId && isCaseItem(item, caseId)) cases.set(caseId, item);
  }
  return puts.filter((item) => {
    const caseId = caseIdOfPartition(tenantId, item.pk);
    if (!caseId || isCaseItem(item, caseId)) return false;
    const caseItem = cases.get(caseId);
    if (!caseItem) return true;
    const [lastRecordOn] = day(caseItem.lastRecordOn);
    return lastRecordOn !== undefined && recordDaysOf(item).some((recordDay) => recordDay > lastRecordOn);
  });
};
