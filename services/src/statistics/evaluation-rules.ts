import type { EvaluationsInput, FieldError, PlanPeriod } from '@kikan/shared';

/** 評価・課題 are written for the indicators of the year's plan period, and no other key. */
export const evaluationProblems = (period: PlanPeriod, input: EvaluationsInput): FieldError[] =>
  Object.keys(input.texts)
    .filter((indicatorId) => !period.indicators.some((indicator) => indicator.indicatorId === indicatorId))
    .map((indicatorId) => ({
      field: `body.texts.${indicatorId}`,
      message: `${period.label}の計画にない指標です`,
    }));

/** The input names only what changes: a text sets one, null or blank clears it, the rest stays. */
export const mergeEvaluations = (
  current: Readonly<Record<string, string>>,
  input: EvaluationsInput,
): Record<string, string> => {
  const merged = { ...current };
  for (const [indicatorId, text] of Object.entries(input.texts)) {
    const trimmed = text?.trim() ?? '';
    if (trimmed) merged[indicatorId] = trimmed;
    else delete merged[indicatorId];
  }
  return merged;
};
