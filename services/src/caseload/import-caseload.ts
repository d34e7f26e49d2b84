import { createHash } from 'node:crypto';
import { PlanContent, keys, type Plan, type TenantContext } from '@kikan/shared';
import {
  CASELOAD_IMPORT_COLUMNS,
  MUNICIPALITY_HEADER,
  RECIPIENT_NUMBER_HEADER,
  SPECIALIST_HEADER,
  caseloadRowOf,
  type CaseloadImportRow,
} from '@kikan/shared/caseload-import';
import type { ImportProblem } from '@kikan/shared/import-file';
import { isCaseWorker } from '@kikan/shared/access-policy';
import { personItem, type CaseRecord } from '../data/case-store.ts';
import { cycleRecordItem } from '../data/cycle-store.ts';
import { getTenant, listUsers } from '../data/directory-store.ts';
import { getItemsByKeys } from '../data/import-job-store.ts';
import { claimRecipientNumber, personIndexItems } from '../data/person-store.ts';
import { planItem } from '../data/record-store.ts';
import { withPlanActivity } from '../data/statistics-counters.ts';
import { putNew } from '../data/transaction.ts';
import type { Stamp } from '../kernel/stamp.ts';
import type { Importer } from '../import/pipeline.ts';
import { applyMonitoring, applyServiceDecision } from './case-changes.ts';

/**
 * The caseload import's own rules (issue 15 point 2, ADR 0034): the generic pipeline reads and
 * chunks, this module says what a row is, what it may refer to, and which items it becomes — the
 * items the API's own operations build (createCase, recordServiceDecision, createPlan + finalizePlan,
 * recordMonitoring), through the same pure rules and item builders, so counters and figures move
 * exactly as if each record had been entered by hand.
 */

/** Ids from the job and the row: a retried chunk builds the very same items (ADR 0034). */
const stableId = (jobId: string, rowNumber: number, kind: string): string =>
  createHash('sha256').update(`${jobId}:${rowNumber}:${kind}`).digest('base64url').slice(0, 32);

const CASE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const stableCaseCode = (jobId: string, rowNumber: number): string =>
  `K-${Array.from(createHash('sha256').update(`${jobId}:${rowNumber}:code`).digest().subarray(0, 6), (byte) => CASE_CODE_ALPHABET[byte % CASE_CODE_ALPHABET.length]).join('')}`;

export interface CaseloadPlan {
  rows: CaseloadImportRow[];
  specialists: Map<string, string>;
}

const holderKey = (tenantId: string, row: CaseloadImportRow) =>
  keys.recipientNumberHolder(tenantId, row.person.municipalityCode, row.person.recipientNumber ?? '');

/**
 * What the file refers to, checked against the tenant: member municipalities, the office's staff
 * by e-mail, and 受給者証番号 — a number held by a person with a case at this office is that row
 * already imported (left unchanged); held by anyone else it is refused with ADR 0025's neutral
 * sentence, which names no office.
 */
const checkReferences = async (
  ctx: TenantContext,
  jobId: string,
  rows: CaseloadImportRow[],
): Promise<{
  problems: ImportProblem[];
  newRows: CaseloadImportRow[];
  unchanged: number;
  specialists: Map<string, string>;
}> => {
  const [tenant, users] = await Promise.all([getTenant(ctx.tenantId), listUsers(ctx.tenantId)]);
  const members = new Set(tenant?.members.map((member) => member.code) ?? []);
  const specialists = new Map(
    users
      .filter((user) => user.officeId === ctx.officeId && isCaseWorker(user.role))
      .map((user) => [user.email.toLowerCase(), user.userId]),
  );
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  const candidates: CaseloadImportRow[] = [];
  for (const row of rows) {
    let ok = true;
    if (!members.has(row.person.municipalityCode)) {
      problems.push({
        row: row.rowNumber,
        column: MUNICIPALITY_HEADER,
        message: 'このテナントの市町村コードではありません',
      });
      ok = false;
    }
    if (!specialists.has(row.specialistEmail)) {
      problems.push({
        row: row.rowNumber,
        column: SPECIALIST_HEADER,
        message: 'この事業所の職員のメールアドレスではありません',
      });
      ok = false;
    }
    const number = `${row.person.municipalityCode}#${row.person.recipientNumber ?? ''}`;
    const earlier = seen.get(number);
    if (earlier !== undefined) {
      problems.push({
        row: row.rowNumber,
        column: RECIPIENT_NUMBER_HEADER,
        message: `同じ受給者証番号が${earlier}行目にもあります`,
      });
      ok = false;
    } else seen.set(number, row.rowNumber);
    if (ok) candidates.push(row);
  }
  const holders = await getItemsByKeys(candidates.map((row) => holderKey(ctx.tenantId, row)));
  const heldElsewhere: { row: CaseloadImportRow; personId: string }[] = [];
  const newRows: CaseloadImportRow[] = [];
  for (const row of candidates) {
    const key = holderKey(ctx.tenantId, row);
    const holder = holders.get(`${key.pk}|${key.sk}`);
    const personId = typeof holder?.personId === 'string' ? holder.personId : null;
    // This job's own claim (a resumed import): the row is still one of its new rows.
    if (personId === null || personId === stableId(jobId, row.rowNumber, 'person')) newRows.push(row);
    else heldElsewhere.push({ row, personId });
  }
  const lookups = await getItemsByKeys(
    heldElsewhere.map(({ row, personId }) =>
      keys.recipientNumber(ctx.tenantId, row.person.recipientNumber ?? '', ctx.officeId, personId),
    ),
  );
  let unchanged = 0;
  for (const { row, personId } of heldElsewhere) {
    const lookup = keys.recipientNumber(
      ctx.tenantId,
      row.person.recipientNumber ?? '',
      ctx.officeId,
      personId,
    );
    if (lookups.has(`${lookup.pk}|${lookup.sk}`)) unchanged += 1;
    else {
      problems.push({
        row: row.rowNumber,
        column: RECIPIENT_NUMBER_HEADER,
        message:
          'この受給者証番号はこのテナントで既に登録されています。事業所の移動は基幹相談支援センターにご相談ください',
      });
    }
  }
  return { problems, newRows, unchanged, specialists };
};

