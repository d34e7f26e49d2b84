import {
  CASE_PHASE_LABELS,
  DUE_STATUS_LABELS,
  SERVICE_KIND_LABELS,
  todayInJapan,
  type CaseListEntry,
  type CaseloadExportQuery,
  type TenantContext,
} from '@kikan/shared';
import type { exportCaseloadCsvRoute, exportCaseloadXlsxRoute } from '@kikan/shared/contracts/caseload';
import { auditItem } from '../data/audit.ts';
import { getCasesByIds } from '../data/case-store.ts';
import { appendAudit } from '../data/audit-store.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csvText } from '../http/raw-response.ts';
import type { Operation } from '../http/route.ts';
import { Workbook } from '../files/xlsx-writer.ts';
import { dueStatusOf } from './caseload-order.ts';
import { caseListEntries, caseloadSourceOf, readSortedCaseload } from './list-cases.ts';

/**
 * The office's own caseload as a file, for the office's staff only (the route's access: the core
 * center and the municipality take figures, never a list of names). It is the list with the same
 * filters and order, every row, and one audit entry names the office's caseload as exported:
 * the file holds names and 受給者証番号 and leaves the system.
 */
export const CASELOAD_COLUMNS = [
  'ケース番号',
  '氏名',
  'フリガナ',
  '生年月日',
  '受給者証番号',
  '担当者',
  'サービス種類',
  'フェーズ',
  '開始日',
  '次回モニタリング期限',
  '期限の状況',
  '終結日',
] as const;

export const caseloadRow = (entry: CaseListEntry, today: string): string[] => {
  if (entry.visibility !== 'full') throw new Error('an export row is a case seen in full');
  const due = dueStatusOf(entry.nextMonitoringDueOn, today);
  return [
    entry.caseCode,
    entry.personName,
    entry.personKana,
    entry.birthDate,
    entry.recipientNumber ?? '',
    entry.specialistName,
    SERVICE_KIND_LABELS[entry.serviceKind],
    CASE_PHASE_LABELS[entry.phase],
    entry.openedOn,
    entry.nextMonitoringDueOn ?? '',
    due === 'later' ? '' : DUE_STATUS_LABELS[due],
    entry.closedOn ?? '',
  ];
};

const caseloadRows = async (
  ctx: TenantContext,
  query: CaseloadExportQuery,
  requestId: string,
  now: Date,
): Promise<string[][]> => {
  // Office staff only (the route's access): their own office, every case in full.
  const source = caseloadSourceOf(ctx, query);
  if (source.kind !== 'office') throw new Error('an office worker lists one office');
  const { records } = await readSortedCaseload(ctx, source, query, now);
  const entries = await caseListEntries(
    ctx,
    await getCasesByIds(
      ctx.tenantId,
      records.map((row) => row.caseId),
    ),
    now,
  );
  await appendAudit(
    auditItem(ctx, requestId, now, {
      action: 'export',
      recordType: 'caseload',
      recordId: ctx.officeId,
      recordOfficeId: ctx.officeId,
    }),
  );
  const today = todayInJapan(now);
  return entries.map((entry) => caseloadRow(entry, today));
};

const filenameOf = (now: Date, extension: 'csv' | 'xlsx') => `ケース一覧_${todayInJapan(now)}.${extension}`;

export const exportCaseloadCsv: Operation<typeof exportCaseloadCsvRoute> = async ({
  ctx,
  query,
  requestId,
  now,
}) => ({
  contentType: CSV_CONTENT_TYPE,
  body: csvText([[...CASELOAD_COLUMNS], ...(await caseloadRows(ctx, query, requestId, now))]),
  filename: filenameOf(now, 'csv'),
});

export const exportCaseloadXlsx: Operation<typeof exportCaseloadXlsxRoute> = async ({
  ctx,
  query,
  requestId,
  now,
}) => {
  const rows = await caseloadRows(ctx, query, requestId, now);
  const workbook = new Workbook({ creator: '基幹 Kikan', created: now });
  const sheet = workbook.addSheet('ケース一覧', {
    widths: [12, 16, 20, 12, 14, 14, 16, 14, 12, 18, 12, 12],
    frozen: { columns: 0, rows: 1 },
  });
  sheet.addRow([...CASELOAD_COLUMNS], { bold: true, fill: 'FFDDEBF7' });
  for (const row of rows) sheet.addRow(row);
  return {
    contentType: XLSX_CONTENT_TYPE,
    encoding: 'base64',
    body: workbook.toBuffer().toString('base64'),
    filename: filenameOf(now, 'xlsx'),
  };
};
