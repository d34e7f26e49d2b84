import { Supervision, todayInJapan, type SupervisionFollowUp } from '@kikan/shared';
import { getSupervision, saveSupervision } from '../data/supervision-store.ts';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import { maySeeSupervision, supervisionFor } from '../policy/access-policy.ts';
import type { completeFollowUpRoute } from '@kikan/shared/contracts/supervision';

/** The supervisor or a supervised specialist marks a follow-up done, at the version they saw. */
export const completeFollowUpOperation: GuardedOperation<
  typeof completeFollowUpRoute,
  { current: Supervision; followUp: SupervisionFollowUp }
> = {
  authorize: async ({ ctx, params }) => {
    const current = await getSupervision(ctx.tenantId, params.supervisionId);
    if (!current || !maySeeSupervision(ctx, current)) throw new NotFoundError();
    const followUp = current.followUps.find((candidate) => candidate.followUpId === params.followUpId);
    if (!followUp) throw new NotFoundError();
    return { current, followUp };
  },
  versionOf: ({ current }) => current.version,
  run: async ({ ctx, body, idempotency, requestId, now }, { current, followUp }) => {
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