/** The items one row becomes: the person, the case and its records, as the API would write them. */
const rowItems = (
  ctx: TenantContext,
  jobId: string,
  row: CaseloadImportRow,
  specialistUserId: string,
  stamp: Stamp,
) => {
  const id = (kind: string) => stableId(jobId, row.rowNumber, kind);
  const person = {
    ...row.person,
    personId: id('person'),
    version: 1,
    createdAt: stamp.at,
    updatedAt: stamp.at,
  };
  let record: CaseRecord = {
    caseId: id('case'),
    caseCode: stableCaseCode(jobId, row.rowNumber),
    tenantId: ctx.tenantId,
    officeId: ctx.officeId,
    personId: person.personId,
    personName: person.name,
    personKana: person.kana,
    birthDate: person.birthDate,
    municipalityCode: person.municipalityCode,
    specialistUserId,
    serviceKind: row.serviceKind,
    planAuthor: row.planAuthor,
    ...(row.planAuthor === 'self_plan' && row.selfPlanReason ? { selfPlanReason: row.selfPlanReason } : {}),
    // The phase as the office has it: its past moves are not in the file, so no phase records are made.
    phase: row.phase,
    monitoringPeriodMonths: row.monitoringPeriodMonths,
    serviceUseStatus: row.serviceUseStatus,
    openedOn: row.openedOn,
    lastRecordOn: row.openedOn,
    sharedWithCore: false,
    nextMonitoringDueOn: null,
    version: 1,
    createdAt: stamp.at,
    createdBy: stamp.userId,
    updatedAt: stamp.at,
    updatedBy: stamp.userId,
  };
  const records: Record<string, unknown>[] = [];
  if (row.decision) {
    const applied = applyServiceDecision(record, row.decision, stamp, id('decision'));
    record = applied.record;
    records.push(cycleRecordItem(ctx.tenantId, ctx.officeId, { kind: 'DECISION', record: applied.decision }));
  }
  if (row.plan) {
    const final = row.plan.consentOn !== undefined;
    const plan: Plan = {
      recordId: id('plan'),
      caseId: record.caseId,
      planVersion: 1,
      status: final ? 'final' : 'draft',
      content: PlanContent.parse({}),
      createdOn: row.plan.createdOn,
      ...(row.plan.consentOn ? { consentOn: row.plan.consentOn, finalizedAt: stamp.at } : {}),
      version: final ? 2 : 1,
      createdAt: stamp.at,
      createdBy: stamp.userId,
      updatedAt: stamp.at,
    };
    if (row.plan.consentOn) {
      record = {
        ...record,
        currentPlanVersion: 1,
        activity: withPlanActivity(record.activity, row.plan.consentOn),
        version: record.version + 1,
      };
    }
    records.push(planItem(ctx.tenantId, plan));
  }
  if (row.lastMonitoringOn) {
    const applied = applyMonitoring(
      record,
      {
        conductedOn: row.lastMonitoringOn,
        // 計画相談支援's monitoring is a visit to the person's home (施行規則); the file does not say more.
        kind: 'regular',
        method: 'home_visit',
        overallSituation: '',
        progress: [],
        personSatisfaction: '',
        planChangeNeeded: false,
        notes: '',
      },
      stamp,
      id('monitoring'),
    );
    record = applied.record;
    records.push(
      cycleRecordItem(ctx.tenantId, ctx.officeId, { kind: 'MONITORING', record: applied.monitoring }),
    );
  }
  return {
    person,
    record,
    records,
    plain: [
      putNew(personItem(ctx.tenantId, person)),
      ...personIndexItems(ctx.tenantId, person, { caseId: record.caseId, officeId: ctx.officeId }).map(
        putNew,
      ),
      ...records.map(putNew),
    ],
    claim: claimRecipientNumber(ctx.tenantId, person),
  };
};

export const caseloadImporter: Importer<CaseloadImportRow, CaseloadPlan> = {
  columns: CASELOAD_IMPORT_COLUMNS,
  rowOf: caseloadRowOf,
  check: async (ctx, jobId, rows) => {
    const { problems, newRows, unchanged, specialists } = await checkReferences(ctx, jobId, rows);
    return {
      problems,
      plan: { rows: newRows, specialists },
      rowsNew: newRows.length,
      rowsUnchanged: unchanged,
    };
  },
  build: (ctx, jobId, plan, stamp) =>
    plan.rows.map((row) => {
      const built = rowItems(ctx, jobId, row, plan.specialists.get(row.specialistEmail) ?? ctx.userId, stamp);
      return {
        claims: built.claim,
        items: built.plain,
        caseWrites: [{ record: built.record, previous: null, records: built.records }],
      };
    }),
  auditRecordType: 'caseload_import',
};
