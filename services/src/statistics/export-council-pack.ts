import {
  ISSUE_ACTION_KIND_LABELS,
  REGIONAL_ISSUE_CATEGORY_LABELS,
  REGIONAL_ISSUE_STATUS_LABELS,
  SUPPRESSED_MARK,
  formatFiscalYear,
  formatJapaneseEraDate,
  isSmallCount,
  type RegionalIssueCouncilView,
} from '@kikan/shared';
import {
  HEADER_FILL,
  NOTE_STYLE,
  TITLE_STYLE,
  addFigureSheets,
  newWorkbook,
  type FiguresWorkbookInput,
} from './export-workbook.ts';
import type { CellValue, Workbook } from '../files/xlsx-writer.ts';

const HEADERS = [
  '番号',
  '課題',
  '分野',
  '内容',
  '状況',
  '提起日',
  '最終の動き',
  '関係した事例数',
  '関係した会議数',
  '協議の場',
  '取組',
  '計画への反映',
] as const;
const WIDTHS = [6, 30, 16, 50, 12, 16, 16, 10, 10, 40, 40, 40];

/** One line of the issues sheet: counts and the core center's own words, never where they came from. */
export const regionalIssueRow = (
  issue: RegionalIssueCouncilView,
  index: number,
  threshold: number,
): CellValue[] => [
  index + 1,
  issue.title,
  REGIONAL_ISSUE_CATEGORY_LABELS[issue.category],
  issue.description,
  REGIONAL_ISSUE_STATUS_LABELS[issue.status],
  formatJapaneseEraDate(issue.raisedOn),
  formatJapaneseEraDate(issue.lastStepOn),
  // The pack leaves the tenant: one or two cases behind an issue could point at the people.
  isSmallCount(issue.caseCount, threshold) ? SUPPRESSED_MARK : issue.caseCount,
  issue.meetingCount,
  issue.sessions.map((session) => `${formatJapaneseEraDate(session.heldOn)} ${session.title}`).join('\n'),
  issue.outcome ? `${ISSUE_ACTION_KIND_LABELS[issue.outcome.actionKind]}：${issue.outcome.note}` : '',
  issue.planRevisionNote ?? '',
];

const addRegionalIssueSheet = (
  workbook: Workbook,
  fiscalYear: number,
  issues: readonly RegionalIssueCouncilView[],
  threshold: number,
) => {
  const title = `${formatFiscalYear(fiscalYear)} 地域課題の状況（協議会資料）`;
  const sheet = workbook.addSheet('地域課題', {
    frozen: { columns: 2, rows: 3 },
    widths: WIDTHS,
    print: { title, orientation: 'landscape' },
  });
  sheet.addRow([title], TITLE_STYLE);
  sheet.addRow(
    [`事例は件数のみを示し、1〜${threshold - 1}件は「${SUPPRESSED_MARK}」で表示しています。`],
    NOTE_STYLE,
  );
  sheet.addRow([...HEADERS], { bold: true, fill: HEADER_FILL });
  issues.forEach((issue, index) => {
    sheet.addRow(regionalIssueRow(issue, index, threshold), { vertical: 'top', wrapText: true });
  });
};

/**
 * The council's papers for a fiscal year: the regional issues as the council sees them, then the
 * plan's figures, always suppressed for outside use (the input's figures must be).
 */
export const councilPackWorkbook = (
  figuresInput: FiguresWorkbookInput,
  issues: readonly RegionalIssueCouncilView[],
  now: Date,
): Workbook => {
  if (figuresInput.figures.use !== 'outside')
    throw new Error('the council pack takes outside-use figures only');
  const workbook = newWorkbook(now);
  addRegionalIssueSheet(workbook, figuresInput.figures.fiscalYear, issues, figuresInput.figures.threshold);
  addFigureSheets(workbook, figuresInput);
  return workbook;
};
