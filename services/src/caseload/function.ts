import { bind, createFunction } from '../http/create-function.ts';
import { createCaseRoute, getCaseRoute, listCasesRoute } from '@kikan/shared/contracts/caseload';
import { createCase } from './create-case.ts';
import { CYCLE_BINDINGS } from './cycle-bindings.ts';
import { RECORD_BINDINGS } from './record-bindings.ts';
import { getCase } from './get-case.ts';
import { listCases } from './list-cases.ts';

export const handler = createFunction([
  bind(listCasesRoute, listCases),
  bind(createCaseRoute, createCase),
  bind(getCaseRoute, getCase),
  ...CYCLE_BINDINGS,
  ...RECORD_BINDINGS,
]);
