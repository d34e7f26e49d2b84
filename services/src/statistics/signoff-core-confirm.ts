import type { GuardedOperation } from '../http/route.ts';
import type { confirmCoreFiguresRoute } from '@kikan/shared/contracts/statistics';
import { confirmCore } from './signoff-rules.ts';
import { signOffStep } from './signoff-state.ts';

/** The core center confirms the tenant's figures once every office with figures has confirmed its own. */
export const confirmCoreFigures: GuardedOperation<typeof confirmCoreFiguresRoute, void> = signOffStep(
  ({ record, offices, figures }, stamp) => ({
    record: confirmCore(record, offices, figures, stamp),
  }),
);
