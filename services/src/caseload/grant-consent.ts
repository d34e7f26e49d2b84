import { ConsentView, todayInJapan } from '@kikan/shared';
import { saveConsent } from '../data/person-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { PersonFile } from '../data/person-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { writablePersonFile } from './person-access.ts';
import type { grantConsentRoute } from '@kikan/shared/contracts/caseload';

/** A consent per purpose; granting again after a revocation adds to the same history. */
export const grantConsent: GuardedOperation<typeof grantConsentRoute, PersonFile> = {
  authorize: ({ ctx, params }) => writablePersonFile(ctx, params.personId),
  run: async ({ ctx, body, idempotency, requestId, now }, file) => {
    const current = file.consents.find((consent) => consent.purpose === body.purpose);
    if (current?.status === 'granted') throw new ConflictError('この目的の同意は既に登録されています');
    if (body.grantedOn > todayInJapan(now)) {
      throw new ValidationError([{ field: 'body.grantedOn', message: '同意日に未来の日付は指定できません' }]);
    }
    if (current?.revokedOn && body.grantedOn < current.revokedOn) {
      throw new ValidationError([{ field: 'body.grantedOn', message: '同意日は撤回日以降にしてください' }]);
    }
    const at = now.toISOString();
    const consent: ConsentView = {
      purpose: body.purpose,
      status: 'granted',
      grantedOn: body.grantedOn,
      history: [...(current?.history ?? []), { event: 'granted', on: body.grantedOn, at, by: ctx.userId }],
      version: (current?.version ?? 0) + 1,
      updatedAt: at,
    };
    const replayed = await saveConsent({
      write: { ctx, requestId, now },
      personId: file.person.personId,
      consent,
      expectedVersion: current?.version ?? null,
      idempotency,
      response: { status: 201, body: consent },
    });
    return replayed ? ConsentView.parse(replayed.body) : consent;
  },
};
