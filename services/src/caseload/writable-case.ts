import type { TenantContext } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { getCaseForUpdate } from '../data/cycle-store.ts';
import { NotFoundError } from '../http/errors.ts';
import { mayWriteCase } from '../policy/access-policy.ts';

/** A case the caller may write to; anything else is the same 404 as a case that does not exist. */
export const readWritableCase = async (ctx: TenantContext, caseId: string): Promise<CaseRecord> => {
  const record = await getCaseForUpdate(ctx.tenantId, caseId);
  if (!record || !mayWriteCase(ctx, record)) throw new NotFoundError();
  return record;
};
