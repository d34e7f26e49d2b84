import {
  DIFFICULT_STATUSES,
  dateOfReachingAge,
  deletableFrom,
  keys,
  todayInJapan,
  type ItemKey,
  type TenantContext,
} from '@kikan/shared';
import { SWEEPER, auditItem } from '../data/audit.ts';
import { onTable, type TableHandle } from '../data/client.ts';
import { MILESTONE_AGES } from '../data/office-counters.ts';
import { latestDay, retentionStartOf } from '../data/record-days.ts';
import {
  deleteKeys,
  listClosedCases,
  listLegalHolds,
  listRegisteredTenants,
  markCaseExpiring,
  readPartition,
  readRetentionSettings,
} from '../data/retention-store.ts';

/**
 * The retention sweep (ADR 0018): every case whose closing day and last record (the later of the
 * two, read from its records) are longer ago than the tenant's period, and not on legal hold, is
 * deleted with everything that is only its own — its records, the person if no other
 * case of theirs remains, and the lookup items that point at it. Counters and approved figures are
 * aggregates and stay as they are.
 *
 * Order makes it resumable: (1) one transaction writes the `expired` audit entry and marks the case;
 * (2) the items outside the case partition; (3) the person's; (4) the case's records; (5) the case
 * item last. A run that stops anywhere leaves the case item (marked), and the next run finds it,
 * recomputes what is left from the table and finishes without a second audit entry.
 */

type Item = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Kept `years` from `startsOn` — the later of its closing day and its last record
 * (record-days.ts retentionStartOf) — may a case be deleted on `today`?
 */
export const isExpired = (startsOn: string, years: number, today: string): boolean =>
  today >= deletableFrom(startsOn, years);

export interface DeletionPlan {
  /** Lookup items elsewhere that name the case: open assignments, board rows, milestones, its code. */
  outside: ItemKey[];
  /** The person's items this case alone keeps: its link, and the whole person if no other case is left. */
  person: ItemKey[];
  /** The case's records (its partition without the case item). */
  records: ItemKey[];
  /** Deleted last: while it stands, the next run can find what is left. */
  caseItem: ItemKey;
  /** Whether the person goes with this case. */
  personDeleted: boolean;
}

const keyOf = (item: Item): ItemKey => ({ pk: text(item.pk), sk: text(item.sk) });

/**
 * What deleting one case deletes, from the case partition and the person partition as they are
 * now. Pure: the same table state gives the same plan, so a resumed run plans what is left.
 */
