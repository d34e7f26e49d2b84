import { formatFiscalYear, type ExportUse } from '@kikan/shared';

/** 「令和7年度 障害福祉計画 実績（第7期）」: the heading the plan's progress table carries. */
export const figuresTitle = (fiscalYear: number, periodLabel: string): string =>
  `${formatFiscalYear(fiscalYear)} 障害福祉計画 実績（${periodLabel}）`;

/**
 * 「令和7年度_障害福祉計画_実績.xlsx」; an approved version and outside use are named in the file, so
 * a file forwarded outside says what it is.
 */
export const figuresFilename = (
  fiscalYear: number,
  options: { use: ExportUse; version: number | null; extension: 'csv' | 'xlsx' },
): string =>
  [
    formatFiscalYear(fiscalYear),
    '障害福祉計画',
    '実績',
    ...(options.version === null ? [] : [`第${options.version}版`]),
    ...(options.use === 'outside' ? ['外部公表用'] : []),
  ].join('_') + `.${options.extension}`;

/** 「令和7年度_協議会資料.xlsx」 */
export const councilPackFilename = (fiscalYear: number): string =>
  `${formatFiscalYear(fiscalYear)}_協議会資料.xlsx`;
