import { bind, type RouteBinding } from '../http/create-function.ts';
import { createCaseRoute, getCaseRoute, listCasesRoute } from '@kikan/shared/contracts/caseload';
import { createCase } from './create-case.ts';
import { getCase } from './get-case.ts';
import { listCases } from './list-cases.ts';

export const CASE_BINDINGS: readonly RouteBinding[] = [
  bind(listCasesRoute, listCases),
  bind(createCaseRoute, createCase),
  bind(getCaseRoute, getCase),
];
