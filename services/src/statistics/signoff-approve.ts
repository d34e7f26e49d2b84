import type { GuardedOperation } from '../http/route.ts';
import type { approveFiguresRoute } from '@kikan/shared/contracts/statistics';
import { approve } from './signoff-rules.ts';
import { signOffStep } from './signoff-state.ts';

/**
 * The municipality approves: the figures are frozen as the snapshot of the version, written once. A
 * joint tenant's member municipality approves for itself; the last one's approval freezes them.
 */
export const approveFigures: GuardedOperation<typeof approveFiguresRoute, void> = signOffStep(
  ({ record, figures, callerMunicipality }, stamp) => approve(record, figures, stamp, callerMunicipality),
);
