import { SUPPRESSED_MARK, type FiscalYearFigures, type IndicatorFigures } from '@kikan/shared';
import { describe, expect, it } from 'vitest';
import { exportFigures, type ExportCell, type ExportIndicator } from './export-figures.ts';
import { jointFigures } from './export-fixtures.ts';

const x = SUPPRESSED_MARK;
const MONTHS = jointFigures().months;
const threeMonths = (values: readonly number[]) => MONTHS.map((_, index) => values[index] ?? null);
/** The fixture with one indicator replaced (or added) by `replacement`. */
const withIndicator = (figures: FiscalYearFigures, replacement: IndicatorFigures): FiscalYearFigures => ({
  ...figures,
  indicators: [
    ...figures.indicators.filter((indicator) => indicator.indicatorId !== replacement.indicatorId),
    replacement,
  ],
});
const fixtureIndicator = (indicatorId: string): IndicatorFigures => {
  const found = jointFigures().indicators.find((indicator) => indicator.indicatorId === indicatorId);
  if (!found) throw new Error(`no ${indicatorId} in the fixture`);
  return found;
};
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
      target: 20,
      achievementRate: 66.5,
      targetGap: -6.7,
      attainment: '見込量の8割未満',
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

  it('hides the distance to the 見込量 and the 達成状況 with a hidden whole: with the public 見込量 they give it back', () => {
    const unwanted = {
      ...fixtureIndicator('difficult_cases'),
      indicatorId: 'unwanted_self_plans',
      direction: 'lower_is_better' as const,
      aggregation: 'year_end_stock' as const,
      total: { value: 2, months: threeMonths([2, 2, 2]) },
      byMunicipality: [
        { municipalityCode: '990011', value: 2, months: threeMonths([2, 2, 2]) },
        { municipalityCode: '990012', value: 0, months: threeMonths([0, 0, 0]) },
      ],
      breakdown: [],
      target: 0,
    };

    const internal = indicatorOf(
      exportFigures(withIndicator(jointFigures(), unwanted), 'internal').indicators,
      'unwanted_self_plans',
    );
    const outside = indicatorOf(
      exportFigures(withIndicator(jointFigures(), unwanted), 'outside').indicators,
      'unwanted_self_plans',
    );

    expect([internal.targetGap, internal.attainment]).toEqual([2, '見込量を超過']);
    expect([outside.total.value, outside.targetGap, outside.attainment]).toEqual([x, x, x]);
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

  it("hides a member municipality's achievement, gap and 達成状況 with its hidden year figure: its public 見込量 gives it back", () => {
    const figures = jointFigures();
    const withTargets = figures.indicators.map((indicator) =>
      indicator.indicatorId === 'plan_consultation_users'
        ? {
            ...indicator,
            byMunicipality: indicator.byMunicipality.map((series) =>
              series.municipalityCode === '990011'
                ? { ...series, target: 10, achievementRate: 110 }
                : { ...series, target: 4, achievementRate: 57.5 },
            ),
          }
        : indicator,
    );
    const exportedOf = (use: 'internal' | 'outside') =>
      indicatorOf(
        exportFigures({ ...figures, indicators: withTargets }, use).indicators,
        'plan_consultation_users',
      ).byMunicipality.map(({ scope, value, target, achievementRate, targetGap, attainment }) => ({
        scope,
        value,
        target,
        achievementRate,
        targetGap,
        attainment,
      }));

    expect(exportedOf('internal')).toEqual([
      {
        scope: '北信市',
        value: 11,
        target: 10,
        achievementRate: 110,
        targetGap: 1,
        attainment: '見込量に到達',
      },
      {
        scope: '川辺町',
        value: 2.3,
        target: 4,
        achievementRate: 57.5,
        targetGap: -1.7,
        attainment: '見込量の8割未満',
      },
    ]);
    // 川辺町's 2.3 is hidden: 57.5 % of 4, or 4 − 1.7, would give it back.
    expect(exportedOf('outside')[1]).toEqual({
      scope: '川辺町',
      value: x,
      target: 4,
      achievementRate: x,
      targetGap: x,
      attainment: x,
    });
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

describe('exportFigures: what gives a hidden figure back within one file', () => {
  /** 1 difficult case in 川辺町 in June, of one category only (触法). */
  const oneOffenderCase = withIndicator(jointFigures(), {
    ...fixtureIndicator('difficult_cases'),
    total: { value: 1, months: threeMonths([0, 0, 1]) },
    byMunicipality: [
      { municipalityCode: '990011', value: 0, months: threeMonths([0, 0, 0]) },
      { municipalityCode: '990012', value: 1, months: threeMonths([0, 0, 1]) },
    ],
    breakdown: [
      { key: 'abuse', label: '虐待', value: 0 },
      { key: 'poverty', label: '生活困窮', value: 0 },
      { key: 'offender_support', label: '触法', value: 1 },
    ],
  });

  it('breakdown rule: under a hidden whole every part shows "*", zeros included, so no category is named as the only non-zero one', () => {
    const difficult = indicatorOf(exportFigures(oneOffenderCase, 'outside').indicators, 'difficult_cases');

    expect(difficult.total.value).toBe(x);
    expect(difficult.breakdown.map((part) => [part.label, part.value])).toEqual([
      ['虐待', x],
      ['生活困窮', x],
      ['触法', x],
    ]);
  });

  it('keeps the breakdown as computed for internal use', () => {
    const difficult = indicatorOf(exportFigures(oneOffenderCase, 'internal').indicators, 'difficult_cases');

    expect(difficult.breakdown.map((part) => part.value)).toEqual([0, 0, 1]);
  });

  it('leaves an achievement rate without a target empty instead of "*"', () => {
    const difficult = indicatorOf(exportFigures(oneOffenderCase, 'outside').indicators, 'difficult_cases');

    expect(difficult.achievementRate).toBeNull();
  });

  it("hides one number published twice in both places: unwanted self-plans at the year end and the self-plan rate's part for that reason", () => {
    const rate = fixtureIndicator('self_plan_rate');
    const figures = withIndicator(
      withIndicator(jointFigures(), {
        ...rate,
        total: { ...rate.total, numerator: 6 },
        breakdown: [
          { key: 'person_wish', label: '本人の希望', value: 2 },
          { key: 'no_office_available', label: '受け入れ可能な事業所がない', value: 4 },
        ],
      }),
      {
        ...fixtureIndicator('difficult_cases'),
        indicatorId: 'unwanted_self_plans',
        label: 'のぞまないセルフプランの人数',
        unit: '人',
        direction: 'lower_is_better',
        aggregation: 'year_end_stock',
        measure: { kind: 'self_plans', reason: 'no_office_available' },
        total: { value: 4, months: threeMonths([4, 4, 4]) },
        byMunicipality: [
          { municipalityCode: '990011', value: 4, months: threeMonths([4, 4, 4]) },
          { municipalityCode: '990012', value: 0, months: threeMonths([0, 0, 0]) },
        ],
        breakdown: [],
      },
    );

    const exported = exportFigures(figures, 'outside').indicators;

    const reasons = indicatorOf(exported, 'self_plan_rate').breakdown.map((part) => part.value);
    const unwanted = indicatorOf(exported, 'unwanted_self_plans');
    expect(reasons).toEqual([x, x]);
    expect(unwanted.total.value).toBe(x);
    // A year-end figure repeats the last month: hidden in one place, hidden in the other.
    expect(unwanted.total.months[2]).toBe(x);
    expect(unwanted.byMunicipality.map((series) => [series.value, series.months[2]])).toEqual([
      [x, x],
      [0, 0],
    ]);
  });
});

describe('exportFigures: the version rule', () => {
  const version1 = jointFigures();
  /** The correction adds one 北信市 user in June (11 → 12): a change of one person. */
  const users = fixtureIndicator('plan_consultation_users');
  const correction = withIndicator(version1, {
    ...users,
    total: { value: 13.7, months: threeMonths([12, 13, 16]) },
    byMunicipality: [
      { municipalityCode: '990011', value: 11.3, months: threeMonths([10, 12, 12]) },
      { municipalityCode: '990012', value: 2.3, months: threeMonths([2, 1, 4]) },
    ],
    achievementRate: 68.5,
  });
  const hiddenCells = (indicator: ExportIndicator) =>
    [indicator.total, ...indicator.byMunicipality].flatMap((series) =>
      [series.value, ...series.months].flatMap((value, index) =>
        value === x ? [`${series.scope} ${index === 0 ? 'year' : MONTHS[index - 1]}`] : [],
      ),
    );

  it("hides in the correction's file every figure version 1's file hid, and each figure the correction changed by 1–2", () => {
    const first = indicatorOf(
      exportFigures(version1, 'outside', [version1]).indicators,
      'plan_consultation_users',
    );

    const second = indicatorOf(
      exportFigures(correction, 'outside', [version1, correction]).indicators,
      'plan_consultation_users',
    );

    expect(hiddenCells(first).filter((cell) => !hiddenCells(second).includes(cell))).toEqual([]);
    expect(second.total.months[2]).toBe(x);
    expect(second.byMunicipality[0]?.months[2]).toBe(x);
    expect(second.total.value).toBe(x);
    expect(second.achievementRate).toBe(x);
  });

  it("hides in version 1's file, made again after the correction, whatever the correction's file hides", () => {
    const second = indicatorOf(
      exportFigures(correction, 'outside', [version1, correction]).indicators,
      'plan_consultation_users',
    );

    const again = indicatorOf(
      exportFigures(version1, 'outside', [version1, correction]).indicators,
      'plan_consultation_users',
    );

    expect(hiddenCells(second).filter((cell) => !hiddenCells(again).includes(cell))).toEqual([]);
    expect(again.total.months[2]).toBe(x);
    expect(again.byMunicipality[0]?.months[2]).toBe(x);
  });

  it('leaves internal use as computed, whatever the versions', () => {
    const internal = indicatorOf(
      exportFigures(correction, 'internal', [version1, correction]).indicators,
      'plan_consultation_users',
    );

    expect(internal.total.months.slice(0, 3)).toEqual([12, 13, 16]);
    expect(internal.byMunicipality.map((series) => series.value)).toEqual([11.3, 2.3]);
  });
});
