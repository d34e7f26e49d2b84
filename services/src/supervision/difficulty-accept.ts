import type { Operation } from '../http/route.ts';
import { acceptDifficulty } from './difficult-rules.ts';
import type { acceptDifficultyRoute } from './difficult-routes.ts';
import { runDifficultyMove } from './difficulty-move.ts';

/** The core center takes on an escalated case it sees in full. */
export const acceptDifficultyOperation: Operation<typeof acceptDifficultyRoute> = (input) =>
  runDifficultyMove(input, 'accept', async ({ record, file }, stamp) =>
    acceptDifficulty(record, file, stamp),
  );
