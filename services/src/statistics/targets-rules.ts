import type { FieldError, PlanPeriod, TargetTable, TargetTableInput, TargetsInput } from '@kikan/shared';

/** 見込量 exist only for the period's indicators that have one, and only for the period's years. */
const tableProblems = (period: PlanPeriod, table: TargetTableInput, prefix: string): FieldError[] =>
  Object.entries(table).flatMap(([indicatorId, years]) => {
    const indicator = period.indicators.find((candidate) => candidate.indicatorId === indicatorId);
    const fields = Object.keys(years).length
      ? Object.keys(years).map((year) => `${prefix}.${indicatorId}.${year}`)
      : [`${prefix}.${indicatorId}`];
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
        field: `${prefix}.${indicatorId}.${year}`,
        message: `${period.label}の年度（${first}〜${last}年度）ではありません`,
      }));
  });

/**
 * The whole's table and each municipality's by the same rules; a municipality's only for a member
 * municipality of the tenant (共同設置), whose own 障害福祉計画 sets it.
 */
export const targetProblems = (
  period: PlanPeriod,
  input: TargetsInput,
  memberCodes: readonly string[] = [],
): FieldError[] => [
  ...tableProblems(period, input.targets, 'body.targets'),
  ...Object.entries(input.byMunicipality ?? {}).flatMap(([code, table]) =>
    memberCodes.includes(code)
      ? tableProblems(period, table, `body.byMunicipality.${code}`)
      : [{ field: `body.byMunicipality.${code}`, message: 'この市町村は共同設置の構成市町村ではありません' }],
  ),
];

/** The input names only what changes: a number sets a target, null removes it, the rest stays. */
export const mergeTargets = (current: Readonly<TargetTable>, table: TargetTableInput): TargetTable => {
  const merged: TargetTable = Object.fromEntries(
    Object.entries(current).map(([indicatorId, years]) => [indicatorId, { ...years }]),
  );
  for (const [indicatorId, years] of Object.entries(table)) {
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

/** Each municipality named merges like the whole; one left without any 見込量 is dropped. */
export const mergeMunicipalityTargets = (
  current: Readonly<Record<string, TargetTable>>,
  input: TargetsInput,
): Record<string, TargetTable> => {
  const merged: Record<string, TargetTable> = { ...current };
  for (const [code, table] of Object.entries(input.byMunicipality ?? {})) {
    const next = mergeTargets(current[code] ?? {}, table);
    if (Object.keys(next).length) merged[code] = next;
    else delete merged[code];
  }
  return merged;
};
