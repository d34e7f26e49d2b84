import { bind, type RouteBinding } from '../http/create-function.ts';
import {
  caseloadTemplateCsvRoute,
  caseloadTemplateXlsxRoute,
  createDecisionsImportRoute,
  createImportJobRoute,
  getDecisionsImportRoute,
  runDecisionsImportRoute,
  getImportJobRoute,
  runImportJobRoute,
} from '@kikan/shared/contracts/imports';
import {
  caseloadTemplateCsv,
  caseloadTemplateXlsx,
  createDecisionsImport,
  createImportJob,
  getDecisionsImport,
  runDecisionsImportWith,
  getImportJob,
  runImportJobWith,
} from './import-jobs.ts';
import { startImportProcessing } from './import-processing.ts';

export const IMPORT_BINDINGS: readonly RouteBinding[] = [
  bind(caseloadTemplateCsvRoute, caseloadTemplateCsv),
  bind(caseloadTemplateXlsxRoute, caseloadTemplateXlsx),
  bind(createImportJobRoute, createImportJob),
  bind(getImportJobRoute, getImportJob),
  bind(runImportJobRoute, runImportJobWith(startImportProcessing)),
  bind(createDecisionsImportRoute, createDecisionsImport),
  bind(getDecisionsImportRoute, getDecisionsImport),
  bind(runDecisionsImportRoute, runDecisionsImportWith(startImportProcessing)),
];
