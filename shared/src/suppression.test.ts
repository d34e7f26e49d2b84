import { describe, expect, it } from 'vitest';
import { SUPPRESSED_MARK } from './statistics-api.ts';
import {
  isSmallCount,
  suppressFigures,
  suppressTable,
  suppressVersions,
  tableLines,
  type CountTable,
  type ModelFigure,
  type PublishedCount,
  type SuppressedTable,
  type SuppressionModel,
} from './suppression.ts';

const THRESHOLD = 3;
const x = SUPPRESSED_MARK;

/** Row and column totals worked out from the cells, as a published table has them. */
const tableOf = (cells: number[][]): CountTable => {
  const columnTotals = (cells[0] ?? []).map((_, column) =>
    cells.reduce((total, row) => total + (row[column] ?? 0), 0),
  );
  return {
    cells,
    rowTotals: cells.map((row) => row.reduce((total, value) => total + value, 0)),
    columnTotals,
    grandTotal: columnTotals.reduce((total, value) => total + value, 0),
  };
};

/** The published table with its totals as one grid: the last row and the last column are sums. */
const gridOf = (table: SuppressedTable): PublishedCount[][] => [
  ...table.cells.map((row, index) => [...row, table.rowTotals[index] ?? 0]),
  [...table.columnTotals, table.grandTotal],
];

/**
 * The totals attack: for every row and column (the totals' own included), total − Σ visible cells.
 * When a single hidden figure is left in the line, the subtraction yields it. Returns what it yields.
 */
const totalsAttack = (table: SuppressedTable): { line: string; recovered: number }[] => {
  const grid = gridOf(table);
  const lines = [
    ...grid.map((row, index) => ({ line: `row ${index}`, values: row })),
    ...(grid[0] ?? []).map((_, column) => ({
      line: `column ${column}`,
      values: grid.map((row) => row[column] ?? 0),
    })),
  ];
  return lines.flatMap(({ line, values }) => {
    const hidden = values.filter((value) => value === SUPPRESSED_MARK);
    if (hidden.length !== 1) return [];
    const total = values.at(-1);
    const parts = values.slice(0, -1);
    const visibleSum = parts.reduce<number>((sum, value) => sum + (value === SUPPRESSED_MARK ? 0 : value), 0);
    // Hidden total: the visible parts add up to it. Hidden part: the total less the visible parts.
    const recovered = total === SUPPRESSED_MARK ? visibleSum : (total ?? 0) - visibleSum;
    return [{ line, recovered }];
  });
};

/**
 * Every filling of the hidden cells a reader could try (hidden figures are never zero, since zero is
 * shown) that agrees with every visible figure: the values each hidden position can take.
 */
const feasibleValues = (table: SuppressedTable): Map<string, Set<number>> => {
  const columns = table.columnTotals.length;
  const hiddenCells = table.cells.flatMap((row, r) =>
    row.flatMap((value, c) => (value === SUPPRESSED_MARK ? [[r, c] as const] : [])),
  );
  // A hidden cell is at most any visible total it is part of.
  const boundOf = (r: number, c: number) =>
    Math.min(
      ...[table.rowTotals[r], table.columnTotals[c], table.grandTotal, 60].filter(
        (total): total is number => typeof total === 'number',
      ),
    );
  const feasible = new Map<string, Set<number>>();
  const record = (key: string, value: number) =>
    feasible.set(key, (feasible.get(key) ?? new Set()).add(value));
  const filled = table.cells.map((row) => row.map((value) => (value === SUPPRESSED_MARK ? 0 : value)));

  const check = () => {
    const rowSums = filled.map((row) => row.reduce((sum, value) => sum + value, 0));
    const columnSums = Array.from({ length: columns }, (_, c) =>
      filled.reduce((sum, row) => sum + (row[c] ?? 0), 0),
    );
    const grand = rowSums.reduce((sum, value) => sum + value, 0);
    const totals = [
      ...rowSums.map((sum, r) => [table.rowTotals[r], sum] as const),
      ...columnSums.map((sum, c) => [table.columnTotals[c], sum] as const),
      [table.grandTotal, grand] as const,
    ];
    const agrees = totals.every(([shown, sum]) => (shown === SUPPRESSED_MARK ? sum > 0 : shown === sum));
    if (!agrees) return;
    for (const [r, c] of hiddenCells) record(`cell ${r},${c}`, filled[r]?.[c] ?? 0);
    rowSums.forEach((sum, r) => table.rowTotals[r] === SUPPRESSED_MARK && record(`row total ${r}`, sum));
    columnSums.forEach(
      (sum, c) => table.columnTotals[c] === SUPPRESSED_MARK && record(`column total ${c}`, sum),
    );
    if (table.grandTotal === SUPPRESSED_MARK) record('grand total', grand);
  };
  const fill = (index: number) => {
    const position = hiddenCells[index];
    if (!position) return check();
    const [r, c] = position;
    const row = filled[r];
    if (!row) return;
    for (let value = 1; value <= boundOf(r, c); value += 1) {
      row[c] = value;
      fill(index + 1);
    }
    row[c] = 0;
  };
  fill(0);
  return feasible;
};

