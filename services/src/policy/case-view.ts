import { ageBandOf, ageOn, todayInJapan, type CaseView } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import type { CaseVisibility } from './access-policy.ts';

/** "サトウ ハナコ" → "サ・ハ": the first kana of each part of the name. */
export const initialsOf = (kana: string): string =>
  kana
    .split(/[\s\u3000]+/)
    .filter(Boolean)
    .map((part) => part[0])
    .join('・');

/** Shapes a stored case for one caller. Pseudonymised views carry no name, kana or birth date. */
export const toCaseView = (
  record: CaseRecord,
  visibility: Exclude<CaseVisibility, 'none'>,
  now: Date,
): CaseView => {
  const common = {
    caseId: record.caseId,
    caseCode: record.caseCode,
    officeId: record.officeId,
    serviceKind: record.serviceKind,
    planAuthor: record.planAuthor,
    ...(record.selfPlanReason ? { selfPlanReason: record.selfPlanReason } : {}),
    phase: record.phase,
    monitoringPeriodMonths: record.monitoringPeriodMonths,
    serviceUseStatus: record.serviceUseStatus,
    openedOn: record.openedOn,
    sharedWithCore: record.sharedWithCore,
    nextMonitoringDueOn: record.nextMonitoringDueOn,
    monitoringOverdue: record.nextMonitoringDueOn !== null && record.nextMonitoringDueOn < todayInJapan(now),
    ...(record.decision ? { decisionValidTo: record.decision.validTo } : {}),
    ...(record.lastMonitoringOn ? { lastMonitoringOn: record.lastMonitoringOn } : {}),
    ...(record.closedOn ? { closedOn: record.closedOn } : {}),
    version: record.version,
    updatedAt: record.updatedAt,
  };
  if (visibility === 'pseudonymised') {
    return {
      visibility,
      ...common,
      initials: initialsOf(record.personKana),
      ageBand: ageBandOf(ageOn(record.birthDate, todayInJapan(now))),
    };
  }
  return {
    visibility,
    ...common,
    personId: record.personId,
    personName: record.personName,
    personKana: record.personKana,
    birthDate: record.birthDate,
    specialistUserId: record.specialistUserId,
    createdAt: record.createdAt,
  };
};
