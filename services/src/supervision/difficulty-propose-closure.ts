import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { proposeClosure } from './difficult-rules.ts';
import type { proposeClosureRoute } from '@kikan/shared/contracts/supervision';
import { difficultyMove } from './difficulty-move.ts';

/** The office or the core center proposes closing with the outcome; a core supervisor approves. */
export const proposeClosureOperation: GuardedOperation<typeof proposeClosureRoute, CaseRecord> =
  difficultyMove('propose_closure', async ({ record, file }, stamp, input) =>
    proposeClosure(record, file, input.body, stamp),
  );
