import {
  MAX_PAGE_SIZE,
  PersonView,
  Plan,
  type CaseView,
  type Me,
  type PlanSummary,
  type StaffMember,
} from '@kikan/shared';
import {
  getPersonRoute,
  getPlanRoute,
  listPlansRoute,
  listStaffRoute,
} from '@kikan/shared/contracts/caseload';
import type { ApiClient } from '#lib/api.ts';
import { currentPlan } from '../monitorings/monitoring-form.ts';
import type { PlanSheetSource } from './plan-sheet.ts';

/** Every version of a case's plans, newest first (a case has a handful, one page holds them). */
export const loadPlanVersions = async (api: ApiClient, caseId: string): Promise<PlanSummary[]> => {
  const page = await api.call(listPlansRoute, { params: { caseId }, query: { limit: MAX_PAGE_SIZE } });
  return [...page.items].sort((a, b) => b.planVersion - a.planVersion);
};

export const loadPlan = (api: ApiClient, caseId: string, planVersion: number): Promise<Plan> =>
  api.call(getPlanRoute, { params: { caseId, planVersion } });

/** The plan a monitoring checks against (newest final, else newest draft), or null. */
export const loadCurrentPlan = async (api: ApiClient, caseId: string): Promise<Plan | null> => {
  const current = currentPlan(await loadPlanVersions(api, caseId));
  return current ? loadPlan(api, caseId, current.planVersion) : null;
};

/** What the printed header needs beyond the case: the person record and the office's staff. */
export interface SheetContext {
  person: PersonView | null;
  staff: StaffMember[];
}

/** Either part may be missing (no permission, network): the sheet then shows a dash there. */
export const loadSheetContext = async (api: ApiClient, view: CaseView): Promise<SheetContext> => {
  const [person, staff] = await Promise.all([
    view.visibility === 'full'
      ? api.call(getPersonRoute, { params: { personId: view.personId } }).catch(() => null)
      : Promise.resolve(null),
    api.call(listStaffRoute).then(
      (list) => list.items,
      () => [],
    ),
  ]);
  return { person, staff };
};

export const staffName = (staff: readonly StaffMember[], userId: string, me: Me | null): string =>
  staff.find((member) => member.userId === userId)?.displayName ??
  (me && me.userId === userId ? me.displayName : '—');

export const sheetSourceOf = (
  view: CaseView,
  plan: PlanSheetSource['plan'] & { createdBy: string },
  context: SheetContext,
  me: Me | null,
): PlanSheetSource => ({
  view,
  plan,
  recipientNumber: context.person?.recipientNumber,
  supportLevel: context.person?.supportLevel,
  officeName: me && me.officeId === view.officeId ? me.officeName : '—',
  authorName: staffName(context.staff, plan.createdBy, me),
});
