import type { TenantContext } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { getCaseForUpdate } from '../data/cycle-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { mayWriteCase } from '../policy/access-policy.ts';
import { refusedCase } from '../policy/case-access.ts';

/**
 * A case the caller may write to; anything else is the same 404 as a case that does not exist (an
 * existing one's refusal is audited as `denied`).
 */
export const readWritableCase = async (ctx: TenantContext, caseId: string): Promise<CaseRecord> => {
  const record = await getCaseForUpdate(ctx.tenantId, caseId);
  if (!record) throw new NotFoundError();
  if (!mayWriteCase(ctx, record)) throw refusedCase(record);
  return record;
};
