import type { GuardedOperation } from '../http/route.ts';
import type { confirmOfficeFiguresRoute } from '@kikan/shared/contracts/statistics';
import { getUser } from '../data/directory-store.ts';
import { ForbiddenError } from '../kernel/errors.ts';
import { mayConfirmOfficeFigures } from '../policy/access-policy.ts';
import { confirmOffice, officeFingerprint } from './signoff-rules.ts';
import { signOffStep, type StepInput } from './signoff-state.ts';

const step = signOffStep(({ record, offices, figures }, stamp, input: StepInput) => ({
  record: confirmOffice(record, offices, input.ctx.officeId, {
    ...stamp,
    fingerprint: officeFingerprint(figures, input.ctx.officeId),
  }),
}));

/**
 * An office confirms its own figures as they stand, never another office's: its manager, or a
 * specialist the tenant admin named to confirm them (read from the directory on each call, so a
 * designation withdrawn is withdrawn at once).
 */
export const confirmOfficeFigures: GuardedOperation<typeof confirmOfficeFiguresRoute, void> = {
  authorize: async ({ ctx }) => {
    const user = ctx.role === 'specialist' ? await getUser(ctx.tenantId, ctx.userId) : null;
    if (!mayConfirmOfficeFigures(ctx, user)) {
      throw new ForbiddenError(
        'この事業所の数値を確認できるのは、管理者か、管理者が数値確認者に指定した相談支援専門員です',
      );
    }
  },
  run: step.run,
};
