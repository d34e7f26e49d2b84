import {
  EXPORT_USE_LABELS,
  INDICATOR_GROUPS,
  INDICATOR_GROUP_LABELS,
  SUPPRESSED_MARK,
  formatFiscalYear,
  type MemberMunicipality,
} from '@kikan/shared';
import type { ExportCell, ExportFigures, ExportIndicator, ExportSeries } from './export-figures.ts';
import { figuresTitle } from './export-names.ts';
import { Workbook, type CellStyle, type CellValue, type Worksheet } from '../files/xlsx-writer.ts';

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
  /** The municipality's 評価・課題 per indicator, kept with the version exported. */
  evaluations: Readonly<Record<string, string>>;
}

export const HEADER_FILL = 'FFDDEBF7';
export const TITLE_STYLE: CellStyle = { bold: true, size: 14 };
export const NOTE_STYLE: CellStyle = { size: 9 };
const BORDER = 'FF999999';
const HEADER_STYLE: CellStyle = {
  bold: true,
  fill: HEADER_FILL,
  border: BORDER,
  horizontal: 'center',
  vertical: 'center',
  wrapText: true,
};
/** Japanese documents set labels apart with the ideographic space. */
const SPACE = '\u3000';
const PERCENT_FORMAT = '0.0"%"';
/** A distance to the 見込量 with its sign: +2.5, −1.0. */
const GAP_FORMAT = '+0.0;-0.0;0.0';

/** Numbers stay numbers so the municipality can compute with them; a suppressed figure is the mark. */
const cellValue = (value: ExportCell | undefined): CellValue =>
  value === null || value === undefined ? null : value;

/** Sheet names: at most 31 characters, none of \ / ? * : [ ], unique in the workbook. */
const sheetName = (workbook: Workbook, wanted: string): string => {
  // Excel also refuses a name that begins or ends with an apostrophe.
  const base =
    wanted
      .replace(/[\\/?*:[\]]/g, '_')
      .slice(0, 28)
      .replace(/^'+|'+$/g, '') || 'Sheet';
  let name = base;
  for (let suffix = 2; workbook.hasSheet(name); suffix += 1) name = `${base}(${suffix})`;
  return name;
};

const useNote = (figures: ExportFigures): string =>
  figures.use === 'outside'
    ? `${EXPORT_USE_LABELS.outside}：1〜${figures.threshold - 1}の値と、そこから計算で分かる値は「${SUPPRESSED_MARK}」で表示`
    : EXPORT_USE_LABELS.internal;

const addTitledSheet = (
  workbook: Workbook,
  name: string,
  options: { title: string; note: string; frozenColumns: number; headerRows: number; widths: number[] },
): Worksheet => {
  const sheet = workbook.addSheet(sheetName(workbook, name), {
    frozen: { columns: options.frozenColumns, rows: 2 + options.headerRows },
    widths: options.widths,
    print: { title: options.title, orientation: 'landscape' },
  });
  sheet.addRow([options.title], TITLE_STYLE);
  sheet.addRow([options.note], NOTE_STYLE);
  return sheet;
};

const addHeaderRow = (sheet: Worksheet, values: readonly CellValue[], columns: number): number => {
  const row = sheet.addRow(values);
  for (let column = 1; column <= columns; column += 1) sheet.setStyle(row, column, HEADER_STYLE);
  return row;
};

const addBodyRow = (
  sheet: Worksheet,
  values: readonly CellValue[],
  columns: number,
  figureFormat?: string,
): number => {
  const row = sheet.addRow(values);
  for (let column = 1; column <= columns; column += 1) {
    sheet.setStyle(row, column, {
      border: BORDER,
      ...(figureFormat && column >= 4 ? { numFmt: figureFormat } : {}),
      ...(values[column - 1] === SUPPRESSED_MARK ? { horizontal: 'right' } : {}),
    });
  }
  return row;
};

