import { Supervision, todayInJapan } from '@kikan/shared';
import { getSupervision, saveSupervision } from '../data/supervision-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { maySeeSupervision } from '../policy/access-policy.ts';
import { requireVersion } from '../caseload/record-access.ts';
import type { completeFollowUpRoute } from '@kikan/shared/contracts/supervision';
import { supervisionFor } from './supervision-list.ts';

/** The supervisor or a supervised specialist marks a follow-up done, at the version they saw. */
export const completeFollowUpOperation: GuardedOperation<typeof completeFollowUpRoute, Supervision> = {
  authorize: async ({ ctx, params }) => {
    const current = await getSupervision(ctx.tenantId, params.supervisionId);
    if (!current || !maySeeSupervision(ctx, current)) throw new NotFoundError();
    return current;
  },
  run: async ({ ctx, params, body, ifMatch, idempotency, requestId, now }, current) => {
    const followUp = current.followUps.find((candidate) => candidate.followUpId === params.followUpId);
    if (!followUp) throw new NotFoundError();
    requireVersion(ifMatch, current.version);
    if (followUp.doneOn) throw new ConflictError('このフォローアップは既に完了しています');
    if (body.doneOn > todayInJapan(now) || body.doneOn < current.heldOn) {
      throw new ValidationError([
        { field: 'body.doneOn', message: '完了日は実施日から今日までの日付にしてください' },
      ]);
    }
    const supervision: Supervision = {
      ...current,
      followUps: current.followUps.map((candidate) =>
        candidate.followUpId === followUp.followUpId ? { ...candidate, doneOn: body.doneOn } : candidate,
      ),
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    const view = supervisionFor(ctx, supervision);
    const replayed = await saveSupervision({
      write: { ctx, requestId, now },
      supervision,
      expectedVersion: current.version,
      create: { idempotency, response: { status: 200, body: view } },
    });
    return replayed ? Supervision.parse(replayed.body) : view;
  },
};