describe('suppressTable', () => {
  it('publishes a table without small counts as it is', () => {
    const table = tableOf([
      [5, 7],
      [4, 9],
    ]);

    expect(suppressTable(table, THRESHOLD)).toEqual({
      cells: [
        [5, 7],
        [4, 9],
      ],
      rowTotals: [12, 13],
      columnTotals: [9, 16],
      grandTotal: 25,
    });
  });

  it('hides a 2 and then the smallest figures beside it, so its row and column each hide two', () => {
    const table = tableOf([
      [2, 5, 8],
      [6, 4, 9],
      [7, 10, 3],
    ]);

    const published = suppressTable(table, THRESHOLD);

    // Row 0 takes the 5 (smaller than 8), column 0 the 6, and column 1 then hides the 4.
    expect(published).toEqual({
      cells: [
        [x, x, 8],
        [x, x, 9],
        [7, 10, 3],
      ],
      rowTotals: [15, 19, 20],
      columnTotals: [15, 19, 20],
      grandTotal: 54,
    });
  });

  it('hides a total below the threshold and pairs it with another total', () => {
    const table = tableOf([
      [1, 0, 0],
      [4, 6, 5],
    ]);

    expect(suppressTable(table, THRESHOLD)).toEqual({
      cells: [
        [x, 0, 0],
        [x, 6, 5],
      ],
      rowTotals: [x, x],
      columnTotals: [5, 6, 5],
      grandTotal: 16,
    });
  });

  it('keeps zero as 0 and never takes a zero as the complement', () => {
    const table = tableOf([
      [2, 0, 7],
      [0, 0, 9],
      [5, 0, 4],
    ]);

    const published = suppressTable(table, THRESHOLD);

    expect(published.cells.flat().filter((value) => value === 0)).toHaveLength(4);
    expect(published).toEqual({
      cells: [
        [x, 0, x],
        [0, 0, 9],
        [x, 0, x],
      ],
      rowTotals: [9, 9, 9],
      columnTotals: [7, 0, 20],
      grandTotal: 27,
    });
  });

  it('hides one municipality with its twin tenant row when the tenant has a single member', () => {
    const table = tableOf([[4, 2, 5]]);

    expect(suppressTable(table, THRESHOLD)).toEqual({
      cells: [[x, x, 5]],
      rowTotals: [11],
      columnTotals: [x, x, 5],
      grandTotal: 11,
    });
  });

  it('treats a higher threshold of the tenant as small up to threshold − 1', () => {
    const table = tableOf([
      [4, 10],
      [12, 20],
    ]);

    expect(suppressTable(table, 5).cells).toEqual([
      [x, x],
      [x, x],
    ]);
    expect(suppressTable(table, 4).cells).toEqual([
      [4, 10],
      [12, 20],
    ]);
  });

  it('hides a small average that stands as a total (0.5 users a month is one person)', () => {
    const published = suppressTable(
      { cells: [[1, 0]], rowTotals: [0.5], columnTotals: [1, 0], grandTotal: 0.5 },
      THRESHOLD,
    );

    expect(published.rowTotals).toEqual([x]);
    expect(published.grandTotal).toBe(x);
  });

  it('refuses a table whose rows and column totals disagree in size', () => {
    expect(() =>
      suppressTable({ cells: [[1, 2]], rowTotals: [3], columnTotals: [3], grandTotal: 3 }, THRESHOLD),
    ).toThrow();
  });
});

