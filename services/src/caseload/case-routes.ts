import { CaseCreateInput, CaseId, CaseListQuery, CasePage, CaseView } from '@kikan/shared';
import * as z from 'zod';
import { defineRoute } from '../http/route.ts';

const CASE_WORKERS = ['specialist', 'office_manager', 'core_supervisor'] as const;

export const listCasesRoute = defineRoute({
  method: 'GET',
  path: '/api/cases',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'Cases the caller may see: their office, or every office pseudonymised for the core center',
  query: CaseListQuery,
  response: CasePage,
  successStatus: 200,
});

export const createCaseRoute = defineRoute({
  method: 'POST',
  path: '/api/cases',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: "Enrol a person at the caller's office (intake)",
  body: CaseCreateInput,
  response: CaseView,
  successStatus: 201,
  idempotent: true,
});

export const getCaseRoute = defineRoute({
  method: 'GET',
  path: '/api/cases/{caseId}',
  context: 'caseload',
  access: CASE_WORKERS,
  summary: 'One case',
  params: z.strictObject({ caseId: CaseId }),
  response: CaseView,
  successStatus: 200,
});