/**
 * One sheet per indicator group, laid out as the plan's progress table: an indicator per block of
 * 見込量 / 実績 / 達成率 rows, a column per fiscal year of the plan period.
 */
const addGroupSheets = (workbook: Workbook, input: FiguresWorkbookInput) => {
  const { figures, planYears } = input;
  const yearIndicators = planYears.map(
    (year) =>
      new Map((year.figures?.indicators ?? []).map((indicator) => [indicator.indicatorId, indicator])),
  );
  const yearColumns = 3 + planYears.length;
  // The municipality's evaluation of the year, beside the three years (the PDCA sheet's last column).
  const evaluationColumn = yearColumns + 1;
  const columns = evaluationColumn;
  for (const group of INDICATOR_GROUPS) {
    const indicators = figures.indicators.filter((indicator) => indicator.group === group);
    if (indicators.length === 0) continue;
    const sheet = addTitledSheet(workbook, INDICATOR_GROUP_LABELS[group], {
      title: figuresTitle(figures.fiscalYear, figures.periodLabel),
      note: `${INDICATOR_GROUP_LABELS[group]}${SPACE}${useNote(figures)}${SPACE}${input.sourceLabel}`,
      frozenColumns: 3,
      headerRows: 2,
      widths: [44, 11, 12, ...planYears.map(() => 14), 48],
    });
    const periodHeader = addHeaderRow(
      sheet,
      [
        '指標',
        '単位',
        '区分',
        `計画期間（${figures.periodLabel}）`,
        ...planYears.slice(1).map(() => ''),
        `評価・課題（${formatFiscalYear(figures.fiscalYear)}）`,
      ],
      columns,
    );
    const yearHeader = addHeaderRow(
      sheet,
      ['', '', '', ...planYears.map((year) => formatFiscalYear(year.fiscalYear)), ''],
      columns,
    );
    sheet.merge(periodHeader, 4, periodHeader, yearColumns);
    for (const column of [1, 2, 3, evaluationColumn]) sheet.merge(periodHeader, column, yearHeader, column);

    for (const indicator of indicators) {
      const ofYear = (index: number) => yearIndicators[index]?.get(indicator.indicatorId);
      const targetOf = (index: number) =>
        ofYear(index)?.target ?? planYears[index]?.targets[indicator.indicatorId] ?? null;
      const lines: { kind: string; values: CellValue[]; format?: string }[] = [
        ...(indicator.hasTarget
          ? [{ kind: '見込量', values: planYears.map((_, index) => targetOf(index)) }]
          : []),
        { kind: '実績', values: planYears.map((_, index) => cellValue(ofYear(index)?.total.value)) },
        ...(indicator.hasTarget
          ? [
              // An indicator to lower has no 達成率 (achievementOf): its distance to the 見込量.
              indicator.lowerIsBetter
                ? {
                    kind: '見込量との差',
                    values: planYears.map((_, index) => cellValue(ofYear(index)?.targetGap)),
                    format: GAP_FORMAT,
                  }
                : {
                    kind: '達成率',
                    values: planYears.map((_, index) => cellValue(ofYear(index)?.achievementRate)),
                    format: PERCENT_FORMAT,
                  },
              { kind: '達成状況', values: planYears.map((_, index) => ofYear(index)?.attainment || null) },
            ]
          : []),
      ];
      const first = sheet.rowCount + 1;
      for (const { kind, values, format } of lines)
        addBodyRow(
          sheet,
          [
            indicator.label,
            // What the year's figure is made of, under its unit: 人/月 and 月平均, 部会 and 年度末時点.
            `${indicator.unit}\n${indicator.aggregationLabel}`,
            kind,
            ...values,
            input.evaluations[indicator.indicatorId] ?? '',
          ],
          columns,
          format,
        );
      // An empty merged cell reads back as no value at all in some readers: merge only a written one.
      const evaluated = Boolean(input.evaluations[indicator.indicatorId]);
      if (lines.length > 1) {
        for (const column of [1, 2, ...(evaluated ? [evaluationColumn] : [])]) {
          sheet.merge(first, column, sheet.rowCount, column);
        }
      }
      sheet.setStyle(first, evaluationColumn, { border: BORDER, vertical: 'top', wrapText: true });
      sheet.setStyle(first, 1, { border: BORDER, vertical: 'center', wrapText: true });
      sheet.setStyle(first, 2, { border: BORDER, vertical: 'center', wrapText: true });
      indicator.breakdown.forEach((part, partIndex) => {
        addBodyRow(
          sheet,
          [
            `${SPACE}うち${part.label}`,
            part.unit,
            '実績',
            ...planYears.map((_, index) => cellValue(ofYear(index)?.breakdown[partIndex]?.value)),
          ],
          columns,
        );
      });
    }
  }
};

