import { isOpenDifficulty } from '@kikan/shared';
import type { CaseRecord } from '../data/case-store.ts';
import type { Stamp } from '../kernel/stamp.ts';
import { newCaseCode } from '../policy/case-code.ts';

/**
 * Sharing a case with the core center rests on the person's consent (purpose `core_supervision`)
 * or on an emergency; these rules say what a revocation of that consent hides again. Caseload
 * revokes the consent, supervision shares and unshares: both read the rules here.
 */

/**
 * A revoked consent hides again every case it allowed. Sharing on an emergency in a case of abuse
 * never rested on that consent: it stays while the difficulty is open, and ends at its closure.
 */
export const hiddenByRevocation = (record: CaseRecord): boolean =>
  record.sharedWithCore &&
  !(record.sharing?.basis === 'emergency' && record.difficulty && isOpenDifficulty(record.difficulty.status));

/**
 * The case as the core center may no longer see it: not shared, and under a new case code, so the
 * code it saw on the shared case names nothing in its pseudonymised lists (SECURITY.md row 23).
 */
export const withSharingEnded = (record: CaseRecord, caseCode: string): CaseRecord => {
  const { sharing: _sharing, ...rest } = record;
  return { ...rest, sharedWithCore: false, caseCode };
};

export const unsharedCase = (
  record: CaseRecord,
  stamp: Stamp,
  caseCode: string = newCaseCode(),
): CaseRecord => ({
  ...withSharingEnded(record, caseCode),
  version: record.version + 1,
  updatedAt: stamp.at,
  updatedBy: stamp.userId,
});
