import {
  MONITORING_KIND_LABELS,
  MONITORING_METHOD_LABELS,
  SUPPORT_LEVEL_LABELS,
  formatJapaneseEraDate,
  type CaseView,
  type GoalProgressRecord,
  type Me,
  type Monitoring,
  type PlanChangeKind,
} from '@kikan/shared';
import { japanDateOfTimestamp } from '#lib/dates.ts';
import { staffName, type SheetContext } from '../plans/plan-api.ts';

/** What the header of the printed モニタリング報告書 shows, laid out like the plan's (様式). */
export interface MonitoringSheetHeader {
  /** モニタリング報告書（継続サービス利用支援・継続障害児支援利用援助） */
  subtitle: string;
  statusLabel: string;
  personName: string;
  recipientNumber: string;
  supportLevel: string;
  officeName: string;
  /** 計画作成担当者: the specialist who recorded the monitoring. */
  authorName: string;
  /** 計画作成日: the day the report was recorded, in 令和. */
  createdOn: string;
  /** モニタリング実施日 in 令和. */
  conductedOn: string;
  /** 次回モニタリング予定月 in 令和, or a dash for a monitoring recorded before the report kept it. */
  nextMonitoringMonth: string;
}

const NOT_RECORDED = '—';

/** `2026-06` → 令和8年6月 */
export const formatJapaneseEraMonth = (month: string): string =>
  formatJapaneseEraDate(`${month}-01`).replace(/1日$/, '');

export const monitoringSheetHeader = (
  view: CaseView,
  monitoring: Pick<
    Monitoring,
    'kind' | 'method' | 'conductedOn' | 'createdAt' | 'createdBy' | 'nextMonitoringMonth'
  >,
  context: SheetContext,
  me: Me | null,
): MonitoringSheetHeader => ({
  subtitle:
    view.serviceKind === 'child_plan_consultation' ? '継続障害児支援利用援助' : '継続サービス利用支援',
  statusLabel: `${MONITORING_KIND_LABELS[monitoring.kind]}・${MONITORING_METHOD_LABELS[monitoring.method]}`,
  personName: view.visibility === 'full' ? view.personName : view.initials,
  recipientNumber: context.person?.recipientNumber ?? NOT_RECORDED,
  supportLevel: context.person?.supportLevel
    ? SUPPORT_LEVEL_LABELS[context.person.supportLevel]
    : NOT_RECORDED,
  officeName: me && me.officeId === view.officeId ? me.officeName : NOT_RECORDED,
  authorName: staffName(context.staff, monitoring.createdBy, me),
  createdOn: formatJapaneseEraDate(japanDateOfTimestamp(monitoring.createdAt)),
  conductedOn: formatJapaneseEraDate(monitoring.conductedOn),
  nextMonitoringMonth: monitoring.nextMonitoringMonth
    ? formatJapaneseEraMonth(monitoring.nextMonitoringMonth)
    : NOT_RECORDED,
});

/** 有 / 無 of one plan-change column; a dash on a row recorded before the question was asked. */
export const planChangeMark = (row: GoalProgressRecord, kind: PlanChangeKind): string => {
  const answer = row[kind];
  if (answer === undefined) return NOT_RECORDED;
  return answer ? '有' : '無';
};

/** Rows in the plan's priority order; rows without a priority (typed in, or old) keep their place after. */
export const goalRowsInOrder = (rows: readonly GoalProgressRecord[]): GoalProgressRecord[] =>
  rows
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        (a.row.priority ?? Number.MAX_SAFE_INTEGER) - (b.row.priority ?? Number.MAX_SAFE_INTEGER) ||
        a.index - b.index,
    )
    .map(({ row }) => row);
