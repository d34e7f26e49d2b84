import { createHash } from 'node:crypto';
import { keys, type ServiceDecisionInput, type TenantContext } from '@kikan/shared';
import {
  DECISIONS_IMPORT_COLUMNS,
  DECISIONS_VALID_FROM_HEADER,
  decisionsRowOf,
  type DecisionsImportRow,
} from '@kikan/shared/decisions-import';
import type { ImportProblem } from '@kikan/shared/import-file';
import { kanaForComparison } from '@kikan/shared/person';
import { getCasesByIds, type CaseRecord } from '../data/case-store.ts';
import { cycleRecordItem } from '../data/cycle-store.ts';
import { getOffice } from '../data/directory-store.ts';
import { getItemsByKeys } from '../data/import-job-store.ts';
import { readPersonFile, type PersonFile } from '../data/person-store.ts';
import { putNew } from '../data/transaction.ts';
import type { Importer } from '../import/pipeline.ts';
import type { Stamp } from '../kernel/stamp.ts';
import { applyServiceDecision } from './case-changes.ts';

/**
 * The municipality's service decisions (issue 15 point 3, ADR 0034's pipeline): each decision goes
 * to every open case, at any office of the tenant, whose person holds the row's 受給者証番号 of the
 * uploader's municipality (ADR 0025's holder item) and has the row's reading and birth date —
 * through applyServiceDecision and caseWriteItems, as if recorded at that office. What the uploader
 * learns is row numbers: matched, unmatched, ambiguous — never an office, a case or a name.
 */

/** Rows of one person with the same period are one decision listing each row's service. */
interface DecisionGroup {
  rows: DecisionsImportRow[];
  lead: DecisionsImportRow;
}

interface MatchedGroup extends DecisionGroup {
  decision: ServiceDecisionInput;
  /** The open cases the decision is written to (as read at the check). */
  cases: CaseRecord[];
}

export interface DecisionsPlan {
  groups: MatchedGroup[];
}

const stableId = (jobId: string, rowNumber: number, caseId: string): string =>
  createHash('sha256').update(`${jobId}:${rowNumber}:${caseId}:decision`).digest('base64url').slice(0, 32);

const samePeriod = (a: DecisionsImportRow, b: DecisionsImportRow) =>
  a.validFrom === b.validFrom &&
  a.validTo === b.validTo &&
  a.monitoringPeriodMonths === b.monitoringPeriodMonths &&
  a.birthDate === b.birthDate &&
  kanaForComparison(a.kana) === kanaForComparison(b.kana);

const groupRows = (rows: DecisionsImportRow[]): { groups: DecisionGroup[]; problems: ImportProblem[] } => {
  const byNumber = new Map<string, DecisionGroup>();
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    const group = byNumber.get(row.recipientNumber);
    if (!group) byNumber.set(row.recipientNumber, { rows: [row], lead: row });
    else if (samePeriod(group.lead, row)) group.rows.push(row);
    else {
      problems.push({
        row: row.rowNumber,
        column: DECISIONS_VALID_FROM_HEADER,
        message: `同じ受給者証番号の${group.lead.rowNumber}行目とカナ氏名・生年月日・支給決定期間・モニタリング期間が異なります`,
      });
    }
  }
  return { groups: [...byNumber.values()], problems };
};

/** A decision dated in the future is refused by the forms: one decided ahead is dated today. */
const decisionOf = (group: DecisionGroup, today: string): ServiceDecisionInput => ({
  decidedOn: group.lead.validFrom <= today ? group.lead.validFrom : today,
  validFrom: group.lead.validFrom,
  validTo: group.lead.validTo,
  monitoringPeriodMonths: group.lead.monitoringPeriodMonths,
  intensiveStart: false,
  services: group.rows.flatMap((row) => row.services).filter((line, i, all) => all.indexOf(line) === i),
});

const alreadyRecorded = (record: CaseRecord, decision: ServiceDecisionInput) =>
  record.decision?.validFrom === decision.validFrom &&
  record.decision.validTo === decision.validTo &&
  record.decision.periodMonths === decision.monitoringPeriodMonths;

const decisionKey = (
  tenantId: string,
  record: CaseRecord,
  decision: ServiceDecisionInput,
  recordId: string,
) => keys.caseRecord(tenantId, record.caseId, 'DECISION', `${decision.decidedOn}#${recordId}`);

const PERSON_READS_AT_ONCE = 16;

const readPersonFiles = async (tenantId: string, personIds: string[]) => {
  const files = new Map<string, PersonFile | null>();
  for (let start = 0; start < personIds.length; start += PERSON_READS_AT_ONCE) {
    const slice = personIds.slice(start, start + PERSON_READS_AT_ONCE);
    const read = await Promise.all(slice.map((personId) => readPersonFile(tenantId, personId)));
    slice.forEach((personId, index) => files.set(personId, read[index] ?? null));
  }
  return files;
};

