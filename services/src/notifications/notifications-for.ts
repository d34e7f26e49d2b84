import {
  fiscalYearOf,
  notificationOf,
  sortNotifications,
  todayInJapan,
  type Notification,
  type NotificationList,
  type TenantContext,
} from '@kikan/shared';
import { getDirectoryEntries } from '../data/directory-store.ts';
import { readBoardCounts, readOwnCaseCounters, readSignOffs } from '../data/notification-store.ts';
import { dueCountsOf, type Counters } from '../data/office-counters.ts';
import { readCountersOfOffice } from '../data/office-stats-store.ts';
import { openPlanRequestsFor } from '../data/plan-request-store.ts';
import type { SignOffRecord } from '../data/signoff-store.ts';
import {
  DECISION_NEWS_DAYS,
  readOfficeNews,
  readPendingCount,
  type NewsRow,
} from '../data/submission-store.ts';
import { mayConfirmOfficeFigures } from '../policy/access-policy.ts';

/**
 * A user's notifications (ADR 0038), computed on reading from what the product holds, with no
 * write: the API's list and the daily e-mail digest call this one function with the user's context.
 * Every count equals the total of the page its link opens (the same predicates, the same day).
 */
export type NotificationSubject = Pick<TenantContext, 'tenantId' | 'officeId' | 'userId' | 'role'>;

/** Monitorings and renewals from counters by day, links to the lists that show the same cases. */
const caseloadNotifications = (
  counters: Counters,
  today: string,
  scope: 'mine' | 'office',
): Notification[] => {
  const due = dueCountsOf(counters, today);
  const cases = scope === 'mine' ? '/cases?assigned=me&' : '/cases?';
  const renewals = scope === 'mine' ? '/#renewals-mine' : '/#renewals-office';
  return [
    ...notificationOf('monitoring_overdue', due.overdue, `${cases}due=overdue`),
    ...notificationOf('monitoring_due', due.dueThisMonth, `${cases}due=due_this_month`),
    ...notificationOf('decision_expired', due.decisionExpired, renewals),
    ...notificationOf('decision_ending', due.decisionEnding, renewals),
  ];
};

/** The municipality's 計画案提出依頼 (ADR 0044): overdue ones apart, both open the office's list. */
const planRequestNotifications = async (
  subject: NotificationSubject,
  today: string,
  holderUserId: string | null,
): Promise<Notification[]> => {
  const open = await openPlanRequestsFor(subject.tenantId, subject.officeId, holderUserId);
  const overdue = open.filter((request) => request.dueOn < today).length;
  return [
    ...notificationOf('plan_request_overdue', overdue, '/requests'),
    ...notificationOf('plan_request_open', open.length - overdue, '/requests'),
  ];
};

type SignOffStep = 'office' | 'core' | { municipalityCode: string | null; joint: boolean };

/** Whose step a year's sign-off waits on (statistics/signoff-rules.ts: office → core → municipality). */
const awaits = (record: SignOffRecord, step: SignOffStep, officeId: string): boolean => {
  if (step === 'office') return record.status === 'open' && record.offices[officeId] === undefined;
  if (step === 'core') return record.status === 'open' && record.core === null;
  if (record.status !== 'core_confirmed') return false;
  if (!step.joint) return true;
  return step.municipalityCode !== null && record.memberApprovals[step.municipalityCode] === undefined;
};

const SIGN_OFF_KIND = {
  office: 'signoff_office_confirmation',
  core: 'signoff_core_confirmation',
  municipality: 'signoff_approval',
} as const;

/**
 * Sign-off steps waiting on the caller: the last fiscal year's (signed off after it ends), and the
 * current year's once someone has started it. One BatchGet of the two years' items.
 */
const signOffNotifications = async (
  subject: NotificationSubject,
  today: string,
  step: SignOffStep,
): Promise<Notification[]> => {
  const current = fiscalYearOf(today);
  const years = await readSignOffs(subject.tenantId, [current - 1, current]);
  const kind = typeof step === 'string' ? SIGN_OFF_KIND[step] : SIGN_OFF_KIND.municipality;
  return years
    .filter(({ record, exists }) => record.fiscalYear === current - 1 || exists)
    .filter(({ record }) => awaits(record, step, subject.officeId))
    .flatMap(({ record }) =>
      notificationOf(kind, 1, `/statistics?fy=${record.fiscalYear}#signoff-title`, record.fiscalYear),
    );
};

