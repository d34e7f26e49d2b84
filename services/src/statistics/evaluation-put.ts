import type { EvaluationsView } from '@kikan/shared';
import { getUser } from '../data/directory-store.ts';
import { writeEvaluation } from '../data/statistics-config-store.ts';
import { ConflictError, ValidationError } from '../kernel/errors.ts';
import type { GuardedOperation } from '../http/route.ts';
import type { putEvaluationsRoute } from '@kikan/shared/contracts/statistics';
import { evaluationProblems, mergeEvaluations } from './evaluation-rules.ts';
import { ownVersionOf, readEvaluationState, viewOf, type EvaluationState } from './evaluation-state.ts';

/**
 * The municipal officer writes the year's 評価・課題 for the version of the figures being signed
 * off, at the version they read (If-Match). Once that version is approved its evaluation is part
 * of it: a change needs a correction (a new version), which starts from the approved texts.
 */
export const putEvaluations: GuardedOperation<typeof putEvaluationsRoute, EvaluationState> = {
  // The tenant's own evaluation: the route's roles are the whole check.
  authorize: ({ ctx, params }) => readEvaluationState(ctx.tenantId, params.fiscalYear, undefined),
  versionOf: ownVersionOf,
  run: async ({ ctx, params, body, requestId, now }, state): Promise<EvaluationsView> => {
    if (!state.editable) {
      throw new ConflictError(
        `第${state.signOffVersion}版は承認済みのため、評価・課題は変更できません。訂正版を作成してから入力してください`,
      );
    }
    const errors = evaluationProblems(state.period, body);
    if (errors.length) throw new ValidationError(errors);
    const expectedVersion = ownVersionOf(state);
    const user = await getUser(ctx.tenantId, ctx.userId);
    const stored = {
      fiscalYear: params.fiscalYear,
      signOffVersion: state.signOffVersion,
      texts: mergeEvaluations(state.stored?.texts ?? {}, body),
      version: expectedVersion + 1,
      updatedAt: now.toISOString(),
      updatedBy: ctx.userId,
      updatedByName: user?.displayName ?? ctx.userId,
    };
    await writeEvaluation({ ctx, requestId, now }, stored, expectedVersion);
    return viewOf({ ...state, stored });
  },
};
