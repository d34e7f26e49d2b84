import { bind, type RouteBinding } from '../http/create-function.ts';
import { exportCaseloadCsvRoute, exportCaseloadXlsxRoute } from '@kikan/shared/contracts/caseload';
import { exportCaseloadCsv, exportCaseloadXlsx } from './export-caseload.ts';

export const CASELOAD_EXPORT_BINDINGS: readonly RouteBinding[] = [
  bind(exportCaseloadCsvRoute, exportCaseloadCsv),
  bind(exportCaseloadXlsxRoute, exportCaseloadXlsx),
];