/**
 * What the municipality sent back (ADR 0043): submissions returned and not yet submitted again, and
 * decisions received in the last DECISION_NEWS_DAYS days — the specialist's own cases, or the office's
 * for the manager. The link opens the case of the newest one, whose page lists its submissions.
 */
const submissionNotifications = (news: readonly NewsRow[], now: Date, userId?: string): Notification[] => {
  const since = new Date(now.getTime() - DECISION_NEWS_DAYS * 86_400_000).toISOString();
  const mine = news.filter((row) => userId === undefined || row.specialistUserId === userId);
  const newestFirst = (rows: NewsRow[]) => [...rows].sort((a, b) => b.at.localeCompare(a.at));
  const returned = newestFirst(mine.filter((row) => row.sk.startsWith('RETURNED#')));
  const decided = newestFirst(mine.filter((row) => row.sk.startsWith('DECIDED#') && row.at >= since));
  const pathOf = (rows: NewsRow[]) => `/cases/${rows[0]?.caseId ?? ''}#submissions`;
  return [
    ...notificationOf('submission_returned', returned.length, pathOf(returned)),
    ...notificationOf('decision_received', decided.length, pathOf(decided)),
  ];
};

const itemsFor = async (subject: NotificationSubject, today: string, now: Date): Promise<Notification[]> => {
  switch (subject.role) {
    case 'specialist': {
      const [counters, directory, news, requests] = await Promise.all([
        readOwnCaseCounters(subject.tenantId, subject.officeId, subject.userId),
        getDirectoryEntries(subject.tenantId, subject.officeId, subject.userId),
        readOfficeNews(subject.tenantId, subject.officeId),
        planRequestNotifications(subject, today, subject.userId),
      ]);
      // A specialist the tenant admin named 数値確認者 confirms their office's figures (ADR 0031).
      const confirms = mayConfirmOfficeFigures(subject, directory.user);
      return [
        ...caseloadNotifications(counters, today, 'mine'),
        ...submissionNotifications(news, now, subject.userId),
        ...requests,
        ...(confirms ? await signOffNotifications(subject, today, 'office') : []),
      ];
    }
    case 'office_manager': {
      const [counters, requests, signOffs, news] = await Promise.all([
        readCountersOfOffice(subject.tenantId, subject.officeId),
        planRequestNotifications(subject, today, null),
        signOffNotifications(subject, today, 'office'),
        readOfficeNews(subject.tenantId, subject.officeId),
      ]);
      return [
        ...caseloadNotifications(counters, today, 'office'),
        ...submissionNotifications(news, now),
        ...requests,
        ...signOffs,
      ];
    }
    case 'core_supervisor': {
      const [board, signOffs] = await Promise.all([
        readBoardCounts(subject.tenantId, today),
        signOffNotifications(subject, today, 'core'),
      ]);
      return [
        ...notificationOf('difficulty_escalated', board.escalated, '/difficult-cases#status-escalated'),
        ...notificationOf('difficulty_review_overdue', board.reviewOverdue, '/difficult-cases#overdue-title'),
        ...notificationOf(
          'difficulty_closing_proposed',
          board.closingProposed,
          '/difficult-cases#status-closing_proposed',
        ),
        ...signOffs,
      ];
    }
    case 'municipal_officer': {
      const { tenant, office } = await getDirectoryEntries(
        subject.tenantId,
        subject.officeId,
        subject.userId,
      );
      // A joint tenant's member approves its own municipality's part (ADR 0029's member approvals).
      const municipalityCode = office?.type === 'municipal_division' ? office.municipalityCode : null;
      return signOffNotifications(subject, today, {
        municipalityCode,
        joint: (tenant?.members.length ?? 0) > 1,
      });
    }
    case 'municipal_caseworker': {
      const { office } = await getDirectoryEntries(subject.tenantId, subject.officeId, subject.userId);
      if (office?.type !== 'municipal_division') return [];
      const pending = await readPendingCount(subject.tenantId, office.municipalityCode);
      return notificationOf('submission_pending', pending, '/inbox?status=submitted');
    }
    case 'tenant_admin':
      return [];
  }
};

export const notificationsFor = async (
  subject: NotificationSubject,
  now: Date,
): Promise<NotificationList> => {
  const today = todayInJapan(now);
  return { today, items: sortNotifications(await itemsFor(subject, today, now)) };
};
