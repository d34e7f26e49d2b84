import { DifficultyResult, type DifficultyFile, type TenantContext } from '@kikan/shared';
import type { AuditEvent } from '../data/audit.ts';
import type { CaseRecord } from '../data/case-store.ts';
import { getDifficultyFile, writeDifficulty, type SharingEvent } from '../data/difficult-store.ts';
import { getCaseForWrite } from '../data/record-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Idempotency } from '../kernel/idempotency.ts';
import { stampOf, type Stamp } from '../kernel/stamp.ts';
import { mayActOnDifficulty, type DifficultyAct } from '../policy/access-policy.ts';

/** What every status move of a difficult case shares: which case, whose, which version, a retry. */

export interface MoveRequest {
  ctx: TenantContext;
  params: { caseId: string };
  idempotency: Idempotency | null;
  requestId: string;
  now: Date;
}

export interface MoveOutcome {
  record: CaseRecord;
  file: DifficultyFile;
  archived?: DifficultyFile;
  sharing?: SharingEvent;
  /** The person whose consent the sharing rests on: checked again inside the transaction. */
  consentOf?: string;
  audits?: AuditEvent[];
}

export const resultOf = (record: CaseRecord, file: DifficultyFile): DifficultyResult => ({
  caseId: record.caseId,
  version: record.version,
  sharedWithCore: record.sharedWithCore,
  ...(record.sharing ? { sharing: record.sharing } : {}),
  difficulty: file,
});

/**
 * A case the caller may act on this way: anything else is the same 404 as a case that does not
 * exist, and a refused move stores nothing.
 */
export const caseForDifficultyAct = async (
  ctx: TenantContext,
  caseId: string,
  act: DifficultyAct,
): Promise<CaseRecord> => {
  const record = await getCaseForWrite(ctx.tenantId, caseId);
  if (!record || !mayActOnDifficulty(ctx, record, act)) throw new NotFoundError();
  return record;
};

/**
 * One status move as a guarded operation on a versioned route: the case the caller may act on this
 * way first (so a retried Idempotency-Key is answered only to a caller still allowed), then the
 * function core's If-Match check on the case (428, 412 with the case's ETag), then the case, the
 * file, the board item and the audit entries in one transaction.
 */
export const difficultyMove = <I extends MoveRequest>(
  act: DifficultyAct,
  move: Move<I>,
  successStatus: 200 | 201 = 200,
): {
  authorize: (input: I) => Promise<CaseRecord>;
  versionOf: (record: CaseRecord) => number;
  run: (input: I, record: CaseRecord) => Promise<DifficultyResult>;
} => ({
  authorize: ({ ctx, params }) => caseForDifficultyAct(ctx, params.caseId, act),
  versionOf: (record) => record.version,
  run: (input, record) => runDifficultyMove(input, record, move, successStatus),
});

type Move<I extends MoveRequest> = (
  current: { record: CaseRecord; file: DifficultyFile | null },
  stamp: Stamp,
  input: I,
) => Promise<MoveOutcome>;

const runDifficultyMove = async <I extends MoveRequest>(
  request: I,
  record: CaseRecord,
  move: Move<I>,
  successStatus: 200 | 201,
): Promise<DifficultyResult> => {
  const { ctx, idempotency, requestId, now } = request;
  const file = await getDifficultyFile(ctx.tenantId, record.caseId);
  const outcome = await move({ record, file }, stampOf(ctx, now), request);
  const result = resultOf(outcome.record, outcome.file);
  const replayed = await writeDifficulty({
    write: { ctx, requestId, now },
    caseWrite: { record: outcome.record, previous: record },
    file: outcome.file,
    previousFile: file,
    ...(outcome.archived ? { archived: outcome.archived } : {}),
    ...(outcome.sharing ? { sharing: outcome.sharing } : {}),
    ...(outcome.consentOf ? { consentOf: outcome.consentOf } : {}),
    audits: [
      { action: 'update', recordType: 'case', recordId: record.caseId, recordOfficeId: record.officeId },
      {
        action: file ? 'update' : 'create',
        recordType: 'difficulty',
        recordId: record.caseId,
        recordOfficeId: record.officeId,
      },
      ...(outcome.audits ?? []),
    ],
    create: { idempotency, response: { status: successStatus, body: result } },
  });
  return replayed ? DifficultyResult.parse(replayed.body) : result;
};
