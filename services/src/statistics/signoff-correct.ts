import type { Operation } from '../http/route.ts';
import type { openCorrectionRoute } from './signoff-routes.ts';
import { openCorrection } from './signoff-rules.ts';
import { runSignOffStep } from './signoff-state.ts';

/** A correction opens the next version to sign off; the approved snapshot is left as it is. */
export const openFiguresCorrection: Operation<typeof openCorrectionRoute> = (input) =>
  runSignOffStep(input, ({ record }) => ({ record: openCorrection(record, input.body.reason) }));
