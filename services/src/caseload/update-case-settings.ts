import { isCaseWorker } from '@kikan/shared/access-policy';
import { getUser } from '../data/directory-store.ts';
import { writeCaseChange } from '../data/cycle-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { toCaseView } from '../policy/case-view.ts';
import { applyCaseSettings } from './case-changes.ts';
import { stampOf } from '../kernel/stamp.ts';
import type { updateCaseSettingsRoute } from '@kikan/shared/contracts/caseload';
import { readWritableCase } from './writable-case.ts';

const isCaseWorkerOf = async (tenantId: string, officeId: string, userId: string): Promise<boolean> => {
  const user = await getUser(tenantId, userId);
  return user?.officeId === officeId && isCaseWorker(user.role);
};

export const updateCaseSettings: GuardedOperation<typeof updateCaseSettingsRoute, CaseRecord> = {
  authorize: ({ ctx, params }) => readWritableCase(ctx, params.caseId),
  versionOf: (current) => current.version,
  run: async ({ ctx, body, requestId, now }, current) => {
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
  },
};
