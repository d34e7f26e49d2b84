import { randomUUID } from 'node:crypto';
import type { Operation } from '../http/route.ts';
import { flagDifficulty } from './difficult-rules.ts';
import type { flagDifficultyRoute } from './difficult-routes.ts';
import { runDifficultyMove } from './difficulty-move.ts';

/** The office flags its own open case; a case whose earlier episode closed starts a new one. */
export const flagDifficultyOperation: Operation<typeof flagDifficultyRoute> = (input) =>
  runDifficultyMove(
    input,
    'flag',
    async ({ record, file }, stamp) => flagDifficulty(record, file, input.body, stamp, randomUUID()),
    201,
  );
