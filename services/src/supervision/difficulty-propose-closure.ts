import type { Operation } from '../http/route.ts';
import { proposeClosure } from './difficult-rules.ts';
import type { proposeClosureRoute } from './difficult-routes.ts';
import { runDifficultyMove } from './difficulty-move.ts';

/** The office or the core center proposes closing with the outcome; a core supervisor approves. */
export const proposeClosureOperation: Operation<typeof proposeClosureRoute> = (input) =>
  runDifficultyMove(input, 'propose_closure', async ({ record, file }, stamp) =>
    proposeClosure(record, file, input.body, stamp),
  );
