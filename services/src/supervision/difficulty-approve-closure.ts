import { randomUUID } from 'node:crypto';
import { hasConsent } from '../data/person-store.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { approveClosure, requireMove } from './difficult-rules.ts';
import type { approveClosureRoute } from '@kikan/shared/contracts/supervision';
import { difficultyMove } from './difficulty-move.ts';

/**
 * Only a core supervisor closes a difficult case. Sharing that rested on an emergency ends here
 * unless the person has consented since (asked only then, failing closed).
 */
export const approveClosureOperation: GuardedOperation<typeof approveClosureRoute, CaseRecord> =
  difficultyMove('approve_closure', async ({ record, file }, stamp) => {
    requireMove(file, 'closed');
    const consent =
      record.sharing?.basis === 'emergency' &&
      (await hasConsent(record.tenantId, record.personId, 'core_supervision', stamp.today));
    const moved = approveClosure(record, file, consent, stamp);
    // Sharing that now rests on the consent is written only while the consent holds.
    if (!moved.unshared) return { ...moved, ...(consent ? { consentOf: record.personId } : {}) };
    const sharingId = randomUUID();
    return {
      ...moved,
      sharing: {
        recordId: sharingId,
        caseId: record.caseId,
        event: 'unshared',
        basis: 'emergency',
        reason: 'difficulty_closed',
        on: stamp.today,
        createdAt: stamp.at,
        createdBy: stamp.userId,
      },
      audits: [
        { action: 'create', recordType: 'sharing', recordId: sharingId, recordOfficeId: record.officeId },
      ],
    };
  });
