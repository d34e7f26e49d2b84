import {
  SUPPRESSED_MARK,
  planPeriodById,
  suppressDerived,
  suppressTable,
  type ExportUse,
  type FigureKind,
  type FigureSeries,
  type FiscalYearFigures,
  type IndicatorFigures,
  type IndicatorGroup,
  type Measure,
  type PlanPeriodId,
  type PublishedCount,
  type Suppressed,
} from '@kikan/shared';

/** A figure as an export shows it: a number, nothing (a month not begun), or suppressed. */
export type ExportCell = number | null | Suppressed;

export const WHOLE_TENANT_LABEL = '全体';

export interface ExportSeries {
  /** 全体, or the member municipality's name. */
  scope: string;
  municipalityCode: string | null;
  value: ExportCell;
  months: ExportCell[];
}

export interface ExportIndicator {
  indicatorId: string;
  group: IndicatorGroup;
  label: string;
  unit: string;
  figureKind: FigureKind;
  hasMonths: boolean;
  /** The plan sets a 見込量 for it (a 見込量 row in the progress table). */
  hasTarget: boolean;
  target: number | null;
  achievementRate: ExportCell;
  total: ExportSeries;
  byMunicipality: ExportSeries[];
  breakdown: { label: string; unit: string; value: ExportCell }[];
}

/** The figures of one fiscal year as every export lays them out, suppressed for outside use. */
export interface ExportFigures {
  fiscalYear: number;
  periodId: PlanPeriodId;
  periodLabel: string;
  months: string[];
  use: ExportUse;
  threshold: number;
  indicators: ExportIndicator[];
}

const restore = (original: number | null, published: PublishedCount): ExportCell =>
  original === null ? null : published;

const municipalityName = (figures: FiscalYearFigures, code: string) =>
  figures.municipalities.find((municipality) => municipality.code === code)?.name ?? code;

/**
 * Counts as the municipality × month table they are read from: the tenant's months are the column
 * totals and each fiscal-year figure the total of its row (a sum, or an average that gives the sum
 * back when multiplied by the months). Without months, the year is a table of one column.
 */
const suppressCounts = (
  indicator: IndicatorFigures,
  elapsedMonths: number,
  threshold: number,
): Pick<ExportIndicator, 'total' | 'byMunicipality'> & { totalHidden: boolean } => {
  const columns = indicator.hasMonths && elapsedMonths > 0 ? elapsedMonths : 0;
  const cellsOf = (series: FigureSeries) =>
    columns > 0 ? series.months.slice(0, columns).map((value) => value ?? 0) : [series.value ?? 0];
  const table = suppressTable(
    {
      cells: indicator.byMunicipality.map(cellsOf),
      rowTotals: indicator.byMunicipality.map((series) => series.value ?? 0),
      columnTotals: cellsOf(indicator.total),
      grandTotal: indicator.total.value ?? 0,
    },
    threshold,
  );
  const publishedSeries = (
    series: FigureSeries,
    cells: readonly PublishedCount[],
    total: PublishedCount,
  ): Pick<ExportSeries, 'value' | 'months'> => ({
    value: restore(series.value, total),
    months: series.months.map((value, index) =>
      restore(value, columns > 0 ? (cells[index] ?? SUPPRESSED_MARK) : SUPPRESSED_MARK),
    ),
  });
  return {
    total: {
      scope: WHOLE_TENANT_LABEL,
      municipalityCode: null,
      ...publishedSeries(indicator.total, table.columnTotals, table.grandTotal),
    },
    byMunicipality: indicator.byMunicipality.map((series, row) => ({
      scope: '',
      municipalityCode: series.municipalityCode,
      ...publishedSeries(series, table.cells[row] ?? [], table.rowTotals[row] ?? SUPPRESSED_MARK),
    })),
    totalHidden: table.grandTotal === SUPPRESSED_MARK,
  };
};

/**
 * A rate or ratio shows only when the counts it divides could be shown. The months carry no counts
 * of their own, so outside use cannot tell 1 of 2 from 50 of 100 there and hides them.
 */
const suppressRate = (series: FigureSeries, threshold: number): Pick<ExportSeries, 'value' | 'months'> => ({
  value: suppressDerived(series.value, [series.numerator, series.denominator], threshold),
  months: series.months.map((value) => (value === null ? null : SUPPRESSED_MARK)),
});

