import {
  ASSESSMENT_STATUS_LABELS,
  SUPPORT_LEVEL_LABELS,
  formatJapaneseEraDate,
  type Assessment,
  type CaseView,
  type Me,
} from '@kikan/shared';
import { staffName, type SheetContext } from '../plans/plan-api.ts';

/** What the header of the printed アセスメント票 shows, laid out like the plan's (様式). */
export interface AssessmentSheetHeader {
  statusLabel: string;
  personName: string;
  recipientNumber: string;
  supportLevel: string;
  /** 実施日 in 令和. */
  conductedOn: string;
  officeName: string;
  authorName: string;
}

const NOT_RECORDED = '—';

export const assessmentSheetHeader = (
  view: CaseView,
  assessment: Pick<Assessment, 'status' | 'assessmentVersion' | 'conductedOn' | 'createdBy'>,
  conductedOn: string,
  context: SheetContext,
  me: Me | null,
): AssessmentSheetHeader => ({
  statusLabel: `${ASSESSMENT_STATUS_LABELS[assessment.status]}・第${assessment.assessmentVersion}版`,
  personName: view.visibility === 'full' ? view.personName : view.initials,
  recipientNumber: context.person?.recipientNumber ?? NOT_RECORDED,
  supportLevel: context.person?.supportLevel
    ? SUPPORT_LEVEL_LABELS[context.person.supportLevel]
    : NOT_RECORDED,
  conductedOn: formatJapaneseEraDate(conductedOn),
  officeName: me && me.officeId === view.officeId ? me.officeName : NOT_RECORDED,
  authorName: staffName(context.staff, assessment.createdBy, me),
});