describe('suppressTable: the totals attack', () => {
  const HAND_WORKED: Record<string, number[][]> = {
    'one 2 in a 3 × 3 table': [
      [2, 5, 8],
      [6, 4, 9],
      [7, 10, 3],
    ],
    'a row whose only count is 1': [
      [1, 0, 0],
      [4, 6, 5],
    ],
    'zeros around a 2': [
      [2, 0, 7],
      [0, 0, 9],
      [5, 0, 4],
    ],
    'a single municipality by month': [[4, 2, 5, 1]],
    'two small counts in one column': [
      [1, 6, 3],
      [2, 5, 4],
      [8, 0, 6],
    ],
    // Two 1s hidden side by side leave their row total − the visible 6 = 2: both must be 1.
    'two 1s whose row leaves them no room': [
      [1, 1, 6],
      [5, 4, 7],
    ],
  };

  it.each(Object.entries(HAND_WORKED))(
    '%s: total − Σ visible cells of a row or column never yields a single hidden cell',
    (_name, cells) => {
      const published = suppressTable(tableOf(cells), THRESHOLD);

      expect(published.cells.flat()).toContain(SUPPRESSED_MARK);
      expect(totalsAttack(published)).toEqual([]);
    },
  );

  it.each(Object.entries(HAND_WORKED))(
    '%s: every filling that agrees with the visible figures leaves each hidden figure two values or more',
    (_name, cells) => {
      const published = suppressTable(tableOf(cells), THRESHOLD);

      const feasible = feasibleValues(published);

      expect(feasible.size).toBeGreaterThan(0);
      for (const [position, values] of feasible) {
        expect({ position, values: values.size > 1 }).toEqual({ position, values: true });
      }
    },
  );

  it('the attack finds the cell when only the small count is hidden (what complements prevent)', () => {
    const naive: SuppressedTable = {
      cells: [
        [x, 5],
        [6, 4],
      ],
      rowTotals: [7, 10],
      columnTotals: [8, 9],
      grandTotal: 17,
    };

    expect(totalsAttack(naive)).toEqual([
      { line: 'row 0', recovered: 2 },
      { line: 'column 0', recovered: 2 },
    ]);
  });

  it('leaves no line with a single hidden figure in 300 random municipality × month tables', () => {
    let seed = 20_250_401;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let run = 0; run < 300; run += 1) {
      const rows = 1 + Math.floor(random() * 4);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: 12 }, () =>
          random() < 0.3 ? Math.floor(random() * 3) : Math.floor(random() * 40),
        ),
      );
      const table = tableOf(cells);

      const published = suppressTable(table, THRESHOLD);

      expect(totalsAttack(published)).toEqual([]);
      const grid = gridOf(published);
      const truth = gridOf({
        cells: table.cells.map((row) => [...row]),
        rowTotals: [...table.rowTotals],
        columnTotals: [...table.columnTotals],
        grandTotal: table.grandTotal,
      });
      truth.forEach((row, r) =>
        row.forEach((value, c) => {
          const shown = grid[r]?.[c];
          if (value === 0) expect(shown).toBe(0);
          else if (isSmallCount(Number(value), THRESHOLD)) expect(shown).toBe(SUPPRESSED_MARK);
          else if (shown !== SUPPRESSED_MARK) expect(shown).toBe(value);
        }),
      );
    }
  });
});

