import { todayInJapan, type Assessment } from '@kikan/shared';
import { getAssessment, updateAssessment as storeAssessment } from '../data/record-store.ts';
import { ConflictError, NotFoundError } from '../kernel/errors.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { checkHistoryDay } from './history-days.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { updateAssessmentRoute } from '@kikan/shared/contracts/caseload';

/** Only a draft changes (its 実施日 too, kept when left out); a finalised assessment stays as it was. */
export const updateAssessment: GuardedOperation<
  typeof updateAssessmentRoute,
  { record: CaseRecord; assessment: Assessment }
> = {
  authorize: async (input) => {
    const { ctx, params } = input;
    const record = requireOpen(await writableCase(input, params.caseId));
    const assessment = await getAssessment(ctx.tenantId, record.caseId, params.assessmentVersion);
    if (!assessment) throw new NotFoundError();
    if (assessment.status === 'final') {
      throw new ConflictError('確定したアセスメントは変更できません。新しいアセスメントを作成してください');
    }
    return { record, assessment };
  },
  versionOf: ({ assessment }) => assessment.version,
  run: async ({ ctx, body, requestId, now }, { record, assessment }) => {
    const { conductedOn = assessment.conductedOn, ...content } = body;
    if (body.conductedOn !== undefined) {
      checkHistoryDay('body.conductedOn', '実施日', body.conductedOn, {
        openedOn: record.openedOn,
        today: todayInJapan(now),
      });
    }
    const next: Assessment = {
      ...assessment,
      content,
      conductedOn,
      version: assessment.version + 1,
      updatedAt: now.toISOString(),
    };
    await storeAssessment({
      write: { ctx, requestId, now },
      caseRecord: record,
      assessment: next,
      expectedVersion: assessment.version,
    });
    return next;
  },
};
