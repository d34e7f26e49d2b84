import type { GuardedOperation } from '../http/route.ts';
import type { confirmOfficeFiguresRoute } from '@kikan/shared/contracts/statistics';
import { confirmOffice, officeFingerprint } from './signoff-rules.ts';
import { signOffStep } from './signoff-state.ts';

/** An office manager confirms their own office's figures as they stand: never another office's. */
export const confirmOfficeFigures: GuardedOperation<typeof confirmOfficeFiguresRoute, void> = signOffStep(
  ({ record, offices, figures }, stamp, input) => ({
    record: confirmOffice(record, offices, input.ctx.officeId, {
      ...stamp,
      fingerprint: officeFingerprint(figures, input.ctx.officeId),
    }),
  }),
);
