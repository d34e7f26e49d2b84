import { getUser } from '../data/directory-store.ts';
import { writeCaseChange } from '../data/cycle-store.ts';
import { PreconditionRequiredError, ValidationError, VersionMismatchError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import { toCaseView } from '../policy/case-view.ts';
import { applyCaseSettings, stampOf } from './case-changes.ts';
import type { updateCaseSettingsRoute } from '@kikan/shared/contracts/caseload';
import { readWritableCase } from './writable-case.ts';

const isCaseWorkerOf = async (tenantId: string, officeId: string, userId: string): Promise<boolean> => {
  const user = await getUser(tenantId, userId);
  return user?.officeId === officeId && user.role !== 'municipal_officer' && user.role !== 'tenant_admin';
};

export const updateCaseSettings: Operation<typeof updateCaseSettingsRoute> = async ({
  ctx,
  params,
  body,
  ifMatch,
  requestId,
  now,
}) => {
  if (ifMatch === null) throw new PreconditionRequiredError();
  const current = await readWritableCase(ctx, params.caseId);
  if (current.version !== ifMatch) throw new VersionMismatchError(current.version);
  const record = applyCaseSettings(current, body, stampOf(ctx, now));
  if (
    body.specialistUserId &&
    !(await isCaseWorkerOf(ctx.tenantId, current.officeId, body.specialistUserId))
  ) {
    throw new ValidationError([
      { field: 'body.specialistUserId', message: 'この事業所の担当者を選んでください' },
    ]);
  }
  await writeCaseChange({ write: { ctx, requestId, now }, record, previous: current });
  return toCaseView(record, 'full', now);
};
