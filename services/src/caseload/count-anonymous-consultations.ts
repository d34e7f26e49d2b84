import { AnonymousConsultationCounts, AnonymousConsultationInput } from '@kikan/shared';
import { listAnonymousConsultationsOfMonth, type AnonymousCountFields } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { monthlyTally, tally } from './consultation-tally.ts';
import type { countAnonymousConsultationsRoute } from '@kikan/shared/contracts/caseload';

export const countAnonymous = (
  month: string,
  officeId: string,
  records: AnonymousCountFields[],
): AnonymousConsultationCounts =>
  AnonymousConsultationCounts.parse({
    ...monthlyTally(month, officeId, records),
    byTopic: tally(
      AnonymousConsultationInput.shape.topic.options,
      records.map((record) => record.topic),
    ),
  });

/** The caller's own office only: other offices' figures belong to the statistics of later issues. */
export const countAnonymousConsultations: Operation<typeof countAnonymousConsultationsRoute> = async ({
  ctx,
  query,
}) =>
  countAnonymous(
    query.month,
    ctx.officeId,
    await listAnonymousConsultationsOfMonth(ctx.tenantId, ctx.officeId, query.month),
  );
