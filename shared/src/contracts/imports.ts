import { CASE_WORKERS } from '../access-policy.ts';
import {
  DecisionsImportCreateInput,
  ImportJobCreateInput,
  ImportJobCreated,
  ImportJobParams,
  ImportJobView,
  ImportRunInput,
} from '../import-job.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, rawFile } from './raw-file.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

/**
 * An office's file imports (ADR 0034): the caller's office only — a job lives in its office's
 * partition, so another office's or tenant's job id is a 404.
 */
export const caseloadTemplateCsvRoute = defineRoute({
  method: 'GET',
  path: '/api/imports/templates/caseload.csv',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'The caseload import template as CSV (UTF-8 with BOM): Japanese headers and an example row',
  response: rawFile(CSV_CONTENT_TYPE),
  successStatus: 200,
  raw: true,
});

export const caseloadTemplateXlsxRoute = defineRoute({
  method: 'GET',
  path: '/api/imports/templates/caseload.xlsx',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'The caseload import template as XLSX: Japanese headers and an example row',
  response: rawFile(XLSX_CONTENT_TYPE, { encoding: 'base64' }),
  successStatus: 200,
  raw: true,
});

export const createImportJobRoute = defineRoute({
  method: 'POST',
  path: '/api/imports',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    "Start an import at the caller's office: a job and a pre-signed URL to PUT the file to (10 MB at most)",
  body: ImportJobCreateInput,
  response: ImportJobCreated,
  successStatus: 201,
  idempotent: true,
});

export const getImportJobRoute = defineRoute({
  method: 'GET',
  path: '/api/imports/{jobId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    "An import job of the caller's office: its state, progress (rows done / total) and the problems by row and column",
  params: ImportJobParams,
  response: ImportJobView,
  successStatus: 200,
});

export const runImportJobRoute = defineRoute({
  method: 'POST',
  path: '/api/imports/{jobId}/runs',
  context: 'caseload',
  access: CASE_WORKERS,
  summary:
    'Check the uploaded file (dry_run: nothing written) or import it (all or nothing); the work runs outside the request and the job shows its progress',
  params: ImportJobParams,
  body: ImportRunInput,
  response: ImportJobView,
  successStatus: 200,
  idempotent: true,
  conflictWhen: 'The job is already running, was imported, or the file has not been uploaded',
});

/**
 * The municipality's service decisions (issue 15 point 3): uploaded by the municipal officer or the
 * tenant admin, applied to the open cases of every office of the tenant. The job lives in the
 * uploader's office partition and reports unmatched rows by number only.
 */
const DECISION_UPLOADERS = ['municipal_officer', 'tenant_admin'] as const;

export const createDecisionsImportRoute = defineRoute({
  method: 'POST',
  path: '/api/decision-imports',
  context: 'caseload',
  access: DECISION_UPLOADERS,
  summary:
    "Start an import of the municipality's service decisions: a job and a pre-signed URL to PUT the file to (10 MB at most)",
  body: DecisionsImportCreateInput,
  response: ImportJobCreated,
  successStatus: 201,
  idempotent: true,
});

export const getDecisionsImportRoute = defineRoute({
  method: 'GET',
  path: '/api/decision-imports/{jobId}',
  context: 'caseload',
  access: DECISION_UPLOADERS,
  summary:
    "A decisions import job of the caller's office: state, progress, problems, and unmatched rows by row number only",
  params: ImportJobParams,
  response: ImportJobView,
  successStatus: 200,
});

export const runDecisionsImportRoute = defineRoute({
  method: 'POST',
  path: '/api/decision-imports/{jobId}/runs',
  context: 'caseload',
  access: DECISION_UPLOADERS,
  summary:
    'Check the decisions file (dry_run: nothing written) or apply it to the matching open cases (all or nothing)',
  params: ImportJobParams,
  body: ImportRunInput,
  response: ImportJobView,
  successStatus: 200,
  idempotent: true,
  conflictWhen: 'The job is already running, was imported, or the file has not been uploaded',
});

export const IMPORT_ROUTES: readonly RouteDefinition[] = [
  createDecisionsImportRoute,
  getDecisionsImportRoute,
  runDecisionsImportRoute,
  caseloadTemplateCsvRoute,
  caseloadTemplateXlsxRoute,
  createImportJobRoute,
  getImportJobRoute,
  runImportJobRoute,
];
