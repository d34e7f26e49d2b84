import {
  AUDIT_ACTION_LABELS,
  AUDIT_RECORD_TYPE_LABELS,
  ROLE_LABELS,
  USER_STATUS_LABELS,
  type AuditEntryView,
  type AuditMembershipView,
} from '@kikan/shared';
import { readAuditPeriod } from '../data/audit-store.ts';
import { ConflictError } from '../kernel/errors.ts';
import { CSV_CONTENT_TYPE, csvText } from '../http/raw-response.ts';
import type { Operation } from '../http/route.ts';
import { auditSelection, namesFor, toAuditViews } from './audit-list.ts';
import type { exportAuditRoute } from '@kikan/shared/contracts/admin';

/** A response stays far below Lambda's 6 MB at this many rows (about 250 bytes each). */
export const AUDIT_EXPORT_MAX_ENTRIES = 20_000;

export const AUDIT_CSV_HEADER = [
  '日時（日本時間）',
  '職員',
  '職員ID',
  '役割',
  '職員の事業所',
  '操作',
  '記録の種類',
  'ケース番号',
  '記録ID',
  '記録の事業所',
  '変更された職員',
  '変更前',
  '変更後',
  'リクエストID',
] as const;

/** "2026-11-22T03:04:05.000Z" → "2026-11-22 12:04:05": the reviewer reads Japan time. */
export const japanTime = (at: string): string =>
  new Date(Date.parse(at) + 9 * 60 * 60 * 1000).toISOString().slice(0, 19).replace('T', ' ');

/** あおぞら相談支援事業所・事業所管理者・利用中 */
export const membershipText = (membership: AuditMembershipView | undefined): string =>
  membership
    ? `${membership.officeName}・${ROLE_LABELS[membership.role]}・${USER_STATUS_LABELS[membership.status]}`
    : '';

export const auditCsvRows = (entries: readonly AuditEntryView[]): string[][] => [
  [...AUDIT_CSV_HEADER],
  ...entries.map((entry) => [
    japanTime(entry.at),
    entry.actorName,
    entry.actorUserId,
    ROLE_LABELS[entry.actorRole],
    entry.actorOfficeName,
    AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
    AUDIT_RECORD_TYPE_LABELS[entry.recordType] ?? entry.recordType,
    entry.caseCode ?? '',
    entry.recordId,
    entry.recordOfficeName ?? '',
    entry.targetUserName ?? '',
    membershipText(entry.before),
    membershipText(entry.after),
    entry.requestId,
  ]),
];

/**
 * The log of a period for a privacy review, with the page's filters: who read or changed which
 * record, when, never what it held. UTF-8 with BOM so Excel reads the Japanese headers.
 */
export const exportAudit: Operation<typeof exportAuditRoute> = async ({ ctx, query }) => {
  const { subject, matches } = await auditSelection(ctx.tenantId, query);
  const range = await readAuditPeriod(ctx.tenantId, query, AUDIT_EXPORT_MAX_ENTRIES, matches);
  if (range.truncated) {
    throw new ConflictError(
      `対象の記録が${AUDIT_EXPORT_MAX_ENTRIES.toLocaleString('ja-JP')}件を超えます。期間を短くするか、条件を絞ってください`,
    );
  }
  const names = await namesFor(ctx.tenantId, range.items, subject);
  return {
    contentType: CSV_CONTENT_TYPE,
    filename: `監査ログ_${query.from}_${query.to}${query.caseCode ? `_${query.caseCode}` : ''}.csv`,
    body: csvText(auditCsvRows(toAuditViews(range.items, names))),
  };
};
