import {
  completeMonthsOf,
  provisionalMonthIndex,
  suppressFigures,
  suppressVersions,
  tableLines,
  type FigureSeries,
  type FiscalYearFigures,
  type IndicatorFigures,
  type Measure,
  type ModelFigure,
  type SuppressionModel,
} from '@kikan/shared';

/**
 * A fiscal year's figures for outside use as one suppression model (ADR 0013): every figure a file
 * shows, with every way one can be worked out from others — the municipality × month tables with
 * their totals, the year-end figure that repeats the last month, the breakdowns under their whole,
 * the rates over their counts, the achievement rates (the whole's and each member municipality's)
 * against their public targets, and the one number
 * two indicators both publish. The CSV, the workbook and the council pack all show this model's
 * figures, so nothing a file shows escapes it.
 */

const WHOLE = 'all';

/** Keys stay the same across the versions of a fiscal year, so the version rule can line them up. */
export const figureKey = {
  month: (indicatorId: string, scope: string, month: string) => `${indicatorId}|${scope}|${month}`,
  year: (indicatorId: string, scope: string) => `${indicatorId}|${scope}|year`,
  numerator: (indicatorId: string, scope: string) => `${indicatorId}|${scope}|numerator`,
  denominator: (indicatorId: string, scope: string) => `${indicatorId}|${scope}|denominator`,
  /** The whole's key is kept as it was, so versions frozen before municipalities had one line up. */
  achievement: (indicatorId: string, scope: string = WHOLE) =>
    scope === WHOLE ? `${indicatorId}|achievement` : `${indicatorId}|${scope}|achievement`,
  part: (indicatorId: string, partKey: string) => `${indicatorId}|part|${partKey}`,
};

/** The key of a series' scope: the member municipality's code, or the whole tenant. */
export const scopeKey = (municipalityCode: string | null): string => municipalityCode ?? WHOLE;

/**
 * What an indicator's fiscal-year figure is to its months: their average (users per month), the
 * last month's value (a year-end state), or their sum. A distinct count of people in the year is
 * at most the sum of its months; taken as their sum, the rule hides more than it must, never less.
 */
type YearFigure = 'average' | 'year_end' | 'sum';

const YEAR_FIGURES: Record<IndicatorFigures['aggregation'], YearFigure> = {
  monthly_flow: 'average',
  yearly_flow: 'sum',
  year_end_stock: 'year_end',
};

const joinModels = (models: readonly SuppressionModel[]): SuppressionModel => ({
  figures: models.flatMap((model) => model.figures),
  lines: models.flatMap((model) => model.lines),
  copies: models.flatMap((model) => model.copies),
  dependents: models.flatMap((model) => model.dependents),
});

interface Scoped {
  scope: string;
  series: FigureSeries;
}

const scopesOf = (indicator: IndicatorFigures) => ({
  members: indicator.byMunicipality.map((series) => ({ scope: scopeKey(series.municipalityCode), series })),
  whole: { scope: WHOLE, series: indicator.total },
});

const count = (
  key: string,
  value: number | null | undefined,
  extra: Partial<ModelFigure> = {},
): ModelFigure => ({
  key,
  value: value ?? 0,
  count: true,
  ...extra,
});

/**
 * A table of municipalities × the months the year figure is made of, with the whole's months and
 * year as its totals. A sum counts every elapsed month; an average or a year-end state only those
 * that are over, so the month under way (provisional) is a table of its own: its column total.
 */
