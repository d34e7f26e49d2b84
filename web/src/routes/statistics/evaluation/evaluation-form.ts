import {
  EvaluationsInput,
  type EvaluationsView,
  type IndicatorDefinition,
  type PlanPeriod,
} from '@kikan/shared';
import type { FormCheck } from '#lib/forms.ts';

/** What is typed per indicator; '' clears its 評価・課題. */
export type EvaluationFormValues = Record<string, string>;

/** The textarea of an indicator: its id is where the error summary's link (and a server error) leads. */
export const evaluationInputName = (indicatorId: string): string => `texts.${indicatorId}`;

export const evaluationFormValues = (view: EvaluationsView, period: PlanPeriod): EvaluationFormValues =>
  Object.fromEntries(
    period.indicators.map((indicator) => [indicator.indicatorId, view.texts[indicator.indicatorId] ?? '']),
  );

/** Every indicator of the period is sent: a blank one is cleared (the API keeps what is not named). */
export const checkEvaluations = (
  values: EvaluationFormValues,
  period: PlanPeriod,
): FormCheck<EvaluationsInput> => {
  const parsed = EvaluationsInput.safeParse({
    texts: Object.fromEntries(
      period.indicators.map((indicator) => {
        const typed = values[indicator.indicatorId]?.trim() ?? '';
        return [indicator.indicatorId, typed === '' ? null : typed];
      }),
    ),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const [, indicatorId] = issue.path.map(String);
    if (indicatorId) errors[evaluationInputName(indicatorId)] ??= issue.message;
  }
  return { ok: false, errors };
};

/** The error summary's words for a textarea: the indicator's label. */
export const evaluationLabelOf = (name: string, indicators: readonly IndicatorDefinition[]): string =>
  indicators.find((indicator) => evaluationInputName(indicator.indicatorId) === name)?.label ?? name;

/** The 412 in words for this form: the shared wording speaks of a case. */
export const EVALUATION_CHANGED_MESSAGE =
  '他の人が先に評価・課題を更新しました。最新の内容を読み込み直してから入力してください';
