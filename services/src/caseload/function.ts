import { bind, createFunction } from '../http/create-function.ts';
import { createCaseRoute, getCaseRoute, listCasesRoute } from '../routes.ts';
import { createCase } from './create-case.ts';
import { getCase } from './get-case.ts';
import { listCases } from './list-cases.ts';

export const handler = createFunction([
  bind(listCasesRoute, listCases),
  bind(createCaseRoute, createCase),
  bind(getCaseRoute, getCase),
]);