const countModel = (indicator: IndicatorFigures, figures: FiscalYearFigures): SuppressionModel => {
  const { indicatorId } = indicator;
  const yearFigure = YEAR_FIGURES[indicator.aggregation];
  const madeOf = yearFigure === 'sum' ? figures.elapsedMonths : completeMonthsOf(figures);
  const months = indicator.hasMonths ? figures.months.slice(0, madeOf) : [];
  const provisional =
    indicator.hasMonths && madeOf < figures.elapsedMonths ? provisionalMonthIndex(figures) : null;
  const { members, whole } = scopesOf(indicator);
  const monthKeys = ({ scope }: Scoped) => months.map((month) => figureKey.month(indicatorId, scope, month));
  const provisionalKeys = ({ scope }: Scoped) => {
    const month = provisional === null ? undefined : figures.months[provisional];
    return month === undefined ? [] : [figureKey.month(indicatorId, scope, month)];
  };
  const yearKey = ({ scope }: Scoped) => figureKey.year(indicatorId, scope);
  // An average stands for the sum of its months.
  const yearShape = yearFigure === 'average' ? { scale: months.length } : {};
  const figuresOf = (scoped: Scoped): ModelFigure[] => [
    ...monthKeys(scoped).map((key, index) => count(key, scoped.series.months[index])),
    ...provisionalKeys(scoped).map((key) => count(key, scoped.series.months[provisional ?? 0])),
    count(yearKey(scoped), scoped.series.value, yearShape),
  ];
  const sumsYear = yearFigure !== 'year_end';
  const lines =
    months.length > 0
      ? tableLines({
          cells: members.map(monthKeys),
          columnTotals: monthKeys(whole),
          ...(sumsYear ? { rowTotals: members.map(yearKey), grandTotal: yearKey(whole) } : {}),
        })
      : tableLines({ cells: members.map((member) => [yearKey(member)]), columnTotals: [yearKey(whole)] });
  const provisionalLines =
    provisional === null
      ? []
      : tableLines({ cells: members.map(provisionalKeys), columnTotals: provisionalKeys(whole) });
  const lastMonth = (scoped: Scoped) => monthKeys(scoped).at(-1);
  const yearEndCopies = sumsYear
    ? []
    : [...members, whole].flatMap((scoped) => {
        const last = lastMonth(scoped);
        return last ? [[yearKey(scoped), last]] : [];
      });
  return {
    figures: [...members, whole].flatMap(figuresOf),
    lines: [...lines, ...provisionalLines],
    copies: yearEndCopies,
    dependents: [],
  };
};

/** A rate or ratio per scope over its numerator and denominator, counts no file shows. */
const rateModel = (indicator: IndicatorFigures): SuppressionModel => {
  const { indicatorId } = indicator;
  const { members, whole } = scopesOf(indicator);
  return joinModels(
    [...members, whole].map(({ scope, series }): SuppressionModel => {
      const value = figureKey.year(indicatorId, scope);
      const counts = [
        { key: figureKey.numerator(indicatorId, scope), value: series.numerator },
        { key: figureKey.denominator(indicatorId, scope), value: series.denominator },
      ].flatMap(({ key, value: counted }) =>
        counted === undefined ? [] : [count(key, counted, { published: false })],
      );
      return {
        figures: [{ key: value, value: series.value ?? 0, count: false }, ...counts],
        lines: [],
        copies: [],
        dependents: counts.length ? [{ figure: value, on: counts.map(({ key }) => key) }] : [],
      };
    }),
  );
};

/**
 * The achievement rate against a public target, and the breakdown of the whole: hidden with the
 * whole, and, while it shows, a one-line table whose total is what the parts add up to (the whole's
 * count, or a rate's numerator) when they do add up to it.
 */
const wholeDependentsModel = (indicator: IndicatorFigures): SuppressionModel => {
  const { indicatorId, breakdown } = indicator;
  const whole = figureKey.year(indicatorId, WHOLE);
  const achievement = figureKey.achievement(indicatorId);
  const parts = breakdown.map((part) => figureKey.part(indicatorId, part.key));
  const sum = breakdown.reduce((total, part) => total + part.value, 0);
  const summed =
    indicator.figureKind === 'count'
      ? { key: whole, value: indicator.total.value }
      : { key: figureKey.numerator(indicatorId, WHOLE), value: indicator.total.numerator };
  return {
    figures: [
      { key: achievement, value: indicator.achievementRate ?? 0, count: false },
      ...breakdown.map((part) => count(figureKey.part(indicatorId, part.key), part.value)),
    ],
    lines: parts.length && summed.value === sum ? [{ total: summed.key, parts }] : [],
    copies: [],
    dependents: [
      { figure: achievement, on: [whole] },
      ...parts.map((part) => ({ figure: part, on: [whole] })),
    ],
  };
};