/** A breakdown is a table of one row whose total is the sum of its parts. */
const suppressBreakdown = (
  indicator: IndicatorFigures,
  parentHidden: boolean,
  threshold: number,
): ExportIndicator['breakdown'] => {
  const { breakdown } = indicator;
  const unit = breakdownUnit(indicator);
  if (parentHidden) {
    return breakdown.map(({ label, value }) => ({ label, unit, value: value === 0 ? 0 : SUPPRESSED_MARK }));
  }
  const sum = breakdown.reduce((total, item) => total + item.value, 0);
  const table = suppressTable(
    {
      cells: [breakdown.map((item) => item.value)],
      rowTotals: [sum],
      columnTotals: breakdown.map((item) => item.value),
      grandTotal: sum,
    },
    threshold,
  );
  return breakdown.map(({ label }, index) => ({
    label,
    unit,
    value: table.cells[0]?.[index] ?? SUPPRESSED_MARK,
  }));
};

const definitionFor = (indicator: IndicatorFigures, figures: FiscalYearFigures) =>
  planPeriodById(figures.periodId).indicators.find(
    (definition) => definition.indicatorId === indicator.indicatorId,
  );

const definitionOf = (indicator: IndicatorFigures, figures: FiscalYearFigures) => ({
  indicatorId: indicator.indicatorId,
  group: indicator.group,
  label: indicator.label,
  unit: indicator.unit,
  figureKind: indicator.figureKind,
  hasMonths: indicator.hasMonths,
  hasTarget: definitionFor(indicator, figures)?.hasTarget ?? indicator.target !== null,
  target: indicator.target,
});

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
const countsPeople = (indicator: IndicatorFigures, figures: FiscalYearFigures): boolean => {
  const kind = definitionFor(indicator, figures)?.measure.kind;
  return kind === undefined || PERSON_MEASURES.has(kind);
};

/** Self-plan reasons under a rate are people; a count's parts keep its unit. */
const breakdownUnit = (indicator: IndicatorFigures): string =>
  indicator.figureKind === 'count' ? indicator.unit : '人';

const internalIndicator = (indicator: IndicatorFigures, figures: FiscalYearFigures): ExportIndicator => ({
  ...definitionOf(indicator, figures),
  achievementRate: indicator.achievementRate,
  total: {
    scope: WHOLE_TENANT_LABEL,
    municipalityCode: null,
    value: indicator.total.value,
    months: indicator.total.months,
  },
  byMunicipality: indicator.byMunicipality.map((series) => ({
    scope: municipalityName(figures, series.municipalityCode),
    municipalityCode: series.municipalityCode,
    value: series.value,
    months: series.months,
  })),
  breakdown: indicator.breakdown.map(({ label, value }) => ({
    label,
    unit: breakdownUnit(indicator),
    value,
  })),
});

const outsideIndicator = (
  indicator: IndicatorFigures,
  figures: FiscalYearFigures,
  threshold: number,
): ExportIndicator => {
  const named = (series: ExportSeries): ExportSeries => ({
    ...series,
    scope: municipalityName(figures, series.municipalityCode ?? ''),
  });
  if (indicator.figureKind === 'count') {
    const { total, byMunicipality, totalHidden } = suppressCounts(
      indicator,
      figures.elapsedMonths,
      threshold,
    );
    return {
      ...definitionOf(indicator, figures),
      // The target is public, so a rate against it would give the hidden actual back.
      achievementRate: total.value === SUPPRESSED_MARK ? SUPPRESSED_MARK : indicator.achievementRate,
      total,
      byMunicipality: byMunicipality.map(named),
      breakdown: suppressBreakdown(indicator, totalHidden, threshold),
    };
  }
  const total = suppressRate(indicator.total, threshold);
  return {
    ...definitionOf(indicator, figures),
    achievementRate: total.value === SUPPRESSED_MARK ? SUPPRESSED_MARK : indicator.achievementRate,
    total: { scope: WHOLE_TENANT_LABEL, municipalityCode: null, ...total },
    byMunicipality: indicator.byMunicipality.map((series) =>
      named({ scope: '', municipalityCode: series.municipalityCode, ...suppressRate(series, threshold) }),
    ),
    breakdown: suppressBreakdown(indicator, total.value === SUPPRESSED_MARK, threshold),
  };
};

/**
 * The figures for an export. Internal use shows them as computed; outside use (council papers, a
 * published plan) suppresses small counts of people with their complements, and whatever is
 * derived from them.
 */
export const exportFigures = (figures: FiscalYearFigures, use: ExportUse): ExportFigures => {
  const threshold = figures.settings.suppressionThreshold;
  return {
    fiscalYear: figures.fiscalYear,
    periodId: figures.periodId,
    periodLabel: figures.periodLabel,
    months: figures.months,
    use,
    threshold,
    indicators: figures.indicators.map((indicator) =>
      use === 'outside' && countsPeople(indicator, figures)
        ? outsideIndicator(indicator, figures, threshold)
        : internalIndicator(indicator, figures),
    ),
  };
};

/** 2025-04 → 4月 */
export const monthLabel = (month: string): string => `${Number(month.slice(5, 7))}月`;
