import {
  fiscalYearOf,
  formatJapaneseEraDate,
  todayInJapan,
  type ExportUse,
  type FiguresQuery,
  type FiscalYearFigures,
  type TenantContext,
} from '@kikan/shared';
import { readFiguresSnapshot, readSignOff } from '../data/signoff-store.ts';
import { readEvaluation, readTargets } from '../data/statistics-config-store.ts';
import { NotFoundError } from '../kernel/errors.ts';
import { exportFigures } from './export-figures.ts';
import type { FiguresWorkbookInput, PlanYear } from './export-workbook.ts';
import { readLiveFigures } from './live-figures.ts';
import { figuresFor } from './office-scope.ts';

export interface ExportSource {
  figures: FiscalYearFigures;
  /** The approved version exported, or null for the figures as they stand. */
  version: number | null;
  /** The versions of the fiscal year an outside file can be made of, oldest first, `figures` among them. */
  versions: FiscalYearFigures[];
}

const liveSource = async (ctx: TenantContext, fiscalYear: number, now: Date): Promise<ExportSource> => {
  const figures = figuresFor(ctx, await readLiveFigures(ctx.tenantId, fiscalYear, now));
  return { figures, version: null, versions: [figures] };
};

const missingVersion = () => new NotFoundError('指定された版の承認済みの実績が見つかりません');

/** Internal use: the version asked for, or the figures as they stand. */
const readInternalSource = async (
  ctx: TenantContext,
  { fiscalYear, version }: FiguresQuery,
  now: Date,
): Promise<ExportSource> => {
  if (version === undefined) return liveSource(ctx, fiscalYear, now);
  const snapshot = await readFiguresSnapshot(ctx.tenantId, fiscalYear, version);
  if (!snapshot) throw missingVersion();
  const figures = figuresFor(ctx, snapshot.figures);
  return { figures, version, versions: [figures] };
};

/**
 * Outside use, the version rule's first half (ADR 0013): once a fiscal year has an approved
 * version, what leaves the tenant is approved figures — the version asked for, else the latest —
 * never the live ones, which change with every write and would give hidden figures back by
 * subtraction. Every approved version comes along, for the pattern they must all share.
 */
const readOutsideSource = async (
  ctx: TenantContext,
  { fiscalYear, version }: FiguresQuery,
  now: Date,
): Promise<ExportSource> => {
  const { approvals } = await readSignOff(ctx.tenantId, fiscalYear);
  if (approvals.length === 0) {
    if (version !== undefined) throw missingVersion();
    return liveSource(ctx, fiscalYear, now);
  }
  const numbers = approvals.map((approval) => approval.version).sort((a, b) => a - b);
  const snapshots = await Promise.all(
    numbers.map((number) => readFiguresSnapshot(ctx.tenantId, fiscalYear, number)),
  );
  const approved = snapshots.flatMap((snapshot) =>
    snapshot ? [{ version: snapshot.version, figures: figuresFor(ctx, snapshot.figures) }] : [],
  );
  const chosen =
    version === undefined ? approved.at(-1) : approved.find((candidate) => candidate.version === version);
  if (!chosen) throw missingVersion();
  return { ...chosen, versions: approved.map((candidate) => candidate.figures) };
};

/** The fiscal year's figures an export is made of: an approved snapshot, or live from the aggregates. */
export const readExportSource = (
  ctx: TenantContext,
  query: FiguresQuery,
  use: ExportUse,
  now: Date,
): Promise<ExportSource> =>
  use === 'outside' ? readOutsideSource(ctx, query, now) : readInternalSource(ctx, query, now);

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
 * The progress table's three years: the one asked for, the earlier years of the period (each a
 * fixed number of aggregate reads, in parallel; for outside use, their approved versions when they
 * have them), and the 見込量 of every year.
 */
export const readWorkbookInput = async (
  ctx: TenantContext,
  source: ExportSource,
  use: ExportUse,
  now: Date,
): Promise<FiguresWorkbookInput> => {
  const { figures } = source;
  const currentFiscalYear = fiscalYearOf(todayInJapan(now));
  const earlierYears = figures.periodFiscalYears.filter(
    (year) => year < figures.fiscalYear && year <= currentFiscalYear,
  );
  const [targets, evaluation, ...earlierSources] = await Promise.all([
    readTargets(ctx.tenantId, figures.periodId),
    // The evaluation kept with the version exported; for the figures as they stand, the newest.
    readEvaluation(ctx.tenantId, figures.fiscalYear, source.version ?? null),
    ...earlierYears.map((fiscalYear) => readExportSource(ctx, { fiscalYear }, use, now)),
  ]);
  const exported = (year: ExportSource) => exportFigures(year.figures, use, year.versions);
  const selected = exported(source);
  const figuresOfYear = new Map(earlierSources.map((year) => [year.figures.fiscalYear, exported(year)]));
  const planYears = figures.periodFiscalYears.map((fiscalYear): PlanYear => ({
    fiscalYear,
    figures: fiscalYear === figures.fiscalYear ? selected : (figuresOfYear.get(fiscalYear) ?? null),
    targets: targetsOfYear(targets?.targets ?? {}, fiscalYear),
  }));
  return {
    figures: selected,
    planYears,
    municipalities: figures.municipalities,
    sourceLabel: sourceLabelOf(source),
    evaluations: evaluation?.texts ?? {},
  };
};

/** Where a file's figures come from: 「集計値（令和8年12月7日時点）」 or 「承認済み 第1版」. */
export const sourceLabelOf = ({ figures, version }: Pick<ExportSource, 'figures' | 'version'>): string =>
  version === null
    ? `集計値（${formatJapaneseEraDate(todayInJapan(new Date(figures.computedAt)))}時点）`
    : `承認済み 第${version}版`;
