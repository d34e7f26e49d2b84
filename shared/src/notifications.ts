import * as z from 'zod';
import { formatFiscalYear } from './calendar.ts';
import { IsoDate } from './ids.ts';

/**
 * What a signed-in user must act on (issue 16, point 3; ADR 0038): counts and links to the pages
 * that list them, never a name or any value of a person. Computed on reading from what the product
 * already holds; the daily e-mail digest sends the same list.
 */
export const NOTIFICATION_KINDS = [
  'monitoring_overdue',
  'monitoring_due',
  'decision_expired',
  'decision_ending',
  'difficulty_escalated',
  'difficulty_review_overdue',
  'difficulty_closing_proposed',
  'signoff_office_confirmation',
  'signoff_core_confirmation',
  'signoff_approval',
  'submission_returned',
  'decision_received',
  'submission_pending',
  'plan_request_overdue',
  'plan_request_open',
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NOTIFICATION_SEVERITIES = ['high', 'normal'] as const;
export const NotificationSeverity = z.enum(NOTIFICATION_SEVERITIES);
export type NotificationSeverity = z.infer<typeof NotificationSeverity>;

export const NOTIFICATION_SEVERITY_LABELS: Record<NotificationSeverity, string> = {
  high: '至急',
  normal: 'お知らせ',
};

/** Overdue and expired come first: late work harms the person; the rest is what is coming. */
export const NOTIFICATION_SEVERITY_OF: Record<NotificationKind, NotificationSeverity> = {
  monitoring_overdue: 'high',
  monitoring_due: 'normal',
  decision_expired: 'high',
  decision_ending: 'normal',
  difficulty_escalated: 'high',
  difficulty_review_overdue: 'high',
  difficulty_closing_proposed: 'normal',
  signoff_office_confirmation: 'normal',
  signoff_core_confirmation: 'normal',
  signoff_approval: 'normal',
  submission_returned: 'high',
  decision_received: 'normal',
  submission_pending: 'normal',
  plan_request_overdue: 'high',
  plan_request_open: 'normal',
};

const TITLES: Record<NotificationKind, string> = {
  monitoring_overdue: '期限を過ぎたモニタリング',
  monitoring_due: '今月が期限のモニタリング',
  decision_expired: '期限が切れた支給決定（新しい決定なし）',
  decision_ending: '3か月以内に期限が来る支給決定',
  difficulty_escalated: '基幹への連絡を受けた困難事例（受理待ち）',
  difficulty_review_overdue: '見直し日を過ぎた困難事例',
  difficulty_closing_proposed: '終結の承認待ちの困難事例',
  signoff_office_confirmation: '実績値の確認（事業所）',
  signoff_core_confirmation: '実績値の確認（基幹相談支援センター）',
  signoff_approval: '実績値の承認（市町村）',
  submission_returned: '差し戻された書類',
  decision_received: '支給決定が届いた',
  submission_pending: '受付待ちの提出書類',
  plan_request_overdue: '期限を過ぎた計画案の提出依頼',
  plan_request_open: '計画案の提出依頼',
};

/** The Japanese title of a notification; a sign-off names its fiscal year (令和7年度の…). */
export const notificationTitle = (kind: NotificationKind, fiscalYear?: number): string =>
  fiscalYear === undefined ? TITLES[kind] : `${formatFiscalYear(fiscalYear)}の${TITLES[kind]}`;

/**
 * A page of the portal, as a path with its query or hash: what the notification links to. Only
 * characters of the portal's own paths and the filters it reads; never anything personal.
 */
export const PortalPath = z
  .string()
  .max(200)
  // Never `//host`: under the portal's base that would be a link to another host.
  .regex(/^\/(?!\/)[A-Za-z0-9/_\-.?=&#]*$/);

export const Notification = z.strictObject({
  kind: NotificationKind,
  title: z.string(),
  count: z.number().int().positive(),
  severity: NotificationSeverity,
  path: PortalPath,
  /** The fiscal year a sign-off notification is about. */
  fiscalYear: z.number().int().optional(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.strictObject({
  today: IsoDate,
  /** Most urgent first (high before normal), then in the order of NOTIFICATION_KINDS. */
  items: z.array(Notification),
});
export type NotificationList = z.infer<typeof NotificationList>;

/** A notification of `kind`, or none when there is nothing to count. */
export const notificationOf = (
  kind: NotificationKind,
  count: number,
  path: string,
  fiscalYear?: number,
): Notification[] =>
  count > 0
    ? [
        {
          kind,
          title: notificationTitle(kind, fiscalYear),
          count,
          severity: NOTIFICATION_SEVERITY_OF[kind],
          path,
          ...(fiscalYear === undefined ? {} : { fiscalYear }),
        },
      ]
    : [];

const orderOf = (item: Notification) =>
  NOTIFICATION_SEVERITIES.indexOf(item.severity) * 100 + NOTIFICATION_KINDS.indexOf(item.kind);

export const sortNotifications = (items: readonly Notification[]): Notification[] =>
  [...items].sort((a, b) => orderOf(a) - orderOf(b) || (a.fiscalYear ?? 0) - (b.fiscalYear ?? 0));

/** The header's accessible name: 「お知らせ 3件」. */
export const notificationsLabel = (count: number): string => `お知らせ ${count}件`;

// ── The daily e-mail digest's preference (on the user's own directory entry) ──
export const DigestPreferenceInput = z.strictObject({ enabled: z.boolean() });
export type DigestPreferenceInput = z.infer<typeof DigestPreferenceInput>;

export const DigestPreference = z.strictObject({ enabled: z.boolean() });
export type DigestPreference = z.infer<typeof DigestPreference>;
