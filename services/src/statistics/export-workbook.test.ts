import { SUPPRESSED_MARK } from '@kikan/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportFigures } from './export-figures.ts';
import { jointFigures } from './export-fixtures.ts';
import { figuresWorkbook, workbookBase64, type FiguresWorkbookInput } from './export-workbook.ts';

const NOW = new Date('2025-06-30T03:00:00Z');

const inputFor = (use: 'internal' | 'outside'): FiguresWorkbookInput => {
  const selected = exportFigures(jointFigures(), use);
  const previous = exportFigures(
    jointFigures({
      fiscalYear: 2024,
      elapsedMonths: 12,
      indicators: jointFigures().indicators.map((indicator) =>
        indicator.indicatorId === 'plan_consultation_users'
          ? { ...indicator, total: { ...indicator.total, value: 11.8 }, target: 18, achievementRate: 65.6 }
          : indicator,
      ),
    }),
    use,
  );
  return {
    figures: selected,
    planYears: [
      { fiscalYear: 2024, figures: previous, targets: {} },
      { fiscalYear: 2025, figures: selected, targets: { plan_consultation_users: 99 } },
      { fiscalYear: 2026, figures: null, targets: { plan_consultation_users: 22 } },
    ],
    municipalities: [
      { code: '990011', name: '北信市' },
      { code: '990012', name: '川辺町' },
    ],
    sourceLabel: '集計値（令和7年6月30日時点）',
    evaluations: { plan_consultation_users: '相談支援専門員の不足により見込量に届かなかった。' },
  };
};

/** Written and read back as a user's Excel would: what the file holds, not the object built. */
const roundTrip = async (input: FiguresWorkbookInput): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  const bytes = Buffer.from(await workbookBase64(figuresWorkbook(input, NOW)), 'base64');
  // exceljs types its input as an ArrayBuffer; a Node Buffer is a view on one.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return workbook;
};

const sheetOf = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

/** The row whose first three cells are the indicator label (or a merged continuation) and the kind. */
const planRow = (sheet: ExcelJS.Worksheet, label: string, kind: string): ExcelJS.CellValue[] => {
  let current = '';
  for (let index = 1; index <= sheet.rowCount; index += 1) {
    const row = sheet.getRow(index);
    current = row.getCell(1).text || current;
    if (current === label && row.getCell(3).text === kind)
      return [4, 5, 6].map((column) => row.getCell(column).value);
  }
  throw new Error(`no ${kind} row for ${label}`);
};

