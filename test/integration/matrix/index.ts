import type { Expectation } from '../../support/personas.ts';
import { CORE_MATRIX } from './core.ts';
import { COUNCIL_MATRIX } from './council.ts';
import { CYCLE_MATRIX } from './cycle.ts';
import { DASHBOARD_MATRIX } from './dashboard.ts';
import { DIFFICULT_MATRIX } from './difficult.ts';
import { DIRECTORY_MATRIX } from './directory.ts';
import { IMPORTS_MATRIX } from './imports.ts';
import { LEDGER_MATRIX } from './ledger.ts';
import { RECORD_MATRIX } from './records.ts';
import { REQUESTS_MATRIX } from './requests.ts';
import { RETENTION_MATRIX } from './retention.ts';
import { STATISTICS_EXPORT_MATRIX } from './statistics-export.ts';
import { STATISTICS_SIGNOFF_MATRIX } from './statistics-signoff.ts';
import { STATISTICS_MATRIX } from './statistics.ts';
import { SUBMISSIONS_MATRIX } from './submissions.ts';
import { USERS_MATRIX } from './users.ts';

/**
 * The authorisation matrix: every route of the route table, keyed `METHOD /path`, with who may call
 * it on which record. One table for every suite that walks the routes (the matrix itself, fuzz,
 * faults); each context keeps its rows in its own module beside this one.
 */
export const MATRIX: Record<string, Expectation> = {
  ...CORE_MATRIX,
  ...CYCLE_MATRIX,
  ...RECORD_MATRIX,
  ...DASHBOARD_MATRIX,
  ...DIFFICULT_MATRIX,
  ...LEDGER_MATRIX,
  ...COUNCIL_MATRIX,
  ...STATISTICS_MATRIX,
  ...STATISTICS_SIGNOFF_MATRIX,
  ...STATISTICS_EXPORT_MATRIX,
  ...RETENTION_MATRIX,
  ...USERS_MATRIX,
  ...DIRECTORY_MATRIX,
  ...IMPORTS_MATRIX,
  ...SUBMISSIONS_MATRIX,
  ...REQUESTS_MATRIX,
};