export const planCaseDeletion = (
  tenantId: string,
  caseId: string,
  caseItems: readonly Item[],
  personItems: readonly Item[],
  /** The holder item of the person's 受給者証番号 as read (ADR 0025), if any. */
  holderItems: readonly Item[] = [],
): DeletionPlan => {
  const caseKey = keys.caseItem(tenantId, caseId);
  const record = caseItems.find((item) => item.sk === caseKey.sk) ?? {};
  const officeId = text(record.officeId);
  const birthDate = text(record.birthDate);
  const personId = text(record.personId);
  const caseCode = text(record.caseCode);

  const assignments = caseItems
    .filter((item) => text(item.sk).startsWith('MEETING#') && Array.isArray(item.assignments))
    .flatMap((item) => item.assignments as Item[])
    .filter((assignment) => !assignment.doneOn)
    .map((assignment) =>
      keys.openAssignment(tenantId, officeId, text(assignment.dueOn), text(assignment.assignmentId)),
    );
  const difficult = caseItems.some((item) => text(item.sk).startsWith('DIFFICULTY#'));
  const board = difficult
    ? DIFFICULT_STATUSES.map((status) => keys.difficultBoard(tenantId, status, officeId, caseId))
    : [];
  const milestones = birthDate
    ? MILESTONE_AGES.map((age) =>
        keys.lifeStageMilestone(tenantId, dateOfReachingAge(birthDate, age), officeId, age, caseId),
      )
    : [];

  const personKey = personId ? keys.person(tenantId, personId) : null;
  const ownLink = personId ? keys.personCase(tenantId, personId, caseId) : null;
  const otherLinks = personItems.filter(
    (item) => text(item.sk).startsWith('CASE#') && item.sk !== ownLink?.sk,
  );
  const personDeleted = personKey !== null && otherLinks.length === 0;
  const personRecord = personItems.find((item) => item.sk === personKey?.sk);
  const recipientNumber = text(personRecord?.recipientNumber);
  // The office's recipient lookup goes when no other case of the person is at this office.
  const officeStillLinked = otherLinks.some((item) => text(item.officeId) === officeId);
  const lookups = (officeIds: string[]): ItemKey[] =>
    recipientNumber
      ? officeIds.map((office) => keys.recipientNumber(tenantId, recipientNumber, office, personId))
      : [];
  const linkedOffices = [
    ...new Set([officeId, ...otherLinks.map((item) => text(item.officeId))].filter(Boolean)),
  ];
  // The number is freed with the person, only if its holder item is this person's (a person stored
  // before holders existed has none, and another person's must stay).
  const holder = holderItems.filter((item) => text(item.personId) === personId && personId !== '').map(keyOf);
  const person: ItemKey[] = personDeleted
    ? [
        ...lookups(linkedOffices),
        ...holder,
        // The person item last of the person's: the partition stays findable until then.
        ...personItems.filter((item) => item.sk !== personKey?.sk).map(keyOf),
        ...(personRecord ? [keyOf(personRecord)] : []),
      ]
    : [
        ...(officeStillLinked ? [] : lookups([officeId])),
        ...personItems.filter((item) => item.sk === ownLink?.sk).map(keyOf),
      ];

  return {
    outside: [
      ...assignments,
      ...board,
      ...milestones,
      ...(caseCode ? [keys.caseCode(tenantId, caseCode)] : []),
    ],
    person,
    records: caseItems.filter((item) => item.sk !== caseKey.sk).map(keyOf),
    caseItem: caseKey,
    personDeleted,
  };
};

export interface TenantSweepReport {
  tenantId: string;
  years: number;
  /** Closed cases looked at. */
  closed: number;
  deleted: number;
  /** Past their period but on legal hold. */
  held: number;
  /** Past the period from their closing day, but with a record newer than that: kept. */
  keptForRecords: number;
  /** Deleted cases whose person went with them. */
  personsDeleted: number;
  /** Stopped before the end; the next run goes on. */
  stopped?: boolean;
}

/** Deletes one case that is marked (or just was): steps 2–5, from what the table holds now. */
const deleteMarkedCase = async (tenantId: string, caseId: string) => {
  const caseItems = await readPartition(keys.caseItem(tenantId, caseId).pk);
  const record = caseItems.find((item) => item.sk === keys.caseItem(tenantId, caseId).sk);
  const personId = text(record?.personId);
  const personItems = personId ? await readPartition(keys.person(tenantId, personId).pk) : [];
  const personRecord = personItems.find((item) => item.sk === keys.person(tenantId, personId).sk);
  const recipientNumber = text(personRecord?.recipientNumber);
  const municipalityCode = text(personRecord?.municipalityCode);
  const holderItems =
    recipientNumber && municipalityCode
      ? await readPartition(keys.recipientNumberHolder(tenantId, municipalityCode, recipientNumber).pk)
      : [];
  const plan = planCaseDeletion(tenantId, caseId, caseItems, personItems, holderItems);
  await deleteKeys(plan.outside);
  await deleteKeys(plan.person);
  await deleteKeys(plan.records);
  await deleteKeys([plan.caseItem]);
  return plan;
};

const sweepContext = (tenantId: string): TenantContext =>
  ({ tenantId, userId: SWEEPER.userId, officeId: SWEEPER.officeId, role: SWEEPER.role }) as TenantContext;

/**
 * One tenant's sweep, with that tenant's table handle. A case on hold is skipped (and checked
 * again inside the marking transaction, so a hold placed meanwhile still wins); every other expired
 * case is audited, then deleted.
 */