describe('figuresWorkbook', () => {
  it('has a sheet per indicator group, a 月別 sheet and one per member municipality of a joint tenant', async () => {
    const workbook = await roundTrip(inputFor('internal'));

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '相談支援の利用',
      '基幹相談支援センター',
      '参考指標',
      '月別',
      '北信市',
      '川辺町',
    ]);
  });

  it('titles each sheet with the fiscal year in 令和 and heads the plan period’s years in Japanese', async () => {
    const sheet = sheetOf(await roundTrip(inputFor('internal')), '相談支援の利用');

    expect(sheet.getCell('A1').text).toBe('令和7年度 障害福祉計画 実績（第7期）');
    expect([1, 2, 3, 4].map((column) => sheet.getRow(3).getCell(column).text)).toEqual([
      '指標',
      '単位',
      '区分',
      '計画期間（第7期）',
    ]);
    expect([4, 5, 6].map((column) => sheet.getRow(4).getCell(column).text)).toEqual([
      '令和6年度',
      '令和7年度',
      '令和8年度',
    ]);
  });

  it('lays each indicator out as 見込量 / 実績 / 達成率 over the three years, numbers as numbers', async () => {
    const sheet = sheetOf(await roundTrip(inputFor('internal')), '相談支援の利用');

    expect(planRow(sheet, '計画相談支援の利用者数', '見込量')).toEqual([18, 20, 22]);
    expect(planRow(sheet, '計画相談支援の利用者数', '実績')).toEqual([11.8, 13.3, null]);
    expect(planRow(sheet, '計画相談支援の利用者数', '達成率')).toEqual([65.6, 66.5, null]);
  });

  it('gives セルフプラン率, which should go down, its distance to the 見込量 instead of a 達成率', async () => {
    const sheet = sheetOf(await roundTrip(inputFor('internal')), '相談支援の利用');

    expect(() => planRow(sheet, 'セルフプラン率', '達成率')).toThrow();
    expect(planRow(sheet, 'セルフプラン率', '見込量との差')[1]).toBe(5); // 25 % − 20 %
    expect(planRow(sheet, 'セルフプラン率', '達成状況')[1]).toBe('見込量を超過');
    expect(planRow(sheet, '計画相談支援の利用者数', '達成状況')[1]).toBe('見込量の8割未満');
  });

  it("has the municipality's 評価・課題 of the year beside the three years, one cell per indicator", async () => {
    const sheet = sheetOf(await roundTrip(inputFor('internal')), '相談支援の利用');
    const header = sheet.getRow(3);
    const evaluationColumn = 7;

    expect(header.getCell(evaluationColumn).text).toBe('評価・課題（令和7年度）');
    expect(sheet.getColumn(evaluationColumn).width).toBe(48);
    const rows = Array.from({ length: sheet.rowCount }, (_, index) => sheet.getRow(index + 1));
    const users = rows.find((row) => row.getCell(1).text === '計画相談支援の利用者数');
    expect(users?.getCell(evaluationColumn).text).toBe('相談支援専門員の不足により見込量に届かなかった。');
    const selfPlan = rows.find((row) => row.getCell(1).text === 'セルフプラン率');
    expect(selfPlan?.getCell(evaluationColumn).text).toBe('');
  });

  it('says under each unit what the year is made of: 月平均, 年度累計 or 年度末時点', async () => {
    const sheet = sheetOf(await roundTrip(inputFor('internal')), '相談支援の利用');
    const unitOf = (label: string) => {
      for (let index = 1; index <= sheet.rowCount; index += 1) {
        if (sheet.getRow(index).getCell(1).text === label) return sheet.getRow(index).getCell(2).text;
      }
      return null;
    };

    expect(unitOf('計画相談支援の利用者数')).toBe('人/月\n月平均');
    expect(unitOf('セルフプラン率')).toBe('%\n年度末時点');
  });

  it('shows an indicator without a target by its 実績 alone, its breakdown below it', async () => {
    const sheet = sheetOf(await roundTrip(inputFor('internal')), '参考指標');

    expect(() => planRow(sheet, '困難事例の受付件数（類型別）', '見込量')).toThrow();
    expect(planRow(sheet, '困難事例の受付件数（類型別）', '実績')).toEqual([13, 13, null]);
    expect(planRow(sheet, '\u3000うち虐待', '実績')).toEqual([6, 6, null]);
  });

  it('freezes the headers and the indicator columns, and sets the column widths', async () => {
    const sheet = sheetOf(await roundTrip(inputFor('internal')), '相談支援の利用');

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
    expect(sheet.getColumn(1).width).toBe(44);
    expect(sheet.getColumn(5).width).toBe(14);
  });

  it('gives each month its column on the 月別 sheet and each municipality its own months', async () => {
    const workbook = await roundTrip(inputFor('internal'));
    const monthly = sheetOf(workbook, '月別');
    const kawabe = sheetOf(workbook, '川辺町');

    expect(monthly.getRow(3).getCell(5).text).toBe('4月');
    expect(monthly.getRow(3).getCell(16).text).toBe('3月');
    const usersRow = (sheet: ExcelJS.Worksheet) =>
      [4, 5, 6, 7, 8].map((column) => sheet.getRow(4).getCell(column).value);
    expect(monthly.getRow(4).getCell(2).text).toBe('計画相談支援の利用者数');
    expect(usersRow(monthly)).toEqual([13.3, 12, 13, 15, null]);
    expect(usersRow(kawabe)).toEqual([2.3, 2, 1, 4, null]);
    expect(kawabe.getCell('A1').text).toBe('令和7年度 障害福祉計画 実績（第7期）\u3000川辺町');
  });

  it("ends a member municipality's sheet with its own 見込量, 達成率 and 達成状況, empty where it has none", async () => {
    const figures = jointFigures();
    const selected = exportFigures(
      {
        ...figures,
        indicators: figures.indicators.map((indicator) =>
          indicator.indicatorId === 'plan_consultation_users'
            ? {
                ...indicator,
                byMunicipality: indicator.byMunicipality.map((series) =>
                  series.municipalityCode === '990011'
                    ? { ...series, target: 10, achievementRate: 110 }
                    : series,
                ),
              }
            : indicator,
        ),
      },
      'internal',
    );
    const workbook = await roundTrip({ ...inputFor('internal'), figures: selected });
    const targetCells = (name: string) =>
      [17, 18, 19].map((column) => sheetOf(workbook, name).getRow(4).getCell(column).value);

    expect([17, 18, 19].map((column) => sheetOf(workbook, '北信市').getRow(3).getCell(column).text)).toEqual([
      '見込量',
      '達成率（％）',
      '達成状況',
    ]);
    expect(targetCells('北信市')).toEqual([10, 110, '見込量に到達']);
    expect(targetCells('川辺町')).toEqual([null, null, null]);
    expect(sheetOf(workbook, '月別').getRow(3).getCell(17).text).toBe('');
  });

  it('has no municipality sheets for a tenant of one municipality', async () => {
    const workbook = await roundTrip({
      ...inputFor('internal'),
      municipalities: [{ code: '990001', name: '希望が丘市' }],
    });

    expect(workbook.worksheets.map((sheet) => sheet.name).at(-1)).toBe('月別');
  });

  it('writes * for suppressed figures in outside use and says so under the title', async () => {
    const workbook = await roundTrip(inputFor('outside'));
    const kawabe = sheetOf(workbook, '川辺町');

    expect([4, 5, 6, 7].map((column) => kawabe.getRow(4).getCell(column).value)).toEqual([
      SUPPRESSED_MARK,
      SUPPRESSED_MARK,
      SUPPRESSED_MARK,
      4,
    ]);
    expect(sheetOf(workbook, '相談支援の利用').getCell('A2').text).toContain(
      '1〜2の値と、そこから計算で分かる値は「*」',
    );
    expect(planRow(sheetOf(workbook, '参考指標'), '\u3000うち生活困窮', '実績')).toEqual([
      SUPPRESSED_MARK,
      SUPPRESSED_MARK,
      null,
    ]);
  });
});
