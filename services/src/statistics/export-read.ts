import {
  fiscalYearOf,
  formatJapaneseEraDate,
  planPeriodById,
  todayInJapan,
  type ExportUse,
  type FiguresQuery,
  type FiscalYearFigures,
  type TenantContext,
} from '@kikan/shared';
import { readFiguresSnapshot } from '../data/signoff-store.ts';
import { readTargets } from '../data/statistics-config-store.ts';
import { NotFoundError } from '../http/errors.ts';
import { exportFigures } from './export-figures.ts';
import type { FiguresWorkbookInput, PlanYear } from './export-workbook.ts';
import { readLiveFigures } from './live-figures.ts';
import { figuresFor } from './office-scope.ts';

export interface ExportSource {
  figures: FiscalYearFigures;
  /** The approved version exported, or null for the figures as they stand. */
  version: number | null;
}

/** The fiscal year's figures an export is made of: an approved snapshot, or live from the aggregates. */
export const readExportSource = async (
  ctx: TenantContext,
  query: FiguresQuery,
  now: Date,
): Promise<ExportSource> => {
  if (query.version !== undefined) {
    const snapshot = await readFiguresSnapshot(ctx.tenantId, query.fiscalYear, query.version);
    if (!snapshot) throw new NotFoundError('指定された版の承認済みの実績が見つかりません');
    return { figures: figuresFor(ctx, snapshot.figures), version: query.version };
  }
  return {
    figures: figuresFor(ctx, await readLiveFigures(ctx.tenantId, query.fiscalYear, now)),
    version: null,
  };
};

const targetsOfYear = (
  targets: Readonly<Record<string, Readonly<Record<string, number>>>>,
  fiscalYear: number,
): Record<string, number> =>
  Object.fromEntries(
    Object.entries(targets).flatMap(([indicatorId, byYear]) => {
      const target = byYear[String(fiscalYear)];
      return target === undefined ? [] : [[indicatorId, target]];
    }),
  );

/**
 * The progress table's three years: the one asked for, the earlier years of the period as they
 * stand now (each a fixed number of aggregate reads, in parallel), and the 見込量 of every year.
 */
export const readWorkbookInput = async (
  ctx: TenantContext,
  { figures, version }: ExportSource,
  use: ExportUse,
  now: Date,
): Promise<FiguresWorkbookInput> => {
  const period = planPeriodById(figures.periodId);
  const currentFiscalYear = fiscalYearOf(todayInJapan(now));
  const earlierYears = period.fiscalYears.filter(
    (year) => year < figures.fiscalYear && year <= currentFiscalYear,
  );
  const [targets, ...earlierFigures] = await Promise.all([
    readTargets(ctx.tenantId, period.periodId),
    ...earlierYears.map((year) => readLiveFigures(ctx.tenantId, year, now)),
  ]);
  const selected = exportFigures(figures, use);
  const figuresOfYear = new Map(
    earlierFigures.map((yearFigures) => [
      yearFigures.fiscalYear,
      exportFigures(figuresFor(ctx, yearFigures), use),
    ]),
  );
  const planYears = period.fiscalYears.map((fiscalYear): PlanYear => ({
    fiscalYear,
    figures: fiscalYear === figures.fiscalYear ? selected : (figuresOfYear.get(fiscalYear) ?? null),
    targets: targetsOfYear(targets?.targets ?? {}, fiscalYear),
  }));
  return {
    figures: selected,
    planYears,
    municipalities: figures.municipalities,
    sourceLabel:
      version === null
        ? `集計値（${formatJapaneseEraDate(todayInJapan(new Date(figures.computedAt)))}時点）`
        : `承認済み 第${version}版`,
  };
};
