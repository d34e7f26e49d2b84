import { bind, type RouteBinding } from '../http/create-function.ts';
import { exportCouncilPack, exportFiguresCsv, exportFiguresXlsx } from './export-get.ts';
import {
  councilPackRoute,
  exportFiguresCsvRoute,
  exportFiguresXlsxRoute,
} from '@kikan/shared/contracts/statistics';

export const EXPORT_BINDINGS: readonly RouteBinding[] = [
  bind(exportFiguresCsvRoute, exportFiguresCsv),
  bind(exportFiguresXlsxRoute, exportFiguresXlsx),
  bind(councilPackRoute, exportCouncilPack),
];
