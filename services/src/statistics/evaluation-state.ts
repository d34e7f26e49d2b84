import { planPeriodOf, type EvaluationsView, type PlanPeriod } from '@kikan/shared';
import { readSignOff } from '../data/signoff-store.ts';
import { readEvaluation, type StoredEvaluation } from '../data/statistics-config-store.ts';
import { NotFoundError, ValidationError } from '../kernel/errors.ts';

export interface EvaluationState {
  period: PlanPeriod;
  fiscalYear: number;
  signOffVersion: number;
  /** The version's own texts, or the latest earlier version's when it has none yet. */
  stored: StoredEvaluation | null;
  /** Only the version being signed off, before its approval, takes changes. */
  editable: boolean;
}

/** Two reads: the year's sign-off (which version is open) and the newest evaluation up to the version. */
export const readEvaluationState = async (
  tenantId: string,
  fiscalYear: number,
  version: number | undefined,
): Promise<EvaluationState> => {
  const period = planPeriodOf(fiscalYear);
  if (!period) {
    throw new ValidationError([
      { field: 'params.fiscalYear', message: 'この年度は計画期間（第7期・第8期）に含まれていません' },
    ]);
  }
  const signOff = await readSignOff(tenantId, fiscalYear);
  const signOffVersion = version ?? signOff.currentVersion;
  if (signOffVersion > signOff.currentVersion) {
    throw new NotFoundError('指定された版が見つかりません');
  }
  return {
    period,
    fiscalYear,
    signOffVersion,
    stored: await readEvaluation(tenantId, fiscalYear, signOffVersion),
    editable: signOffVersion === signOff.currentVersion && signOff.status !== 'approved',
  };
};

/** The version's own item's version for If-Match: 0 while it carries an earlier version's texts. */
export const ownVersionOf = (state: EvaluationState): number =>
  state.stored?.signOffVersion === state.signOffVersion ? state.stored.version : 0;

export const viewOf = (state: EvaluationState): EvaluationsView => {
  const own = ownVersionOf(state) > 0 ? state.stored : null;
  return {
    fiscalYear: state.fiscalYear,
    signOffVersion: state.signOffVersion,
    texts: state.stored?.texts ?? {},
    editable: state.editable,
    version: own?.version ?? 0,
    updatedAt: own?.updatedAt ?? null,
    updatedByName: own?.updatedByName ?? null,
  };
};
