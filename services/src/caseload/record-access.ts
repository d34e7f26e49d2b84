import type { TenantContext } from '@kikan/shared';
import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getCase, type CaseRecord } from '../data/case-store.ts';
import { getCaseForWrite } from '../data/record-store.ts';
import {
  AccessRefusedError,
  ConflictError,
  NotFoundError,
  PreconditionRequiredError,
  VersionMismatchError,
} from '../http/errors.ts';
import { caseVisibility, mayWriteCase } from '../policy/access-policy.ts';

/** A write refused on a case that is not the caller's: audited once as `denied` (SECURITY.md row 15). */
export const refusedCase = (record: Pick<CaseRecord, 'caseId' | 'officeId'>) =>
  new AccessRefusedError({ recordType: 'case', recordId: record.caseId, recordOfficeId: record.officeId });

/** The preconditions every record route shares: which case, whose, which version, a retry. */

interface Caller {
  ctx: TenantContext;
  requestId: string;
  now: Date;
}

/**
 * A case the caller may write to (its own office's). Anything else is the same 404 as a case that
 * does not exist; a refusal of an existing case leaves one `denied` audit entry and nothing else.
 */
export const writableCase = async ({ ctx }: Caller, caseId: string): Promise<CaseRecord> => {
  const record = await getCaseForWrite(ctx.tenantId, caseId);
  if (!record) throw new NotFoundError();
  if (!mayWriteCase(ctx, record)) throw refusedCase(record);
  return record;
};

/** New records go to open cases only: a closed case's file is kept as it was closed. */
export const requireOpen = (record: CaseRecord): CaseRecord => {
  if (record.phase === 'closed') throw new ConflictError('終結したケースには記録を追加できません');
  return record;
};

/**
 * A case whose records the caller may read in full: its own office's, or one shared with the core
 * center. A refusal is audited like one of GET /api/cases/{caseId}.
 */
export const readableCase = async ({ ctx, requestId, now }: Caller, caseId: string): Promise<CaseRecord> => {
  const record = await getCase(ctx.tenantId, caseId);
  if (!record) throw new NotFoundError();
  if (caseVisibility(ctx, record) !== 'full') {
    await appendAudit(
      auditItem(ctx, requestId, now, {
        action: 'denied',
        recordType: 'case',
        recordId: record.caseId,
        recordOfficeId: record.officeId,
      }),
    );
    throw new NotFoundError();
  }
  return record;
};

/** Updates name the version they were based on; a stale one is refused before anything is written. */
export const requireVersion = (ifMatch: number | null, currentVersion: number): number => {
  if (ifMatch === null) throw new PreconditionRequiredError();
  if (ifMatch !== currentVersion) throw new VersionMismatchError(currentVersion);
  return ifMatch;
};
