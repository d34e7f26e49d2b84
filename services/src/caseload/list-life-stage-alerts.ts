import {
  LIFE_STAGE_TRANSITION_NOTES,
  todayInJapan,
  upcomingTransitions,
  type LifeStageAlert,
} from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import { findCasesOfOffice } from '../data/record-store.ts';
import type { Operation } from '../http/route.ts';
import type { listLifeStageAlertsRoute } from '@kikan/shared/contracts/caseload';

/**
 * Ages are computed, not stored, so the list reads the office's open cases through the
 * casesByOffice index. An office holds tens to a few hundred cases; the read stops at this bound
 * and the answer says it is incomplete (`truncated`).
 */
export const LIFE_STAGE_CASE_BOUND = 2000;

/** Seed 001: months ahead of turning 6, 18, 40 or 65, nearest first. */
export const lifeStageAlertsOf = (records: CaseRecord[], today: string): LifeStageAlert[] =>
  records
    .flatMap((record) =>
      upcomingTransitions(record.birthDate, today, 6).map((transition) => ({
        caseId: record.caseId,
        caseCode: record.caseCode,
        personId: record.personId,
        personName: record.personName,
        personKana: record.personKana,
        birthDate: record.birthDate,
        specialistUserId: record.specialistUserId,
        serviceKind: record.serviceKind,
        age: transition.age,
        reachesOn: transition.date,
        note: LIFE_STAGE_TRANSITION_NOTES[transition.age],
      })),
    )
    .sort((a, b) => a.reachesOn.localeCompare(b.reachesOn) || a.personKana.localeCompare(b.personKana));

export const listLifeStageAlerts: Operation<typeof listLifeStageAlertsRoute> = async ({
  ctx,
  query,
  now,
}) => {
  const page = await findCasesOfOffice(ctx.tenantId, ctx.officeId, {
    order: { by: 'kana', prefix: '' },
    matches: (record) =>
      record.phase !== 'closed' && (query.scope === 'office' || record.specialistUserId === ctx.userId),
    limit: LIFE_STAGE_CASE_BOUND,
    cursor: undefined,
    maxRead: LIFE_STAGE_CASE_BOUND,
  });
  return { items: lifeStageAlertsOf(page.items, todayInJapan(now)), truncated: page.nextCursor !== null };
};
