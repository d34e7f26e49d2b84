import type { CaseRecord } from '../data/case-store.ts';
import { ConflictError } from '../kernel/errors.ts';

/** New records go to open cases only: a closed case's file is kept as it was closed. */
export const requireOpen = (record: CaseRecord): CaseRecord => {
  if (record.phase === 'closed') throw new ConflictError('終結したケースには記録を追加できません');
  return record;
};