/**
 * The months of one scope (the whole tenant, or one member municipality) for every indicator. A
 * member municipality's sheet ends with its own 見込量, 達成率 and 達成状況 (empty where it has none);
 * the whole's are on the progress tables.
 */
const addMonthlySheet = (
  workbook: Workbook,
  input: FiguresWorkbookInput,
  name: string,
  seriesOf: (indicator: ExportIndicator) => ExportSeries | undefined,
  withTargets = false,
) => {
  const { figures } = input;
  const targetHeadings = withTargets ? ['見込量', '達成率（％）', '達成状況'] : [];
  const columns = 4 + figures.months.length + targetHeadings.length;
  const sheet = addTitledSheet(workbook, name, {
    title: `${figuresTitle(figures.fiscalYear, figures.periodLabel)}${SPACE}${name}`,
    note: `${useNote(figures)}${SPACE}${input.sourceLabel}`,
    frozenColumns: 3,
    headerRows: 1,
    widths: [20, 44, 9, 11, ...figures.months.map(() => 8), ...(withTargets ? [10, 12, 16] : [])],
  });
  addHeaderRow(
    sheet,
    ['分類', '指標', '単位', '年度実績', ...figures.monthHeadings, ...targetHeadings],
    columns,
  );
  for (const indicator of figures.indicators) {
    const series = seriesOf(indicator);
    const own = series?.target === null || series?.target === undefined ? null : series;
    addBodyRow(
      sheet,
      [
        INDICATOR_GROUP_LABELS[indicator.group],
        indicator.label,
        indicator.unit,
        cellValue(series?.value),
        ...(series?.months ?? figures.months.map(() => null)).map(cellValue),
        ...(withTargets
          ? [cellValue(own?.target), cellValue(own?.achievementRate), own?.attainment ?? null]
          : []),
      ],
      columns,
    );
  }
};

/**
 * The plan's figures as sheets: a progress table per indicator group, the months of the whole, and,
 * for a core center set up jointly (共同設置), the months of each member municipality.
 */
export const addFigureSheets = (workbook: Workbook, input: FiguresWorkbookInput): void => {
  addGroupSheets(workbook, input);
  addMonthlySheet(workbook, input, '月別', (indicator) => indicator.total);
  if (input.municipalities.length > 1) {
    for (const municipality of input.municipalities) {
      addMonthlySheet(
        workbook,
        input,
        municipality.name,
        (indicator) =>
          indicator.byMunicipality.find((series) => series.municipalityCode === municipality.code),
        true,
      );
    }
  }
};

export const newWorkbook = (now: Date): Workbook => new Workbook({ creator: 'Kikan', created: now });

export const figuresWorkbook = (input: FiguresWorkbookInput, now: Date): Workbook => {
  const workbook = newWorkbook(now);
  addFigureSheets(workbook, input);
  return workbook;
};

/** The workbook as API Gateway carries a binary body. */
export const workbookBase64 = (workbook: Workbook): string => workbook.toBuffer().toString('base64');
