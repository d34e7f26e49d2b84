import type { GuardedOperation } from '../http/route.ts';
import type { openCorrectionRoute } from '@kikan/shared/contracts/statistics';
import { openCorrection } from './signoff-rules.ts';
import { signOffStep } from './signoff-state.ts';

/** A correction opens the next version to sign off; the approved snapshot is left as it is. */
export const openFiguresCorrection: GuardedOperation<typeof openCorrectionRoute, void> = signOffStep(
  ({ record }, _stamp, input) => ({ record: openCorrection(record, input.body.reason) }),
);
