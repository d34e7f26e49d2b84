import type { TenantContext } from '@kikan/shared';
import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { getCase, type CaseRecord } from '../data/case-store.ts';
import { getCaseForWrite } from '../data/record-store.ts';
import { AccessRefusedError, NotFoundError } from '../kernel/errors.ts';
import { caseVisibility, mayWriteCase } from './access-policy.ts';

/**
 * The access policy applied to a case as read: every context that acts on a case's records finds
 * it here, so a refusal is the same 404 (and the same audit entry) wherever it happens.
 */

/** A write refused on a case that is not the caller's: audited once as `denied` (SECURITY.md row 15). */
export const refusedCase = (record: Pick<CaseRecord, 'caseId' | 'officeId'>) =>
  new AccessRefusedError({ recordType: 'case', recordId: record.caseId, recordOfficeId: record.officeId });

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
