import {
  AnonymousConsultationCounts,
  AnonymousConsultationInput,
  CONSULTATION_CHANNELS,
  CONSULTATION_COUNTERPARTS,
} from '@kikan/shared';
import { listAnonymousConsultationsOfMonth, type AnonymousCountFields } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import type { countAnonymousConsultationsRoute } from '@kikan/shared/contracts/caseload';

/** Every key appears, 0 when nothing happened: tables line up month by month. */
const tally = (keys: readonly string[], values: string[]) =>
  Object.fromEntries(keys.map((key) => [key, values.filter((value) => value === key).length]));

export const countAnonymous = (
  month: string,
  officeId: string,
  records: AnonymousCountFields[],
): AnonymousConsultationCounts =>
  AnonymousConsultationCounts.parse({
    month,
    officeId,
    total: records.length,
    totalMinutes: records.reduce((sum, record) => sum + record.minutes, 0),
    byChannel: tally(
      CONSULTATION_CHANNELS,
      records.map((record) => record.channel),
    ),
    byCounterpart: tally(
      CONSULTATION_COUNTERPARTS,
      records.map((record) => record.counterpart),
    ),
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
