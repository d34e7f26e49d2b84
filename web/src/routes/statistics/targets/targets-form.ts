import {
  TargetsInput,
  fiscalYearOf,
  formatFiscalYear,
  planPeriodById,
  planPeriodOf,
  type IndicatorDefinition,
  type PlanPeriod,
  type TargetsView,
} from '@kikan/shared';
import type { FormCheck } from '#lib/forms.ts';

/** What is typed, per indicator and fiscal year ("2025"); '' clears a target. */
export type TargetFormValues = Record<string, Record<string, string>>;

/** Only indicators the municipality sets a 見込量 for take part in the form. */
export const targetIndicators = (period: PlanPeriod): IndicatorDefinition[] =>
  period.indicators.filter((indicator) => indicator.hasTarget);

/** The input of one cell: its id is where the error summary's link leads. */
export const targetInputName = (indicatorId: string, fiscalYear: number | string): string =>
  `targets.${indicatorId}.${fiscalYear}`;

/**
 * `?period=` when it names one of the tenant's plan periods; otherwise the period of this fiscal
 * year, or the last one. In the last year of a period the municipality drafts the next one's
 * targets, so every period is offered. Null only while the tenant has no period at all.
 */
export const periodFromQuery = (
  value: string | null,
  today: string,
  periods: readonly PlanPeriod[],
): PlanPeriod | null =>
  (value === null ? null : planPeriodById(periods, value)) ??
  planPeriodOf(periods, fiscalYearOf(today)) ??
  periods.at(-1) ??
  null;

/**
 * `?m=` when it names a member municipality of a joint tenant (共同設置), whose own 見込量 the table
 * then holds; otherwise null, the whole tenant's. A tenant of one municipality has only the whole.
 */
export const targetScopeFromQuery = (
  value: string | null,
  members: readonly { code: string }[],
): string | null => (members.length > 1 && members.some((member) => member.code === value) ? value : null);

export const targetFormValues = (
  view: TargetsView,
  period: PlanPeriod,
  municipalityCode: string | null = null,
): TargetFormValues => {
  const table = municipalityCode === null ? view.targets : (view.byMunicipality[municipalityCode] ?? {});
  return Object.fromEntries(
    targetIndicators(period).map((indicator) => [
      indicator.indicatorId,
      Object.fromEntries(
        period.fiscalYears.map((year) => {
          const target = table[indicator.indicatorId]?.[String(year)];
          return [String(year), target === undefined ? '' : String(target)];
        }),
      ),
    ]),
  );
};

/** Full-width digits and separators as typed on a Japanese keyboard: １，２００ → 1200. */
const toNumber = (typed: string): number | null => {
  const halfWidth = typed
    .trim()
    .replace(/[０-９．]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[,，]/g, '');
  return halfWidth === '' ? null : Number(halfWidth);
};

/** The table typed, as the whole's or as the member municipality's: the other tables stay. */
export const toTargetsBody = (
  values: TargetFormValues,
  period: PlanPeriod,
  municipalityCode: string | null = null,
): TargetsInput => {
  const table = Object.fromEntries(
    targetIndicators(period).map((indicator) => [
      indicator.indicatorId,
      Object.fromEntries(
        period.fiscalYears.map((year) => [
          String(year),
          toNumber(values[indicator.indicatorId]?.[String(year)] ?? ''),
        ]),
      ),
    ]),
  );
  return municipalityCode === null
    ? { targets: table }
    : { targets: {}, byMunicipality: { [municipalityCode]: table } };
};

/**
 * The shared schema checks the form. Its errors are keyed by the cell's own name: the portal's
 * generic path mapping would drop the year, which looks like an array index.
 */
export const checkTargets = (
  values: TargetFormValues,
  period: PlanPeriod,
  municipalityCode: string | null = null,
): FormCheck<TargetsInput> => {
  const parsed = TargetsInput.safeParse(toTargetsBody(values, period, municipalityCode));
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    // targets.<indicator>.<year>, or byMunicipality.<code>.<indicator>.<year>: the cell is the last two.
    const [indicatorId, year] = issue.path.map(String).slice(-2);
    if (indicatorId && year) errors[targetInputName(indicatorId, year)] ??= issue.message;
  }
  return { ok: false, errors };
};

/** The error summary's words for a cell: 計画相談支援の利用者数（令和7年度）. */
export const targetLabelOf = (name: string, period: PlanPeriod): string => {
  const [, indicatorId, year] = name.split('.');
  const indicator = period.indicators.find((candidate) => candidate.indicatorId === indicatorId);
  return indicator && year ? `${indicator.label}（${formatFiscalYear(Number(year))}）` : name;
};

/** The 412 in words for this form: the shared wording speaks of a case. */
export const TARGETS_CHANGED_MESSAGE =
  '他の人が先に見込量を更新しました。最新の内容を読み込み直してから入力してください';
