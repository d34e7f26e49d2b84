import { PersonView, type CaseView, type Me, type StaffMember } from '@kikan/shared';
import { getPersonRoute, listStaffRoute } from '@kikan/shared/contracts/caseload';
import type { ApiClient } from '#lib/api.ts';
import type { PlanSheetSource } from '#lib/sheets/plan-sheet.ts';

/** What the printed header needs beyond the case: the person record and the office's staff. */
export interface SheetContext {
  person: PersonView | null;
  staff: StaffMember[];
}

/** Before the context is read: the sheet shows dashes where it will fill in. */
export const NO_SHEET_CONTEXT: SheetContext = { person: null, staff: [] };

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
