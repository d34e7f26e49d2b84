import {
  EXPORT_USE_LABELS,
  INDICATOR_GROUPS,
  INDICATOR_GROUP_LABELS,
  SUPPRESSED_MARK,
  formatFiscalYear,
  type MemberMunicipality,
} from '@kikan/shared';
import ExcelJS from 'exceljs';
import type { ExportCell, ExportFigures, ExportIndicator, ExportSeries } from './export-figures.ts';
import { monthLabel } from './export-figures.ts';
import { figuresTitle } from './export-names.ts';

/** One fiscal year of the plan period: its figures when known, and its 見込量 in any case. */
export interface PlanYear {
  fiscalYear: number;
  /** null for a year not begun (or not read): the progress table shows its 見込量 only. */
  figures: ExportFigures | null;
  /** indicatorId → 見込量, for a year without figures. */
  targets: Readonly<Record<string, number>>;
}

export interface FiguresWorkbookInput {
  /** The fiscal year asked for. */
  figures: ExportFigures;
  /** The three years of the plan period, in order, the one asked for among them. */
  planYears: readonly PlanYear[];
  municipalities: readonly MemberMunicipality[];
  /** Where the figures come from: 「集計値（…時点）」 or 「承認済み 第1版」. */
  sourceLabel: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF999999' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Japanese documents set labels apart with the ideographic space. */
const SPACE = '\u3000';
const PERCENT_FORMAT = '0.0"%"';

/** Numbers stay numbers so the municipality can compute with them; a suppressed figure is the mark. */
const cellValue = (value: ExportCell | undefined): ExcelJS.CellValue =>
  value === null || value === undefined ? null : value;

/** Sheet names: at most 31 characters, none of \ / ? * : [ ], unique in the workbook. */
const sheetName = (workbook: ExcelJS.Workbook, wanted: string): string => {
  const base = wanted.replace(/[\\/?*:[\]]/g, '_').slice(0, 28) || 'Sheet';
  let name = base;
  for (let suffix = 2; workbook.getWorksheet(name); suffix += 1) name = `${base}(${suffix})`;
  return name;
};

const useNote = (figures: ExportFigures): string =>
  figures.use === 'outside'
    ? `${EXPORT_USE_LABELS.outside}：1〜${figures.threshold - 1}の値と、そこから計算で分かる値は「${SUPPRESSED_MARK}」で表示`
    : EXPORT_USE_LABELS.internal;

const addTitledSheet = (
  workbook: ExcelJS.Workbook,
  name: string,
  options: { title: string; note: string; frozenColumns: number; headerRows: number; widths: number[] },
): ExcelJS.Worksheet => {
  const sheet = workbook.addWorksheet(sheetName(workbook, name), {
    views: [{ state: 'frozen', xSplit: options.frozenColumns, ySplit: 2 + options.headerRows }],
  });
  sheet.columns = options.widths.map((width) => ({ width }));
  sheet.addRow([options.title]).font = { bold: true, size: 14 };
  sheet.addRow([options.note]).font = { size: 9 };
  return sheet;
};

const styleHeader = (row: ExcelJS.Row) => {
  row.font = { bold: true };
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
};

const styleBody = (row: ExcelJS.Row, columns: number) => {
  for (let column = 1; column <= columns; column += 1) {
    const cell = row.getCell(column);
    cell.border = BORDER;
    if (cell.value === SUPPRESSED_MARK) cell.alignment = { horizontal: 'right' };
  }
};

/**
 * One sheet per indicator group, laid out as the plan's progress table: an indicator per block of
 * 見込量 / 実績 / 達成率 rows, a column per fiscal year of the plan period.
 */
const addGroupSheets = (workbook: ExcelJS.Workbook, input: FiguresWorkbookInput) => {
  const { figures, planYears } = input;
  const yearIndicators = planYears.map(
    (year) =>
      new Map((year.figures?.indicators ?? []).map((indicator) => [indicator.indicatorId, indicator])),
  );
  const columns = 3 + planYears.length;
  for (const group of INDICATOR_GROUPS) {
    const indicators = figures.indicators.filter((indicator) => indicator.group === group);
    if (indicators.length === 0) continue;
    const sheet = addTitledSheet(workbook, INDICATOR_GROUP_LABELS[group], {
      title: figuresTitle(figures.fiscalYear, figures.periodLabel),
      note: `${INDICATOR_GROUP_LABELS[group]}${SPACE}${useNote(figures)}${SPACE}${input.sourceLabel}`,
      frozenColumns: 3,
      headerRows: 2,
      widths: [44, 9, 9, ...planYears.map(() => 14)],
    });
    const periodHeader = sheet.addRow(['指標', '単位', '区分', `計画期間（${figures.periodLabel}）`]);
    const yearHeader = sheet.addRow([
      '',
      '',
      '',
      ...planYears.map((year) => formatFiscalYear(year.fiscalYear)),
    ]);
    styleHeader(periodHeader);
    styleHeader(yearHeader);
    sheet.mergeCells(periodHeader.number, 4, periodHeader.number, columns);
    for (const column of [1, 2, 3]) sheet.mergeCells(periodHeader.number, column, yearHeader.number, column);

    for (const indicator of indicators) {
      const ofYear = (index: number) => yearIndicators[index]?.get(indicator.indicatorId);
      const targetOf = (index: number) =>
        ofYear(index)?.target ?? planYears[index]?.targets[indicator.indicatorId] ?? null;
      const lines: { kind: string; values: ExcelJS.CellValue[]; format?: string }[] = [
        ...(indicator.hasTarget
          ? [{ kind: '見込量', values: planYears.map((_, index) => targetOf(index)) }]
          : []),
        { kind: '実績', values: planYears.map((_, index) => cellValue(ofYear(index)?.total.value)) },
        ...(indicator.hasTarget
          ? [
              {
                kind: '達成率',
                values: planYears.map((_, index) => cellValue(ofYear(index)?.achievementRate)),
                format: PERCENT_FORMAT,
              },
            ]
          : []),
      ];
      const first = sheet.rowCount + 1;
      for (const { kind, values, format } of lines) {
        const row = sheet.addRow([indicator.label, indicator.unit, kind, ...values]);
        if (format) for (let column = 4; column <= columns; column += 1) row.getCell(column).numFmt = format;
        styleBody(row, columns);
      }
      if (lines.length > 1) {
        sheet.mergeCells(first, 1, sheet.rowCount, 1);
        sheet.mergeCells(first, 2, sheet.rowCount, 2);
      }
      sheet.getCell(first, 1).alignment = { vertical: 'middle', wrapText: true };
      indicator.breakdown.forEach((part, partIndex) => {
        const row = sheet.addRow([
          `${SPACE}うち${part.label}`,
          part.unit,
          '実績',
          ...planYears.map((_, index) => cellValue(ofYear(index)?.breakdown[partIndex]?.value)),
        ]);
        styleBody(row, columns);
      });
    }
  }
};

/** The months of one scope (the whole tenant, or one member municipality) for every indicator. */
const addMonthlySheet = (
  workbook: ExcelJS.Workbook,
  input: FiguresWorkbookInput,
  name: string,
  seriesOf: (indicator: ExportIndicator) => ExportSeries | undefined,
) => {
  const { figures } = input;
  const columns = 4 + figures.months.length;
  const sheet = addTitledSheet(workbook, name, {
    title: `${figuresTitle(figures.fiscalYear, figures.periodLabel)}${SPACE}${name}`,
    note: `${useNote(figures)}${SPACE}${input.sourceLabel}`,
    frozenColumns: 3,
    headerRows: 1,
    widths: [20, 44, 9, 11, ...figures.months.map(() => 8)],
  });
  styleHeader(sheet.addRow(['分類', '指標', '単位', '年度実績', ...figures.months.map(monthLabel)]));
  for (const indicator of figures.indicators) {
    const series = seriesOf(indicator);
    const row = sheet.addRow([
      INDICATOR_GROUP_LABELS[indicator.group],
      indicator.label,
      indicator.unit,
      cellValue(series?.value),
      ...(series?.months ?? []).map(cellValue),
    ]);
    styleBody(row, columns);
  }
};

/**
 * The plan's figures as sheets: a progress table per indicator group, the months of the whole, and,
 * for a core center set up jointly (共同設置), the months of each member municipality.
 */
export const addFigureSheets = (workbook: ExcelJS.Workbook, input: FiguresWorkbookInput): void => {
  addGroupSheets(workbook, input);
  addMonthlySheet(workbook, input, '月別', (indicator) => indicator.total);
  if (input.municipalities.length > 1) {
    for (const municipality of input.municipalities) {
      addMonthlySheet(workbook, input, municipality.name, (indicator) =>
        indicator.byMunicipality.find((series) => series.municipalityCode === municipality.code),
      );
    }
  }
};

export const newWorkbook = (now: Date): ExcelJS.Workbook => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kikan';
  workbook.created = now;
  return workbook;
};

export const figuresWorkbook = (input: FiguresWorkbookInput, now: Date): ExcelJS.Workbook => {
  const workbook = newWorkbook(now);
  addFigureSheets(workbook, input);
  return workbook;
};

/** The workbook as API Gateway carries a binary body. */
export const workbookBase64 = async (workbook: ExcelJS.Workbook): Promise<string> =>
  Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
