import type { GuardedOperation } from '../http/route.ts';
import type { recordOfficeConfirmationRoute } from '@kikan/shared/contracts/statistics';
import { recordOfficeConfirmation } from './signoff-rules.ts';
import { signOffStep } from './signoff-state.ts';

/**
 * The core center records an office's confirmation for it (paper, or no activity), with its reason:
 * the sign-off record keeps who recorded it and why, and the write leaves its audit entry.
 */
export const recordOfficeFiguresConfirmation: GuardedOperation<typeof recordOfficeConfirmationRoute, void> =
  signOffStep(({ record, offices, figures }, stamp, input) => ({
    record: recordOfficeConfirmation(record, offices, figures, input.params.officeId, {
      ...stamp,
      recorded: input.body,
    }),
  }));
