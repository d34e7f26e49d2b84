import { randomUUID } from 'node:crypto';
import { AnonymousConsultation, todayInJapan } from '@kikan/shared';
import { createAnonymousConsultation as storeConsultation } from '../data/record-store.ts';
import { ValidationError } from '../kernel/errors.ts';
import { callersOwnScope, type GuardedOperation } from '../http/route.ts';
import type { createAnonymousConsultationRoute } from '@kikan/shared/contracts/caseload';

/** Basic consultation with nobody enrolled: kept under the caller's office, no personal data at all. */
export const createAnonymousConsultation: GuardedOperation<typeof createAnonymousConsultationRoute, void> = {
  authorize: callersOwnScope,
  run: async ({ ctx, body, idempotency, requestId, now }) => {
    if (body.consultedOn > todayInJapan(now)) {
      throw new ValidationError([
        { field: 'body.consultedOn', message: '相談日に未来の日付は指定できません' },
      ]);
    }
    const consultation: AnonymousConsultation = {
      ...body,
      recordId: randomUUID(),
      officeId: ctx.officeId,
      createdAt: now.toISOString(),
      createdBy: ctx.userId,
    };
    const replayed = await storeConsultation({
      write: { ctx, requestId, now },
      idempotency,
      response: { status: 201, body: consultation },
      consultation,
    });
    return replayed ? AnonymousConsultation.parse(replayed.body) : consultation;
  },
};
