import { randomUUID } from 'node:crypto';
import { hasConsent } from '../data/person-store.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { escalateDifficulty, escalationBasis, requireMove } from './difficult-rules.ts';
import type { escalateDifficultyRoute } from '@kikan/shared/contracts/supervision';
import { difficultyMove } from './difficulty-move.ts';

/**
 * Escalation shares the case with the core center: with the person's consent to that purpose, or
 * on an emergency in a case of abuse, which is audited as an emergency share. Refused (409) with
 * nothing written otherwise.
 */
export const escalateDifficultyOperation: GuardedOperation<typeof escalateDifficultyRoute, CaseRecord> =
  difficultyMove('escalate', async ({ record, file }, stamp, input) => {
    const current = requireMove(file, 'escalated');
    const consent = await hasConsent(record.tenantId, record.personId, 'core_supervision', stamp.today);
    const basis = escalationBasis(consent, current.categories, input.body.emergency);
    const moved = escalateDifficulty(record, current, input.body, basis, stamp);
    const sharingId = randomUUID();
    return {
      ...moved,
      sharing: {
        recordId: sharingId,
        caseId: record.caseId,
        event: 'shared',
        basis,
        reason: input.body.reason,
        on: stamp.today,
        createdAt: stamp.at,
        createdBy: stamp.userId,
      },
      ...(basis === 'escalation' ? { consentOf: record.personId } : {}),
      audits: [
        { action: 'create', recordType: 'sharing', recordId: sharingId, recordOfficeId: record.officeId },
        ...(basis === 'emergency'
          ? [
              {
                action: 'emergency_share' as const,
                recordType: 'case' as const,
                recordId: record.caseId,
                recordOfficeId: record.officeId,
              },
            ]
          : []),
      ],
    };
  });
