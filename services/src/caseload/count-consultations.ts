import {
  CONSULTATION_CHANNELS,
  CONSULTATION_COUNTERPARTS,
  ConsultationCounts,
  SUPPORT_CATEGORIES,
} from '@kikan/shared';
import { listConsultationTalliesOfMonth, type ConsultationCountFields } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import type { countConsultationsRoute } from '@kikan/shared/contracts/caseload';

/** Every key appears, 0 when nothing happened: the survey's table has every row each month. */
const tally = (keys: readonly string[], values: string[]) =>
  Object.fromEntries(keys.map((key) => [key, values.filter((value) => value === key).length]));

export const countOfMonth = (
  month: string,
  officeId: string,
  records: ConsultationCountFields[],
): ConsultationCounts =>
  ConsultationCounts.parse({
    month,
    officeId,
    total: records.length,
    totalMinutes: records.reduce((sum, record) => sum + record.minutes, 0),
    bySupportCategory: tally(
      SUPPORT_CATEGORIES,
      records.flatMap((record) => record.supportCategories),
    ),
    byChannel: tally(
      CONSULTATION_CHANNELS,
      records.map((record) => record.channel),
    ),
    byCounterpart: tally(
      CONSULTATION_COUNTERPARTS,
      records.map((record) => record.counterpart),
    ),
  });

/** The caller's own office only, whatever the role: the survey is filled in per office. */
export const countConsultations: Operation<typeof countConsultationsRoute> = async ({ ctx, query }) =>
  countOfMonth(
    query.month,
    ctx.officeId,
    await listConsultationTalliesOfMonth(ctx.tenantId, ctx.officeId, query.month),
  );
