import type { BoundedContext } from '../src/http/route.ts';
import { handler as admin } from '../src/admin/function.ts';
import { handler as caseload } from '../src/caseload/function.ts';
import { handler as council } from '../src/council/function.ts';
import { handler as municipality } from '../src/municipality/function.ts';
import { handler as platform } from '../src/platform/function.ts';
import { handler as statistics } from '../src/statistics/function.ts';
import { handler as submissions } from '../src/submissions/function.ts';
import { handler as supervision } from '../src/supervision/function.ts';

/** The very Lambda handlers CDK deploys, one per bounded context. */
export const FUNCTIONS: Record<BoundedContext, typeof platform> = {
  platform,
  admin,
  caseload,
  supervision,
  council,
  statistics,
  submissions,
  municipality,
};
