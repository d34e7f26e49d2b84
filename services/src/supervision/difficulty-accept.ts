import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { acceptDifficulty } from './difficult-rules.ts';
import type { acceptDifficultyRoute } from '@kikan/shared/contracts/supervision';
import { difficultyMove } from './difficulty-move.ts';

/** The core center takes on an escalated case it sees in full. */
export const acceptDifficultyOperation: GuardedOperation<typeof acceptDifficultyRoute, CaseRecord> =
  difficultyMove('accept', async ({ record, file }, stamp) => acceptDifficulty(record, file, stamp));
