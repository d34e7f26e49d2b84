import { councilViewOf, SUPPRESSED_MARK, type RegionalIssue } from '@kikan/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { councilPackWorkbook } from './export-council-pack.ts';
import { exportFigures } from './export-figures.ts';
import { jointFigures } from './export-fixtures.ts';
import { workbookBase64, type FiguresWorkbookInput } from './export-workbook.ts';

const NOW = new Date('2025-12-01T00:00:00Z');
const CASE_ID = 'case-7f3a9c2e';

const issue = (caseIds: readonly string[]): RegionalIssue => ({
  issueId: 'issue-0001',
  title: '短期入所の受け皿が足りない',
  category: 'short_stay',
  description: '医療的ケア児の短期入所先が圏域にない。',
  status: 'action',
  raisedOn: '2025-05-12',
  sources: caseIds.map((caseId) => ({
    kind: 'difficult_case' as const,
    caseId,
    note: '家族の介護負担が限界',
    officeId: 'office-himawari',
  })),
  history: [
    { status: 'raised', on: '2025-05-12', note: '', at: '2025-05-12T01:00:00.000Z', by: 'user-1' },
    { status: 'action', on: '2025-10-20', note: '予算要求へ', at: '2025-10-20T01:00:00.000Z', by: 'user-1' },
  ],
  sessions: [
    {
      eventId: 'event-1',
      kind: 'council_session',
      heldOn: '2025-07-15',
      title: '全体会（第1回）',
      at: '2025-07-15T01:00:00.000Z',
      by: 'user-1',
    },
  ],
  outcome: {
    actionKind: 'budget',
    note: '令和8年度予算で空床確保',
    planRevisionNote: '第8期に見込量を追加',
    recordedOn: '2025-10-20',
    at: '2025-10-20T01:00:00.000Z',
    by: 'user-1',
  },
  raisedByOfficeId: 'kibou-core',
  version: 3,
  createdAt: '2025-05-12T01:00:00.000Z',
  createdBy: 'user-1',
  updatedAt: '2025-10-20T01:00:00.000Z',
  updatedBy: 'user-1',
});

const figuresInput = (use: 'internal' | 'outside'): FiguresWorkbookInput => {
  const figures = exportFigures(jointFigures(), use);
  return {
    figures,
    planYears: [{ fiscalYear: 2025, figures, targets: {} }],
    municipalities: [{ code: '990001', name: '希望が丘市' }],
    sourceLabel: '承認済み 第1版',
    evaluations: {},
  };
};

const packOf = async (issues: readonly RegionalIssue[]): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  const built = councilPackWorkbook(figuresInput('outside'), issues.map(councilViewOf), NOW);
  const bytes = Buffer.from(await workbookBase64(built), 'base64');
  // exceljs types its input as an ArrayBuffer; a Node Buffer is a view on one.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return workbook;
};

const allTexts = (workbook: ExcelJS.Workbook): string[] =>
  workbook.worksheets.flatMap((sheet) => {
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    return texts;
  });

describe('councilPackWorkbook', () => {
  it('opens with the regional issues, then the figures', async () => {
    const workbook = await packOf([issue(['case-1', 'case-2', 'case-3'])]);

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '地域課題',
      '相談支援の利用',
      '基幹相談支援センター',
      '参考指標',
      '月別',
    ]);
    const sheet = workbook.getWorksheet('地域課題');
    expect(sheet?.getCell('A1').text).toBe('令和7年度 地域課題の状況（協議会資料）');
    expect(sheet?.getRow(4).values).toEqual([
      undefined,
      1,
      '短期入所の受け皿が足りない',
      '短期入所の不足',
      '医療的ケア児の短期入所先が圏域にない。',
      '施策化',
      '令和7年5月12日',
      '令和7年10月20日',
      3,
      0,
      '令和7年7月15日 全体会（第1回）',
      '予算措置：令和8年度予算で空床確保',
      '第8期に見込量を追加',
    ]);
  });

  it('counts the cases behind an issue, 1–2 shown as *', async () => {
    const sheet = (await packOf([issue(['case-1', 'case-2'])])).getWorksheet('地域課題');

    expect(sheet?.getRow(4).getCell(8).value).toBe(SUPPRESSED_MARK);
  });

  it('holds no case id, source note or office of the issue anywhere', async () => {
    const texts = allTexts(await packOf([issue([CASE_ID, 'case-2', 'case-3'])]));

    expect(texts.length).toBeGreaterThan(50);
    for (const secret of [CASE_ID, '家族の介護負担が限界', 'office-himawari']) {
      expect(texts.filter((text) => text.includes(secret))).toEqual([]);
    }
  });

  it('suppresses the figures for outside use', async () => {
    const texts = allTexts(await packOf([]));

    expect(texts).toContain(SUPPRESSED_MARK);
  });

  it('refuses figures made for internal use', () => {
    expect(() => councilPackWorkbook(figuresInput('internal'), [], NOW)).toThrow();
  });
});
