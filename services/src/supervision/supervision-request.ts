import { randomUUID } from 'node:crypto';
import { CaseView } from '@kikan/shared';
import { writeSupervisionRequest } from '../data/difficult-store.ts';
import { hasConsent } from '../data/person-store.ts';
import type { CaseRecord } from '../data/case-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { toCaseView } from '../policy/case-view.ts';
import { stampOf } from '../kernel/stamp.ts';
import { requestSupervision } from './difficult-rules.ts';
import type { requestSupervisionRoute } from '@kikan/shared/contracts/supervision';
import { caseForDifficultyAct } from './difficulty-move.ts';

/**
 * The office asks the core center for supervision on its case: the case is shared (the core center
 * reads it in full) only with the person's consent to that purpose, checked again in the write.
 */
export const requestSupervisionOperation: GuardedOperation<typeof requestSupervisionRoute, CaseRecord> = {
  authorize: ({ ctx, params }) => caseForDifficultyAct(ctx, params.caseId, 'request_supervision'),
  versionOf: (current) => current.version,
  run: async ({ ctx, body, idempotency, requestId, now }, current) => {
    const stamp = stampOf(ctx, now);
    const consent =
      !current.sharedWithCore &&
      (await hasConsent(ctx.tenantId, current.personId, 'core_supervision', stamp.today));
    const record = requestSupervision(current, consent, stamp);
    const view = toCaseView(record, 'full', now);
    const replayed = await writeSupervisionRequest({
      write: { ctx, requestId, now },
      record,
      previous: current,
      sharing: {
        recordId: randomUUID(),
        caseId: record.caseId,
        event: 'shared',
        basis: 'supervision_request',
        reason: body.topic,
        on: stamp.today,
        createdAt: stamp.at,
        createdBy: stamp.userId,
      },
      create: { idempotency, response: { status: 200, body: view } },
    });
    return replayed ? CaseView.parse(replayed.body) : view;
  },
};
