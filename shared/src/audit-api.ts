import * as z from 'zod';
import { IsoDate, OfficeId, UserId } from './ids.ts';
import { PageQuery } from './pagination.ts';
import { Role } from './role.ts';
import { OfficeMembership, UserStatus } from './user.ts';

/**
 * The tenant admin's view of the audit log, for a privacy review: who read or changed which record,
 * when. The log itself holds ids and codes only; names (staff, offices) are looked up when it is
 * read, and a client's name never appears — a case shows as its case code (ケース番号).
 */

/** The longest period one page or one export covers: a month keeps a filtered read bounded. */
export const AUDIT_MAX_DAYS = 31;

/**
 * ケース番号 as the offices see it (K-7F3Q2X; demo and scale data use other prefixes). A
 * pseudonymous code, so a filter by it puts nothing personal into an address or a log.
 */
export const CaseCode = z
  .string()
  .regex(/^[A-Z]{1,3}-[A-Z0-9]{1,12}$/, { error: 'ケース番号の形式が正しくありません（例：K-7F3Q2X）' });

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The number of Japan days from `from` to `to`, both included. */
export const daysInPeriod = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

const AUDIT_FILTERS = {
  /** The first and last day in Japan (JST), both included. */
  from: IsoDate,
  to: IsoDate,
  /** One staff member's entries: what they read, changed or were refused. */
  actorUserId: UserId.optional(),
  /**
   * Entries on one person's file: the case this code names, every other case of the same person
   * (at any office), their records, the person record and its consents.
   */
  caseCode: CaseCode.optional(),
};

const withPeriodChecks = <S extends z.ZodType<{ from: string; to: string }>>(schema: S): S =>
  schema
    .refine((value) => value.from <= value.to, { path: ['to'], error: '終了日は開始日以降にしてください' })
    .refine((value) => value.from > value.to || daysInPeriod(value.from, value.to) <= AUDIT_MAX_DAYS, {
      path: ['to'],
      error: `期間は${AUDIT_MAX_DAYS}日以内にしてください`,
    });

/** One page of the entries of a period, oldest first, with the filters given. */
export const AuditQuery = withPeriodChecks(PageQuery.extend(AUDIT_FILTERS));
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The same filters for the CSV export: every matching entry of the period. */
export const AuditExportQuery = withPeriodChecks(z.strictObject(AUDIT_FILTERS));
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

/** A staff member's office, role and status before or after an admin change, with the office's name. */
export const AuditMembershipView = z.strictObject({
  officeId: OfficeId,
  officeName: z.string(),
  role: Role,
  status: UserStatus,
  confirmsFigures: z.boolean().optional(),
  /** A part-timer's offices beyond the first (ADR 0033), named. */
  otherMemberships: z.array(OfficeMembership.extend({ officeName: z.string() })).optional(),
});
export type AuditMembershipView = z.infer<typeof AuditMembershipView>;

/**
 * One entry as the admin sees it: who did what to which record, when. Never content. Action and
 * record type stay open strings so an entry written by a newer feature still shows.
 */
export const AuditEntryView = z.strictObject({
  at: z.iso.datetime(),
  requestId: z.string(),
  actorUserId: UserId,
  actorName: z.string(),
  actorRole: Role,
  actorOfficeId: OfficeId,
  actorOfficeName: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  recordOfficeId: OfficeId.optional(),
  recordOfficeName: z.string().optional(),
  /** The code of the case the record is or belongs to, when known: how the admin tells cases apart. */
  caseCode: z.string().optional(),
  /** A change to a staff member (record type `user`): whom, and their membership before and after. */
  targetUserName: z.string().optional(),
  before: AuditMembershipView.optional(),
  after: AuditMembershipView.optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditPage = z.strictObject({
  items: z.array(AuditEntryView),
  nextCursor: z.string().nullable(),
  /** With a case-code filter: the codes of every case of that person, which the entries match. */
  caseCodes: z.array(z.string()).optional(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** Everyone the log can name, removed staff too: the admin filters by a staff member who has left. */
export const AuditStaffMember = z.strictObject({
  userId: UserId,
  displayName: z.string(),
  officeId: OfficeId,
  role: Role,
  status: UserStatus,
});
export type AuditStaffMember = z.infer<typeof AuditStaffMember>;

export const AuditStaffList = z.strictObject({ items: z.array(AuditStaffMember) });
export type AuditStaffList = z.infer<typeof AuditStaffList>;

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  read: '閲覧',
  create: '作成',
  update: '更新',
  delete: '削除',
  denied: '拒否（閲覧できない記録）',
  emergency_share: '緊急時の共有（同意なし・虐待）',
  expired: '保存期間満了による削除',
  merge: '統合（同一人物の2つの記録を1つに）',
  export: 'ファイルへの書き出し',
};

export const AUDIT_RECORD_TYPE_LABELS: Record<string, string> = {
  case: 'ケース',
  caseload: '事業所のケース一覧',
  person: '利用者',
  service_decision: '支給決定',
  monitoring: 'モニタリング',
  phase_change: 'フェーズの変更',
  consent: '同意',
  plan: '計画',
  meeting: 'サービス担当者会議',
  consultation: '相談記録',
  ledger_event: '基幹の活動記録',
  senior_specialist: '主任相談支援専門員の登録',
  difficulty: '困難事例',
  support_meeting: '支援会議',
  sharing: '基幹との共有',
  supervision: 'スーパービジョン',
  regional_issue: '地域課題',
  statistics_settings: '統計の設定',
  statistics_targets: '計画の目標値（見込量）',
  statistics_evaluation: '計画の評価・課題',
  figures_sign_off: '実績値の確認',
  figures_snapshot: '確定した実績値',
  retention_settings: '記録の保存期間',
  legal_hold: '保存期間後の保全（リーガルホールド）',
  user: '職員の所属・役割',
  office: '事業所',
  member_municipality: '構成市町村',
  caseload_import: 'ケースの一括取り込み',
  decisions_import: '支給決定の一括取り込み',
  submission: '市町村への提出書類',
};
