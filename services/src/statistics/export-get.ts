import { councilViewOf } from '@kikan/shared';
import { readRegionalIssues } from '../data/regional-issue-store.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csvText } from '../http/raw-response.ts';
import type { Operation } from '../http/route.ts';
import { councilPackWorkbook } from './export-council-pack.ts';
import { figuresCsvRows } from './export-csv.ts';
import { exportFigures } from './export-figures.ts';
import { councilPackFilename, figuresFilename } from './export-names.ts';
import { readExportSource, readWorkbookInput, sourceLabelOf } from './export-read.ts';
import type {
  councilPackRoute,
  exportFiguresCsvRoute,
  exportFiguresXlsxRoute,
} from '@kikan/shared/contracts/statistics';
import { figuresWorkbook, workbookBase64 } from './export-workbook.ts';

export const exportFiguresCsv: Operation<typeof exportFiguresCsvRoute> = async ({ ctx, query, now }) => {
  const source = await readExportSource(ctx, query, query.use, now);
  return {
    contentType: CSV_CONTENT_TYPE,
    body: csvText(
      figuresCsvRows(exportFigures(source.figures, query.use, source.versions), sourceLabelOf(source)),
    ),
    filename: figuresFilename(query.fiscalYear, {
      use: query.use,
      version: source.version,
      extension: 'csv',
    }),
  };
};

export const exportFiguresXlsx: Operation<typeof exportFiguresXlsxRoute> = async ({ ctx, query, now }) => {
  const source = await readExportSource(ctx, query, query.use, now);
  const input = await readWorkbookInput(ctx, source, query.use, now);
  return {
    contentType: XLSX_CONTENT_TYPE,
    encoding: 'base64',
    body: workbookBase64(figuresWorkbook(input, now)),
    filename: figuresFilename(query.fiscalYear, {
      use: query.use,
      version: source.version,
      extension: 'xlsx',
    }),
  };
};

/** Outside use always: the pack is handed to the council's members. */
export const exportCouncilPack: Operation<typeof councilPackRoute> = async ({ ctx, query, now }) => {
  const [source, issues] = await Promise.all([
    readExportSource(ctx, query, 'outside', now),
    readRegionalIssues(ctx.tenantId, query.fiscalYear),
  ]);
  const input = await readWorkbookInput(ctx, source, 'outside', now);
  return {
    contentType: XLSX_CONTENT_TYPE,
    encoding: 'base64',
    body: workbookBase64(councilPackWorkbook(input, issues.map(councilViewOf), now)),
    filename: councilPackFilename(query.fiscalYear),
  };
};
