import { SUPPRESSED_MARK } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { exportFigures, type ExportCell, type ExportIndicator } from './export-figures.ts';
import { jointFigures } from './export-fixtures.ts';

const x = SUPPRESSED_MARK;
const indicatorOf = (indicators: readonly ExportIndicator[], indicatorId: string): ExportIndicator => {
  const found = indicators.find((indicator) => indicator.indicatorId === indicatorId);
  if (!found) throw new Error(`no ${indicatorId}`);
  return found;
};

/**
 * The totals attack on an exported count: the municipalities' months and year figures against the
 * whole's. In every row and column with a visible total, total − Σ visible cells must not be left
 * to a single hidden cell.
 */
const singleHiddenLines = (indicator: ExportIndicator, elapsedMonths: number): string[] => {
  const columns = indicator.hasMonths ? elapsedMonths : 0;
  const cellsOf = (months: readonly ExportCell[], value: ExportCell) =>
    columns > 0 ? months.slice(0, columns) : [value];
  const rows = indicator.byMunicipality.map((series) => [
    ...cellsOf(series.months, series.value),
    series.value,
  ]);
  const grid = [...rows, [...cellsOf(indicator.total.months, indicator.total.value), indicator.total.value]];
  const lines = [
    ...grid.map((line, index) => ({ name: `row ${index}`, line })),
    ...(grid[0] ?? []).map((_, column) => ({
      name: `column ${column}`,
      line: grid.map((row) => row[column]),
    })),
  ];
  return lines.filter(({ line }) => line.filter((value) => value === x).length === 1).map(({ name }) => name);
};

describe('exportFigures: internal use', () => {
  it('shows every figure as computed, with the municipalities named', () => {
    const figures = jointFigures();

    const exported = exportFigures(figures, 'internal');

    const users = indicatorOf(exported.indicators, 'plan_consultation_users');
    expect(users.total).toEqual({
      scope: '全体',
      municipalityCode: null,
      value: 13.3,
      months: figures.indicators[0]?.total.months,
    });
    expect(users.byMunicipality.map(({ scope, value }) => [scope, value])).toEqual([
      ['北信市', 11],
      ['川辺町', 2.3],
    ]);
    expect(users.achievementRate).toBe(66.5);
    expect(users.hasTarget).toBe(true);
    expect(indicatorOf(exported.indicators, 'difficult_cases').breakdown.map((part) => part.value)).toEqual([
      6, 2, 5,
    ]);
  });
});

describe('exportFigures: outside use', () => {
  const exported = exportFigures(jointFigures(), 'outside');

  it('hides counts of 1–2 and the figures beside them that would give them back', () => {
    const users = indicatorOf(exported.indicators, 'plan_consultation_users');

    expect(users.byMunicipality.map(({ value, months }) => [value, months.slice(0, 4)])).toEqual([
      [x, [x, x, 11, null]],
      [x, [x, x, 4, null]],
    ]);
    expect(users.total.value).toBe(13.3);
    expect(users.total.months.slice(0, 3)).toEqual([12, 13, 15]);
    expect(users.achievementRate).toBe(66.5);
  });

  it.each(['plan_consultation_users', 'reaching_18_next_year', 'difficult_cases'])(
    '%s: no row or column of the municipality table is left with a single hidden figure',
    (indicatorId) => {
      const indicator = indicatorOf(exported.indicators, indicatorId);

      expect(
        [...indicator.byMunicipality, indicator.total].flatMap((series) => [series.value, ...series.months]),
      ).toContain(x);
      expect(singleHiddenLines(indicator, 3)).toEqual([]);
    },
  );

  it('hides the achievement rate of a hidden actual, since the target is public', () => {
    const figures = jointFigures();
    const small = figures.indicators.map((indicator) =>
      indicator.indicatorId === 'plan_consultation_users'
        ? { ...indicator, total: { ...indicator.total, value: 2.3 }, achievementRate: 11.5 }
        : indicator,
    );

    const users = indicatorOf(
      exportFigures({ ...figures, indicators: small }, 'outside').indicators,
      'plan_consultation_users',
    );

    expect(users.total.value).toBe(x);
    expect(users.target).toBe(20);
    expect(users.achievementRate).toBe(x);
  });

  it('publishes activity figures whole: they count no person (one core center is 1)', () => {
    const centres = indicatorOf(exported.indicators, 'core_centers');

    expect(centres.total.value).toBe(1);
    expect(centres.byMunicipality.map((series) => series.value)).toEqual([1, 0]);
    expect(centres.achievementRate).toBe(100);
  });

  it('hides people counts without months against their total column', () => {
    const reaching = indicatorOf(exported.indicators, 'reaching_18_next_year');

    expect([reaching.total.value, ...reaching.byMunicipality.map((series) => series.value)]).toEqual([
      4,
      x,
      x,
    ]);
  });

  it('keeps zero as 0', () => {
    const difficult = indicatorOf(exported.indicators, 'difficult_cases');

    expect(difficult.byMunicipality[1]?.months.slice(0, 3)).toEqual([0, 0, x]);
  });

  it('hides a rate whose counts are small and every monthly rate, whose counts are not known', () => {
    const rate = indicatorOf(exported.indicators, 'self_plan_rate');

    expect(rate.total.value).toBe(25);
    expect(rate.byMunicipality.map((series) => series.value)).toEqual([20, x]);
    expect(rate.total.months.slice(0, 4)).toEqual([x, x, x, null]);
    expect(indicatorOf(exported.indicators, 'load_per_specialist').total.value).toBe(x);
  });

  it('hides a breakdown part of 1–2 with a complement, so the whole minus the rest does not give it', () => {
    const difficult = indicatorOf(exported.indicators, 'difficult_cases');

    expect(difficult.breakdown.map((part) => [part.label, part.unit, part.value])).toEqual([
      ['虐待', '件', 6],
      ['生活困窮', '件', x],
      ['ひきこもり', '件', x],
    ]);
  });

  it('hides the whole breakdown when the figure it breaks down is hidden', () => {
    const figures = jointFigures();
    const small = figures.indicators.map((indicator) =>
      indicator.indicatorId === 'self_plan_rate'
        ? { ...indicator, total: { ...indicator.total, numerator: 2 } }
        : indicator,
    );

    const rate = indicatorOf(
      exportFigures({ ...figures, indicators: small }, 'outside').indicators,
      'self_plan_rate',
    );

    expect(rate.total.value).toBe(x);
    expect(rate.breakdown.map((part) => [part.unit, part.value])).toEqual([
      ['人', x],
      ['人', x],
    ]);
  });

  it('follows the tenant threshold: with 5, a 4 is hidden too', () => {
    const figures = jointFigures({ settings: { communityUserUnit: 'per_month', suppressionThreshold: 5 } });

    const difficult = indicatorOf(exportFigures(figures, 'outside').indicators, 'difficult_cases');

    expect(exportFigures(figures, 'outside').threshold).toBe(5);
    expect(difficult.total.months.slice(0, 3)).toEqual([x, x, 6]);
  });
});
