import { ConsultationCounts, SUPPORT_CATEGORIES } from '@kikan/shared';
import { listConsultationTalliesOfMonth, type ConsultationCountFields } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import { monthlyTally, tally } from './consultation-tally.ts';
import type { countConsultationsRoute } from '@kikan/shared/contracts/caseload';

export const countOfMonth = (
  month: string,
  officeId: string,
  records: ConsultationCountFields[],
): ConsultationCounts =>
  ConsultationCounts.parse({
    ...monthlyTally(month, officeId, records),
    bySupportCategory: tally(
      SUPPORT_CATEGORIES,
      records.flatMap((record) => record.supportCategories),
    ),
  });

/** The caller's own office only, whatever the role: the survey is filled in per office. */
export const countConsultations: Operation<typeof countConsultationsRoute> = async ({ ctx, query }) =>
  countOfMonth(
    query.month,
    ctx.officeId,
    await listConsultationTalliesOfMonth(ctx.tenantId, ctx.officeId, query.month),
  );
