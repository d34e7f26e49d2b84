import {
  AUDIT_ACTION_LABELS,
  AUDIT_RECORD_TYPE_LABELS,
  ROLE_LABELS,
  type AuditEntryView,
} from '@kikan/shared';
import { readAuditRange } from '../data/audit-store.ts';
import { listUsers } from '../data/directory-store.ts';
import { ConflictError } from '../http/errors.ts';
import { CSV_CONTENT_TYPE, csvText } from '../http/raw-response.ts';
import type { Operation } from '../http/route.ts';
import { withActorNames } from './audit-list.ts';
import type { exportAuditRoute } from './audit-routes.ts';

/** A response stays far below Lambda's 6 MB at this many rows (about 200 bytes each). */
export const AUDIT_EXPORT_MAX_ENTRIES = 20_000;

export const AUDIT_CSV_HEADER = [
  '日時（日本時間）',
  '職員',
  '職員ID',
  '役割',
  '職員の事業所',
  '操作',
  '記録の種類',
  '記録ID',
  '記録の事業所',
  'リクエストID',
] as const;

/** "2026-11-22T03:04:05.000Z" → "2026-11-22 12:04:05": the reviewer reads Japan time. */
export const japanTime = (at: string): string =>
  new Date(Date.parse(at) + 9 * 60 * 60 * 1000).toISOString().slice(0, 19).replace('T', ' ');

export const auditCsvRows = (entries: readonly AuditEntryView[]): string[][] => [
  [...AUDIT_CSV_HEADER],
  ...entries.map((entry) => [
    japanTime(entry.at),
    entry.actorName,
    entry.actorUserId,
    ROLE_LABELS[entry.actorRole],
    entry.actorOfficeId,
    AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
    AUDIT_RECORD_TYPE_LABELS[entry.recordType] ?? entry.recordType,
    entry.recordId,
    entry.recordOfficeId ?? '',
    entry.requestId,
  ]),
];

/**
 * The log of a period for a privacy review: who read or changed which record, when, never what it
 * held. UTF-8 with BOM so Excel reads the Japanese headers.
 */
export const exportAudit: Operation<typeof exportAuditRoute> = async ({ ctx, query }) => {
  const [range, users] = await Promise.all([
    readAuditRange(ctx.tenantId, query.from, query.to, AUDIT_EXPORT_MAX_ENTRIES),
    listUsers(ctx.tenantId, { includeRemoved: true }),
  ]);
  if (range.truncated) {
    throw new ConflictError(
      `対象の記録が${AUDIT_EXPORT_MAX_ENTRIES.toLocaleString('ja-JP')}件を超えます。期間を短くしてください`,
    );
  }
  return {
    contentType: CSV_CONTENT_TYPE,
    filename: `監査ログ_${query.from}_${query.to}.csv`,
    body: csvText(auditCsvRows(withActorNames(range.items, users))),
  };
};
