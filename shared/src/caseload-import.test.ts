import { describe, expect, it } from 'vitest';
import { CASELOAD_IMPORT_COLUMNS, caseloadRowOf } from './caseload-import.ts';
import { locateColumns, readRow } from './import-file.ts';

const TODAY = '2026-12-08';
const headers = CASELOAD_IMPORT_COLUMNS.map((column) => column.header);
const example = Object.fromEntries(CASELOAD_IMPORT_COLUMNS.map((column) => [column.header, column.example]));

const read = (cells: Record<string, string>) => {
  const { positions } = locateColumns(headers, CASELOAD_IMPORT_COLUMNS);
  const row = readRow(
    headers.map((header) => cells[header] ?? ''),
    2,
    CASELOAD_IMPORT_COLUMNS,
    positions,
  );
  if (row.problems.length) return { row: null, problems: row.problems };
  return caseloadRowOf(row.values, 2, TODAY);
};

describe('a caseload import row', () => {
  it('the template example is a valid row', () => {
    expect(read(example).problems).toEqual([]);
  });

  it('normalises full-width digits, hiragana readings and 令和 dates as the forms do', () => {
    const { row } = read({
      ...example,
      フリガナ: 'やまだ たろう',
      受給者証番号: '２０９９９９０００１',
      開始日: 'R7.4.1',
      'モニタリング期間（月）': '３か月',
    });
    expect(row?.person).toMatchObject({
      kana: 'ヤマダ タロウ',
      recipientNumber: '2099990001',
      birthDate: '1998-04-02',
    });
    expect(row?.openedOn).toBe('2025-04-01');
    expect(row?.monitoringPeriodMonths).toBe(3);
  });

  it('names the column of each problem, with the API’s own rules across cells', () => {
    expect(read({ ...example, 計画同意日: '令和7年4月1日' }).problems).toEqual([
      { row: 2, column: '計画同意日', message: '計画同意日は計画作成日以降にしてください' },
    ]);
    expect(read({ ...example, '支給決定期間 終了': '' }).problems).toEqual([
      {
        row: 2,
        column: '支給決定期間 終了',
        message: '支給決定は決定日・期間の開始・終了をすべて入力してください',
      },
    ]);
    expect(read({ ...example, 計画作成者: 'セルフプラン' }).problems).toEqual([
      { row: 2, column: 'セルフプランの理由', message: 'セルフプランの理由を入力してください' },
    ]);
    expect(read({ ...example, フェーズ: '終結' }).problems[0]?.column).toBe('フェーズ');
  });

  it('reports a missing required column once, for the file', () => {
    expect(
      locateColumns(
        headers.filter((header) => header !== '開始日'),
        CASELOAD_IMPORT_COLUMNS,
      ).problems,
    ).toEqual([{ row: 0, column: '開始日', message: '必須の列「開始日」がありません' }]);
  });
});
