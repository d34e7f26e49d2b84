import type { EvaluationsView, PlanPeriod } from '@kikan/shared';
import { readSignOff } from '../data/signoff-store.ts';
import { readEvaluation, type StoredEvaluation } from '../data/statistics-config-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { readPeriodOfYear } from './plan-periods.ts';

export interface EvaluationState {
  period: PlanPeriod;
  fiscalYear: number;
  signOffVersion: number;
  /** The version's own texts, or the latest earlier version's when it has none yet. */
  stored: StoredEvaluation | null;
  /** Only the version being signed off, before its approval, takes changes. */
  editable: boolean;
}

/**
 * Three reads: the tenant's plan periods, the year's sign-off (which version is open) and the newest
 * evaluation up to the version.
 */
export const readEvaluationState = async (
  tenantId: string,
  fiscalYear: number,
  version: number | undefined,
): Promise<EvaluationState> => {
  const [period, signOff] = await Promise.all([
    readPeriodOfYear(tenantId, fiscalYear, 'params.fiscalYear'),
    readSignOff(tenantId, fiscalYear),
  ]);
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