describe('suppressFigures: relations beyond one table', () => {
  const figure = (key: string, value: number, extra: Partial<ModelFigure> = {}): ModelFigure => ({
    key,
    value,
    count: true,
    ...extra,
  });
  const model = (fields: Partial<SuppressionModel>): SuppressionModel => ({
    figures: [],
    lines: [],
    copies: [],
    dependents: [],
    ...fields,
  });

  it('a rate is hidden with a small or hidden count it divides, and shown over counts of 0 or ≥ threshold', () => {
    const rates = model({
      figures: [
        figure('small numerator', 2, { published: false }),
        figure('large denominator', 16, { published: false }),
        figure('rate over a small count', 12.5, { count: false }),
        figure('zero numerator', 0, { published: false }),
        figure('rate over zero', 0, { count: false }),
      ],
      dependents: [
        { figure: 'rate over a small count', on: ['small numerator', 'large denominator'] },
        { figure: 'rate over zero', on: ['zero numerator', 'large denominator'] },
      ],
    });

    const hidden = suppressFigures(rates, THRESHOLD);

    expect(hidden).toEqual(new Set(['small numerator', 'rate over a small count']));
  });

  it('breakdown rule: a hidden whole hides every part of its breakdown, zeros included, so none is named as the only non-zero one', () => {
    const parts = ['abuse', 'poverty', 'offender support'];
    const breakdown = model({
      figures: [figure('whole', 1), figure('abuse', 0), figure('poverty', 0), figure('offender support', 1)],
      lines: [{ total: 'whole', parts }],
      dependents: parts.map((part) => ({ figure: part, on: ['whole'] })),
    });

    const hidden = suppressFigures(breakdown, THRESHOLD);

    expect([...hidden].sort()).toEqual(['abuse', 'offender support', 'poverty', 'whole']);
  });

  it('a number published in two places is hidden in both when either place hides it', () => {
    const twice = model({
      figures: [figure('reason part', 2), figure('other reason part', 5), figure('indicator year', 5)],
      lines: [{ total: 'indicator year', parts: ['reason part', 'other reason part'] }],
      copies: [['other reason part', 'elsewhere']],
    });
    const withCopy = { ...twice, figures: [...twice.figures, figure('elsewhere', 5)] };

    const hidden = suppressFigures(withCopy, THRESHOLD);

    expect(hidden).toEqual(new Set(['reason part', 'other reason part', 'elsewhere']));
  });

  it('a line whose hidden parts must all be 1 takes one more complement', () => {
    const row = model({
      figures: [figure('a', 1), figure('b', 1), figure('c', 6), figure('total', 8)],
      lines: [{ total: 'total', parts: ['a', 'b', 'c'] }],
    });

    const hidden = suppressFigures(row, THRESHOLD);

    expect(hidden).toEqual(new Set(['a', 'b', 'c']));
  });

  it('a figure a reader has from another file protects nothing: the complement is another one', () => {
    const row = model({
      figures: [figure('small', 2), figure('known', 4), figure('other', 9), figure('total', 15)],
      lines: [{ total: 'total', parts: ['small', 'known', 'other'] }],
    });

    const hidden = suppressFigures(row, THRESHOLD, { known: new Set(['known']) });

    expect(hidden).toEqual(new Set(['small', 'other']));
  });
});

