import type { FieldError, PlanPeriod, TargetsInput } from '@kikan/shared';

/** 見込量 exist only for the period's indicators that have one, and only for the period's years. */
export const targetProblems = (period: PlanPeriod, input: TargetsInput): FieldError[] =>
  Object.entries(input.targets).flatMap(([indicatorId, years]) => {
    const indicator = period.indicators.find((candidate) => candidate.indicatorId === indicatorId);
    const fields = Object.keys(years).length
      ? Object.keys(years).map((year) => `body.targets.${indicatorId}.${year}`)
      : [`body.targets.${indicatorId}`];
    if (!indicator) {
      return fields.map((field) => ({ field, message: `${period.label}の計画にない指標です` }));
    }
    if (!indicator.hasTarget) {
      return fields.map((field) => ({ field, message: `「${indicator.label}」には見込量を設定できません` }));
    }
    const [first, , last] = period.fiscalYears;
    return Object.keys(years)
      .filter((year) => !period.fiscalYears.includes(Number(year)))
      .map((year) => ({
        field: `body.targets.${indicatorId}.${year}`,
        message: `${period.label}の年度（${first}〜${last}年度）ではありません`,
      }));
  });

/** The input names only what changes: a number sets a target, null removes it, the rest stays. */
export const mergeTargets = (
  current: Readonly<Record<string, Readonly<Record<string, number>>>>,
  input: TargetsInput,
): Record<string, Record<string, number>> => {
  const merged: Record<string, Record<string, number>> = Object.fromEntries(
    Object.entries(current).map(([indicatorId, years]) => [indicatorId, { ...years }]),
  );
  for (const [indicatorId, years] of Object.entries(input.targets)) {
    const row = { ...merged[indicatorId] };
    for (const [year, value] of Object.entries(years)) {
      if (value === null) delete row[year];
      else row[year] = value;
    }
    if (Object.keys(row).length) merged[indicatorId] = row;
    else delete merged[indicatorId];
  }
  return merged;
};