/**
 * A member municipality's achievement rate against its own public target: hidden with that
 * municipality's year figure, which rate × target gives back.
 */
const memberAchievementsModel = (indicator: IndicatorFigures): SuppressionModel => {
  const { indicatorId } = indicator;
  const withTarget = indicator.byMunicipality.filter(
    (series) => series.target !== null && series.target !== undefined,
  );
  return {
    figures: withTarget.map((series) => ({
      key: figureKey.achievement(indicatorId, scopeKey(series.municipalityCode)),
      value: series.achievementRate ?? 0,
      count: false,
    })),
    lines: [],
    copies: [],
    dependents: withTarget.map((series) => ({
      figure: figureKey.achievement(indicatorId, scopeKey(series.municipalityCode)),
      on: [figureKey.year(indicatorId, scopeKey(series.municipalityCode))],
    })),
  };
};

/**
 * One number published twice: the unwanted self-plans of the whole at the year's end are the
 * self-plan rate's part for that reason.
 */
const sameCounts = (indicators: readonly IndicatorFigures[]): string[][] => {
  const rate = indicators.find((indicator) => indicator.measure?.kind === 'self_plan_rate');
  return indicators.flatMap((indicator) => {
    const measure = indicator.measure;
    if (measure?.kind !== 'self_plans' || !rate?.breakdown.some((part) => part.key === measure.reason)) {
      return [];
    }
    return [[figureKey.year(indicator.indicatorId, WHOLE), figureKey.part(rate.indicatorId, measure.reason)]];
  });
};

/**
 * What could single a person out: counts of people and of their cases, and the rates and ratios
 * over them. Activity figures (events held, organisations taking part, centres, sub-committees,
 * the senior specialists on the roster) describe the service, and a published plan shows them whole.
 */
const PERSON_MEASURES: ReadonlySet<Measure['kind']> = new Set([
  'service_users',
  'self_plans',
  'self_plan_rate',
  'monitoring_on_time_rate',
  'difficult_cases',
  'reaching_age',
  'load_per_specialist',
]);

/** An indicator the period no longer defines is treated as counting people. */
export const countsPeople = (indicator: IndicatorFigures): boolean => {
  const kind = indicator.measure?.kind;
  return kind === undefined || PERSON_MEASURES.has(kind);
};

/** The model of the indicators that count people; the others are published whole. */
const figuresModel = (figures: FiscalYearFigures): SuppressionModel => {
  const indicators = figures.indicators.filter((indicator) => countsPeople(indicator));
  const model = joinModels(
    indicators.flatMap((indicator) => [
      indicator.figureKind === 'count' ? countModel(indicator, figures) : rateModel(indicator),
      wholeDependentsModel(indicator),
      memberAchievementsModel(indicator),
    ]),
  );
  return { ...model, copies: [...model.copies, ...sameCounts(indicators)] };
};

/** The tenant's threshold; where versions were approved under different ones, the highest. */
export const outsideThreshold = (versions: readonly FiscalYearFigures[]): number =>
  Math.max(...versions.map((version) => version.settings.suppressionThreshold));

/**
 * The keys hidden in an outside file of `figures`, one of `versions`: every version of the fiscal
 * year that can be published, oldest first. The version rule fixes the pattern over all of them;
 * the figures' own model then adds whatever its values still need.
 */
export const hiddenForOutside = (
  figures: FiscalYearFigures,
  versions: readonly FiscalYearFigures[],
): Set<string> => {
  const threshold = outsideThreshold([...versions, figures]);
  const forced = suppressVersions(versions.map(figuresModel), threshold);
  return suppressFigures(figuresModel(figures), threshold, { forced });
};
