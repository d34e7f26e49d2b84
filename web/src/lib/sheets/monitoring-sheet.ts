import { formatJapaneseEraDate, type GoalProgressRecord, type PlanChangeKind } from '@kikan/shared';

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

export const NOT_RECORDED = '—';

/** 支援目標の達成度 as the report writes it. */
export const ACHIEVEMENT_LABELS = {
  achieved: '達成',
  partly: '一部達成',
  not_yet: '未達成',
} as const;

/** `2026-06` → 令和8年6月 */
export const formatJapaneseEraMonth = (month: string): string =>
  formatJapaneseEraDate(`${month}-01`).replace(/1日$/, '');

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
