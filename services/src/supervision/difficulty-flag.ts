import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { flagDifficulty } from './difficult-rules.ts';
import type { flagDifficultyRoute } from '@kikan/shared/contracts/supervision';
import { difficultyMove } from './difficulty-move.ts';

/** The office flags its own open case; a case whose earlier episode closed starts a new one. */
export const flagDifficultyOperation: GuardedOperation<typeof flagDifficultyRoute, CaseRecord> =
  difficultyMove(
    'flag',
    async ({ record, file }, stamp, input) => flagDifficulty(record, file, input.body, stamp, randomUUID()),
    201,
  );
