import { ConsentView, todayInJapan } from '@kikan/shared';
import { revokeCouncilConsent } from '../data/council-consent-store.ts';
import { revokeSharingConsent } from '../data/difficult-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { PersonFile } from '../data/person-store.ts';
import type { GuardedOperation } from '../http/route.ts';
import { councilUseOf } from '../consent/council-revocation.ts';
import { casesHiddenByRevocation } from '../consent/core-sharing-revocation.ts';
import { writablePersonFile } from './person-access.ts';
import type { revokeConsentRoute } from '@kikan/shared/contracts/caseload';

/**
 * A revoked consent hides what it allowed from the day of revocation; the grant stays in the history.
 * For core-center sharing that means the person's shared cases (supervision/difficult-rules.ts); for
 * the council, the person's cases counted in regional issues and council sessions (ADR 0022).
 */
export const revokeConsent: GuardedOperation<typeof revokeConsentRoute, PersonFile> = {
  authorize: ({ ctx, params }) => writablePersonFile(ctx, params.personId),
  run: async ({ ctx, body, idempotency, requestId, now }, file) => {
    const current = file.consents.find((consent) => consent.purpose === body.purpose);
    if (current?.status !== 'granted') throw new ConflictError('この目的の同意は登録されていません');
    if (body.revokedOn > todayInJapan(now)) {
      throw new ValidationError([{ field: 'body.revokedOn', message: '撤回日に未来の日付は指定できません' }]);
    }
    if (body.revokedOn < current.grantedOn) {
      throw new ValidationError([{ field: 'body.revokedOn', message: '撤回日は同意日以降にしてください' }]);
    }
    const at = now.toISOString();
    const consent: ConsentView = {
      ...current,
      status: 'revoked',
      revokedOn: body.revokedOn,
      history: [...current.history, { event: 'revoked', on: body.revokedOn, at, by: ctx.userId }],
      version: current.version + 1,
      updatedAt: at,
    };
    const change = {
      write: { ctx, requestId, now },
      personId: file.person.personId,
      consent,
      expectedVersion: current.version,
      idempotency,
      response: { status: 200, body: consent },
    };
    // Each purpose hides again what it allowed, written with the consent.
    const replayed =
      body.purpose === 'core_supervision'
        ? await revokeSharingConsent({
            ...change,
            unshared: await casesHiddenByRevocation(ctx, file.cases, now),
          })
        : await revokeCouncilConsent({
            ...change,
            ...(await councilUseOf(ctx, file.cases, current, now)),
          });
    return replayed ? ConsentView.parse(replayed.body) : consent;
  },
};