describe('suppressVersions: the version rule', () => {
  /** A table with its totals worked out, as one version of a fiscal year's figures. */
  const version = (cells: number[][]): SuppressionModel => {
    const table = tableOf(cells);
    const keys = {
      cells: cells.map((row, r) => row.map((_, c) => `${r},${c}`)),
      rowTotals: cells.map((_, r) => `${r},T`),
      columnTotals: table.columnTotals.map((_, c) => `T,${c}`),
      grandTotal: 'T,T',
    };
    return {
      figures: [
        ...cells.flatMap((row, r) => row.map((value, c) => ({ key: `${r},${c}`, value, count: true }))),
        ...table.rowTotals.map((value, r) => ({ key: `${r},T`, value, count: true })),
        ...table.columnTotals.map((value, c) => ({ key: `T,${c}`, value, count: true })),
        { key: 'T,T', value: table.grandTotal, count: true },
      ],
      lines: tableLines(keys),
      copies: [],
      dependents: [],
    };
  };
  const valuesOf = (model: SuppressionModel) =>
    new Map(model.figures.map((one) => [one.key, one.value] as const));

  /**
   * The subtraction attack on two files: in each, a line left with one figure the reader has
   * neither from it nor, unchanged, from the other file. Returns those lines.
   */
  const differencingAttack = (
    model: SuppressionModel,
    files: readonly { values: Map<string, number>; hidden: ReadonlySet<string> }[],
  ): string[] =>
    files.flatMap((file, index) =>
      model.lines.flatMap(({ total, parts }) => {
        const unknown = [...parts, total].filter(
          (key) =>
            file.hidden.has(key) &&
            !files.some(
              (other, otherIndex) =>
                otherIndex !== index &&
                !other.hidden.has(key) &&
                other.values.get(key) === file.values.get(key),
            ),
        );
        return unknown.length === 1 ? [`file ${index}: ${unknown[0]}`] : [];
      }),
    );

  /** Figures both files show whose difference is 1 to threshold − 1: a count of people itself. */
  const smallDifferences = (
    files: readonly { values: Map<string, number>; hidden: ReadonlySet<string> }[],
  ): string[] => {
    const [first, second] = files;
    if (!first || !second) return [];
    return [...first.values.keys()].filter(
      (key) =>
        !first.hidden.has(key) &&
        !second.hidden.has(key) &&
        isSmallCount(Math.abs((second.values.get(key) ?? 0) - (first.values.get(key) ?? 0)), THRESHOLD),
    );
  };

  const version1 = version([
    [2, 5, 8],
    [6, 4, 9],
    [7, 10, 3],
  ]);
  // The correction lowers one figure by 4: version 1's complement 5 would be the smallest no more.
  const correction = version([
    [2, 5, 4],
    [6, 4, 9],
    [7, 10, 3],
  ]);

  it('the attack works when each version is suppressed alone: the correction shows what version 1 hid', () => {
    const files = [version1, correction].map((model) => ({
      values: valuesOf(model),
      hidden: suppressFigures(model, THRESHOLD),
    }));

    expect(differencingAttack(version1, files)).not.toEqual([]);
  });

  it('a figure hidden in version 1 stays hidden in its correction, and no line of either file is left to one unknown', () => {
    const first = { values: valuesOf(version1), hidden: suppressVersions([version1], THRESHOLD) };
    const second = {
      values: valuesOf(correction),
      hidden: suppressVersions([version1, correction], THRESHOLD),
    };

    expect([...first.hidden].filter((key) => !second.hidden.has(key))).toEqual([]);
    expect(differencingAttack(version1, [first, second])).toEqual([]);
    expect(smallDifferences([first, second])).toEqual([]);
  });

  it('a figure a correction changes by 1–2 is hidden in the corrected version, with what would give it back', () => {
    const large = version([
      [5, 6, 7],
      [8, 9, 10],
    ]);
    const oneMore = version([
      [6, 6, 7],
      [8, 9, 10],
    ]);

    const hidden = suppressVersions([large, oneMore], THRESHOLD);

    expect(suppressVersions([large], THRESHOLD)).toEqual(new Set());
    expect(hidden.has('0,0')).toBe(true);
    expect(
      differencingAttack(large, [
        { values: valuesOf(large), hidden: new Set() },
        { values: valuesOf(oneMore), hidden },
      ]),
    ).toEqual([]);
  });
});