export const sweepTenant = (
  table: TableHandle,
  tenantId: string,
  now: Date,
  /** Asked before each case: true stops the run there (a Lambda near its timeout); the next run resumes. */
  shouldStop: () => boolean = () => false,
): Promise<TenantSweepReport> => onTable(table, () => sweepTenantTable(tenantId, now, shouldStop));

const sweepTenantTable = async (
  tenantId: string,
  now: Date,
  shouldStop: () => boolean,
): Promise<TenantSweepReport> => {
  const today = todayInJapan(now);
  const [settings, closed, holds] = await Promise.all([
    readRetentionSettings(tenantId),
    listClosedCases(tenantId),
    listLegalHolds(tenantId),
  ]);
  const held = new Set(holds.map((hold) => hold.caseId));
  const report: TenantSweepReport = {
    tenantId,
    years: settings.years,
    closed: closed.length,
    deleted: 0,
    held: 0,
    keptForRecords: 0,
    personsDeleted: 0,
  };
  for (const candidate of closed) {
    if (shouldStop()) {
      report.stopped = true;
      break;
    }
    // A case whose deletion began is finished whatever the period or holds say now: its audit
    // entry is written, and the half-deleted file must not stay.
    if (!candidate.expiringSince) {
      // The index row can already tell that the period has not passed, without reading the case.
      const known = latestDay([candidate.closedOn, candidate.lastRecordOn]) ?? candidate.closedOn;
      if (!isExpired(known, settings.years, today)) continue;
      if (held.has(candidate.caseId)) {
        report.held += 1;
        continue;
      }
      // The records decide, read here: a case item that keeps no last record day (written before
      // it existed), or a wrong one, cannot get a case with a newer record deleted.
      const caseKey = keys.caseItem(tenantId, candidate.caseId);
      const partition = await readPartition(caseKey.pk);
      const current = partition.find((item) => item.sk === caseKey.sk);
      if (!current) continue;
      const startsOn = retentionStartOf(current, partition);
      if (!startsOn || !isExpired(startsOn, settings.years, today)) {
        report.keptForRecords += 1;
        continue;
      }
      const marked = await markCaseExpiring(
        tenantId,
        {
          caseId: candidate.caseId,
          closedOn: text(current.closedOn),
          version: Number(current.version),
          at: now.toISOString(),
        },
        auditItem(sweepContext(tenantId), `retention-${candidate.caseId}`, now, {
          action: 'expired',
          recordType: 'case',
          recordId: candidate.caseId,
          recordOfficeId: text(current.officeId),
        }),
      );
      if (marked === 'held') report.held += 1;
      if (marked !== 'marked') continue;
    }
    const plan = await deleteMarkedCase(tenantId, candidate.caseId);
    report.deleted += 1;
    if (plan.personDeleted) report.personsDeleted += 1;
  }
  return report;
};

export interface SweepRun {
  /** The registry, read with the sweeper's own narrow grant. */
  registry: TableHandle;
  /** One tenant's table handle, with that tenant's credentials only. */
  tableFor: (tenantId: string) => TableHandle;
  now: Date;
  shouldStop?: () => boolean;
  /** Told of each tenant's outcome: counts only, never a case's content. */
  onTenant?: (report: TenantSweepReport | { tenantId: string; error: string }) => void;
}

/**
 * Every registered tenant in turn, each with its own credentials. One tenant's failure does not stop
 * the others; the run reports it and the next run tries again.
 */
export const runSweep = async ({
  registry,
  tableFor,
  now,
  shouldStop = () => false,
  onTenant = () => undefined,
}: SweepRun): Promise<{ reports: TenantSweepReport[]; failed: string[] }> => {
  const tenants = await onTable(registry, listRegisteredTenants);
  const reports: TenantSweepReport[] = [];
  const failed: string[] = [];
  for (const tenantId of tenants) {
    if (shouldStop()) break;
    try {
      const report = await sweepTenant(tableFor(tenantId), tenantId, now, shouldStop);
      reports.push(report);
      onTenant(report);
    } catch (error) {
      failed.push(tenantId);
      onTenant({ tenantId, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return { reports, failed };
};
