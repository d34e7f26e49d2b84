import { randomUUID } from 'node:crypto';
import { Consultation, todayInJapan } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { createConsultation as storeConsultation } from '../data/record-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { requireOpen } from './record-access.ts';
import { writableCase } from '../policy/case-access.ts';
import type { createConsultationRoute } from '@kikan/shared/contracts/caseload';

export const createConsultation: GuardedOperation<typeof createConsultationRoute, CaseRecord> = {
  authorize: (input) => writableCase(input, input.params.caseId),
  run: async ({ ctx, body, idempotency, requestId, now }, target) => {
    const record = requireOpen(target);
    if (body.consultedOn > todayInJapan(now)) {
      throw new ValidationError([
        { field: 'body.consultedOn', message: '相談日に未来の日付は指定できません' },
      ]);
    }
    const consultation: Consultation = {
      ...body,
      recordId: randomUUID(),
      caseId: record.caseId,
      createdAt: now.toISOString(),
      createdBy: ctx.userId,
    };
    const replayed = await storeConsultation({
      write: { ctx, requestId, now },
      caseRecord: record,
      idempotency,
      response: { status: 201, body: consultation },
      consultation,
    });
    return replayed ? Consultation.parse(replayed.body) : consultation;
  },
};
