import { ExportQuery, FiguresQuery } from '@kikan/shared';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, rawFile } from '../http/raw-response.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';

/**
 * The municipality and the core center take the plan's figures away as files; offices confirm
 * theirs on screen and specialists see none. Outside use (and the council pack, always) suppresses
 * small counts (ADR 0013).
 */
export const EXPORTERS = ['municipal_officer', 'core_supervisor'] as const;

export const exportFiguresCsvRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/export.csv',
  context: 'statistics',
  access: EXPORTERS,
  summary:
    "A fiscal year's plan indicators as CSV (UTF-8 with BOM, for Excel): one row per indicator and scope, with 見込量, 実績, 達成率 and the months",
  query: ExportQuery,
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const exportFiguresXlsxRoute = defineRoute({
  method: 'GET',
  path: '/api/statistics/export.xlsx',
  context: 'statistics',
  access: EXPORTERS,
  summary:
    "A fiscal year's plan indicators as XLSX: the plan's progress table per indicator group over the plan period, the months, and each member municipality",
  query: ExportQuery,
  response: rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' }),
  successStatus: 200,
  raw: true,
});

export const councilPackRoute = defineRoute({
  method: 'GET',
  path: '/api/council/pack.xlsx',
  context: 'statistics',
  access: EXPORTERS,
  summary:
    "The council's papers for a fiscal year as XLSX: regional issues as the council sees them (counts only) and the plan's figures with small counts suppressed",
  query: FiguresQuery,
  response: rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' }),
  successStatus: 200,
  raw: true,
});

export const EXPORT_ROUTES: readonly RouteDefinition[] = [
  exportFiguresCsvRoute,
  exportFiguresXlsxRoute,
  councilPackRoute,
];
