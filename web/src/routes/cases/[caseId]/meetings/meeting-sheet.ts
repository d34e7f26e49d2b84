import { formatJapaneseEraDate, type CaseView, type Me, type Meeting } from '@kikan/shared';
import { staffName, type SheetContext } from '../plans/plan-api.ts';

/** What the printed サービス担当者会議録 shows around its records, laid out like the plan's sheet. */
export interface MeetingSheetHeader {
  personName: string;
  recipientNumber: string;
  /** 開催日 in 令和. */
  heldOn: string;
  place: string;
  /** 開催時間 (14:00〜15:30), a dash when not recorded. */
  time: string;
  /** The plan version discussed, e.g. 「サービス等利用計画 第2版」. */
  plan: string;
  officeName: string;
  authorName: string;
}

const NOT_RECORDED = '—';

/** 開催時間 as the 会議録 writes it; a meeting recorded before the times were kept has none. */
export const meetingTimeLabel = (meeting: Pick<Meeting, 'startTime' | 'endTime'>): string => {
  if (!meeting.startTime) return NOT_RECORDED;
  return meeting.endTime ? `${meeting.startTime}〜${meeting.endTime}` : `${meeting.startTime}〜`;
};

export const meetingSheetHeader = (
  view: CaseView,
  meeting: Pick<Meeting, 'heldOn' | 'place' | 'startTime' | 'endTime' | 'planVersion' | 'createdBy'>,
  context: SheetContext,
  me: Me | null,
): MeetingSheetHeader => ({
  personName: view.visibility === 'full' ? view.personName : view.initials,
  recipientNumber: context.person?.recipientNumber ?? NOT_RECORDED,
  heldOn: formatJapaneseEraDate(meeting.heldOn),
  place: meeting.place || NOT_RECORDED,
  time: meetingTimeLabel(meeting),
  plan:
    meeting.planVersion === undefined
      ? NOT_RECORDED
      : `${view.serviceKind === 'child_plan_consultation' ? '障害児支援利用計画' : 'サービス等利用計画'} 第${meeting.planVersion}版`,
  officeName: me && me.officeId === view.officeId ? me.officeName : NOT_RECORDED,
  authorName: staffName(context.staff, meeting.createdBy, me),
});
