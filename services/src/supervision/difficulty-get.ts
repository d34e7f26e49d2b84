import { auditItem } from '../data/audit.ts';
import { appendAudit } from '../data/audit-store.ts';
import { readDifficulty } from '../data/difficult-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import type { Operation } from '../http/route.ts';
import { readableCase } from '../policy/case-access.ts';
import type { getDifficultyRoute } from '@kikan/shared/contracts/supervision';
import { resultOf } from './difficulty-move.ts';

/**
 * The difficulty file is part of the full record: the office holding the case and the core center
 * once the case is shared with it. Reads and refusals are audited like a case read.
 */
export const getDifficultyOperation: Operation<typeof getDifficultyRoute> = async (input) => {
  const { ctx, requestId, now } = input;
  const record = await readableCase(input, input.params.caseId);
  const { file, meetings } = await readDifficulty(ctx.tenantId, record.caseId);
  if (!file) throw new NotFoundError('このケースは困難事例として登録されていません');
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'read',
      recordType: 'difficulty',
      recordId: record.caseId,
      recordOfficeId: record.officeId,
    }),
  );
  return { ...resultOf(record, file), meetings };
};