const check = async (ctx: TenantContext, jobId: string, rows: DecisionsImportRow[], today: string) => {
  const { groups, problems } = groupRows(rows);
  const office = await getOffice(ctx.tenantId, ctx.officeId);
  const municipalityCode = office?.municipalityCode ?? '';
  const holderKeyOf = (group: DecisionGroup) =>
    keys.recipientNumberHolder(ctx.tenantId, municipalityCode, group.lead.recipientNumber);
  const holders = await getItemsByKeys(groups.map(holderKeyOf));
  const personOf = (group: DecisionGroup) => {
    const key = holderKeyOf(group);
    const personId = holders.get(`${key.pk}|${key.sk}`)?.personId;
    return typeof personId === 'string' ? personId : null;
  };
  const personIds = [...new Set(groups.map(personOf).filter((id): id is string => id !== null))];
  const files = await readPersonFiles(ctx.tenantId, personIds);
  const caseIds = [...files.values()].flatMap((file) => file?.cases.map((link) => link.caseId) ?? []);
  const cases = new Map(
    (await getCasesByIds(ctx.tenantId, caseIds)).map((record) => [record.caseId, record]),
  );

  const unmatched: number[] = [];
  const ambiguous: number[] = [];
  const candidates: { group: DecisionGroup; decision: ServiceDecisionInput; cases: CaseRecord[] }[] = [];
  for (const group of groups) {
    const rowNumbers = group.rows.map((row) => row.rowNumber);
    const personId = personOf(group);
    const file = personId ? files.get(personId) : null;
    if (!file) {
      unmatched.push(...rowNumbers);
      continue;
    }
    if (
      file.person.birthDate !== group.lead.birthDate ||
      kanaForComparison(file.person.kana) !== kanaForComparison(group.lead.kana)
    ) {
      ambiguous.push(...rowNumbers);
      continue;
    }
    const decision = decisionOf(group, today);
    const open = file.cases
      .map((link) => cases.get(link.caseId))
      .filter(
        (record): record is CaseRecord =>
          record !== undefined &&
          record.phase !== 'closed' &&
          record.municipalityCode === municipalityCode &&
          // A decision that ended before the case opened is not this case's (the forms refuse it).
          decision.validTo >= record.openedOn,
      );
    if (open.length === 0) unmatched.push(...rowNumbers);
    else candidates.push({ group, decision, cases: open });
  }

  // A case showing the decision through this job's own record is a resumed import's: still to write
  // (its chunk is skipped by its marker), so the chunks are built exactly as the first time.
  const ownKeys = candidates.flatMap(({ group, decision, cases: open }) =>
    open
      .filter((record) => alreadyRecorded(record, decision))
      .map((record) =>
        decisionKey(ctx.tenantId, record, decision, stableId(jobId, group.lead.rowNumber, record.caseId)),
      ),
  );
  const own = await getItemsByKeys(ownKeys);
  const isOwn = (group: DecisionGroup, decision: ServiceDecisionInput, record: CaseRecord) => {
    const key = decisionKey(
      ctx.tenantId,
      record,
      decision,
      stableId(jobId, group.lead.rowNumber, record.caseId),
    );
    return own.has(`${key.pk}|${key.sk}`);
  };

  // Counted in decisions, not rows: the import's progress (rowsDone) moves by decision.
  const matched: MatchedGroup[] = [];
  let rowsNew = 0;
  let rowsUnchanged = 0;
  for (const { group, decision, cases: open } of candidates) {
    const toWrite = open.filter(
      (record) => !alreadyRecorded(record, decision) || isOwn(group, decision, record),
    );
    if (toWrite.length === 0) rowsUnchanged += 1;
    else {
      rowsNew += 1;
      matched.push({ ...group, decision, cases: toWrite });
    }
  }
  const byNumber = (a: number, b: number) => a - b;
  return {
    problems,
    plan: { groups: matched },
    rowsNew,
    rowsUnchanged,
    report: { unmatchedRows: unmatched.sort(byNumber), ambiguousRows: ambiguous.sort(byNumber) },
  };
};

const build = (ctx: TenantContext, jobId: string, plan: DecisionsPlan, stamp: Stamp) =>
  plan.groups.map((group) => {
    const writes = group.cases.map((previous) => {
      const { record, decision } = applyServiceDecision(
        previous,
        group.decision,
        stamp,
        stableId(jobId, group.lead.rowNumber, previous.caseId),
      );
      const item = cycleRecordItem(ctx.tenantId, record.officeId, { kind: 'DECISION', record: decision });
      return { write: { record, previous, records: [item] }, item };
    });
    return {
      claims: [],
      items: writes.map(({ item }) => putNew(item)),
      caseWrites: writes.map(({ write }) => write),
    };
  });

export const decisionsImporter: Importer<DecisionsImportRow, DecisionsPlan> = {
  columns: DECISIONS_IMPORT_COLUMNS,
  rowOf: (values, rowNumber) => decisionsRowOf(values, rowNumber),
  check,
  build,
  auditRecordType: 'decisions_import',
};
