import type { SelfPlanView } from '@kikan/shared';
import type { SelfPlanRecord } from '../data/self-plan-store.ts';

export const selfPlanViewOf = (record: SelfPlanRecord): SelfPlanView => ({
  selfPlanId: record.selfPlanId,
  municipalityCode: record.municipalityCode,
  person: record.person,
  serviceKind: record.serviceKind,
  selfPlanReason: record.selfPlanReason,
  filedOn: record.filedOn,
  ...(record.decision ? { decision: record.decision } : {}),
  version: record.version,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
});
