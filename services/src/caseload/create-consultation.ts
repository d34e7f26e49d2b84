import { randomUUID } from 'node:crypto';
import { Consultation, todayInJapan } from '@kikan/shared';
import { createConsultation as storeConsultation } from '../data/record-store.ts';
import { ValidationError } from '../http/errors.ts';
import type { Operation } from '../http/route.ts';
import { earlierResponse, openWritableCase } from './record-access.ts';
import type { createConsultationRoute } from './record-routes.ts';

export const createConsultation: Operation<typeof createConsultationRoute> = async (input) => {
  const { ctx, params, body, idempotency, requestId, now } = input;
  const replay = await earlierResponse(ctx, idempotency, Consultation);
  if (replay) return replay;
  const record = await openWritableCase(input, params.caseId);
  if (body.consultedOn > todayInJapan(now)) {
    throw new ValidationError([{ field: 'body.consultedOn', message: '相談日に未来の日付は指定できません' }]);
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
    officeId: record.officeId,
    idempotency,
    response: { status: 201, body: consultation },
    consultation,
  });
  return replayed ? Consultation.parse(replayed.body) : consultation;
};
