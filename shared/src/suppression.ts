import { SUPPRESSED_MARK } from './statistics-api.ts';

/**
 * Small-cell suppression (秘匿処理) for figures that leave the tenant (DOMAIN.md: council papers, a
 * published plan table). A count from 1 to threshold − 1 could single a person out, so it is shown
 * as "*"; and because a file publishes figures that can be worked out from one another (totals,
 * breakdowns, rates, the same number twice, the versions of one fiscal year), more are hidden
 * until no hidden one can be worked back from the visible ones. See ADR 0013 for what this
 * protects against and what it does not.
 */

export type Suppressed = typeof SUPPRESSED_MARK;
export type PublishedCount = number | Suppressed;

/**
 * Above zero and below the threshold. Fractions count too: an average of 0.5 users a month is
 * one person in half the months.
 */
export const isSmallCount = (value: number, threshold: number): boolean => value > 0 && value < threshold;

/** One figure of a publication, named by a key that stays the same across versions of the figures. */
export interface ModelFigure {
  key: string;
  value: number;
  /**
   * A count of people or their cases: hidden when small, or when a correction changes it by a
   * small count. A rate is not: it is hidden only through the counts it is worked out from.
   */
  count: boolean;
  /** False for a count only carried for what is worked out from it (a rate's numerator). */
  published?: boolean;
  /** Person-counts per unit of the value: an average over 12 months stands for 12 a unit. */
  scale?: number;
}

/** A published sum: the total (times its scale) is the sum of the parts (times theirs). */
export interface SumLine {
  total: string;
  parts: readonly string[];
}

export interface SuppressionModel {
  figures: readonly ModelFigure[];
  lines: readonly SumLine[];
  /** One number published in several places: hidden in one, hidden in all. */
  copies: readonly (readonly string[])[];
  /**
   * Figures that give another away when shown: a rate over a count, an achievement rate against
   * a public target, the parts of a breakdown under its whole. Hidden with it, zeros included,
   * since a zero beside a hidden part names the part.
   */
  dependents: readonly { figure: string; on: readonly string[] }[];
}

export interface SuppressionOptions {
  /** Hidden whatever their value: the version rule's pattern. */
  forced?: ReadonlySet<string>;
  /** A reader has their value from another file: they protect nothing and are never a complement. */
  known?: ReadonlySet<string>;
}

interface IndexedLine {
  total: number;
  parts: number[];
}

/** The model by figure index: each figure's lines, and what hiding it hides with it. */
interface IndexedModel {
  figures: readonly ModelFigure[];
  lines: IndexedLine[];
  linesThrough: IndexedLine[][];
  hiddenWith: number[][];
}

const indexModel = (model: SuppressionModel): IndexedModel => {
  const { figures } = model;
  const indexOf = new Map(figures.map((figure, index) => [figure.key, index]));
  const at = (key: string): number => {
    const index = indexOf.get(key);
    if (index === undefined) throw new Error(`the model has no figure ${key}`);
    return index;
  };
  const lines = model.lines.map((line) => ({ total: at(line.total), parts: line.parts.map(at) }));
  const linesThrough: IndexedLine[][] = figures.map(() => []);
  for (const line of lines) {
    for (const member of [...line.parts, line.total]) linesThrough[member]?.push(line);
  }
  const hiddenWith: number[][] = figures.map(() => []);
  for (const group of model.copies) {
    const members = group.map(at);
    for (const member of members) hiddenWith[member]?.push(...members);
  }
  for (const { figure, on } of model.dependents) {
    for (const source of on) hiddenWith[at(source)]?.push(at(figure));
  }
  return { figures, lines, linesThrough, hiddenWith };
};

interface Suppression {
  model: IndexedModel;
  hidden: boolean[];
  known: boolean[];
}

const valueOf = ({ model }: Suppression, index: number) => model.figures[index]?.value ?? 0;
const scaleOf = ({ model }: Suppression, index: number) => model.figures[index]?.scale ?? 1;

const hide = (state: Suppression, start: number) => {
  const pending = [start];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (state.hidden[next]) continue;
    state.hidden[next] = true;
    pending.push(...(state.model.hiddenWith[next] ?? []));
  }
};

/** Hidden, and not to be had from another file. */
const secret = (state: Suppression, index: number) => (state.hidden[index] ?? false) && !state.known[index];

const secretsIn = (state: Suppression, { total, parts }: IndexedLine) =>
  [...parts, total].filter((index) => secret(state, index)).length;

/**
 * The hidden parts of a line with a visible total must all be 1: what the total leaves equals
 * their number. The true values decide, since a reader may know the total exactly.
 */
const pinned = (state: Suppression, { total, parts }: IndexedLine) => {
  const hiddenParts = parts.filter((part) => secret(state, part));
  const left = hiddenParts.reduce((sum, part) => sum + valueOf(state, part) * scaleOf(state, part), 0);
  return !secret(state, total) && hiddenParts.length > 1 && left <= hiddenParts.length;
};

const complementOf = (state: Suppression, line: IndexedLine): number | undefined => {
  const crossing = (index: number) =>
    (state.model.linesThrough[index] ?? [])
      .filter((other) => other !== line)
      .reduce((sum, other) => sum + secretsIn(state, other), 0);
  const open = (index: number) => !state.hidden[index] && !state.known[index] && valueOf(state, index) > 0;
  const candidates = line.parts
    .filter(open)
    // The smallest figure costs the reader least; among equals, one whose other line already
    // hides a figure is less likely to need a complement of its own.
    .sort((a, b) => valueOf(state, a) - valueOf(state, b) || crossing(b) - crossing(a));
  return candidates[0] ?? (open(line.total) ? line.total : undefined);
};

/**
 * Primary suppression, then complementary suppression to a fixed point, over every relation the
 * model states. Returns the keys of the hidden figures.
 *
 * A sum line holding one hidden figure a reader cannot get elsewhere hides one more: the smallest
 * non-zero visible part, preferring one whose other lines already hide something; only if none
 * exists, the line's total. So does a line whose hidden parts must all be 1.
 */
export const suppressFigures = (
  model: SuppressionModel,
  threshold: number,
  options: SuppressionOptions = {},
): Set<string> => {
  const indexed = indexModel(model);
  const state: Suppression = {
    model: indexed,
    hidden: model.figures.map(() => false),
    known: model.figures.map((figure) => options.known?.has(figure.key) ?? false),
  };
  model.figures.forEach((figure, index) => {
    if (options.forced?.has(figure.key) || (figure.count && isSmallCount(figure.value, threshold))) {
      hide(state, index);
    }
  });
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of indexed.lines) {
      const secrets = secretsIn(state, line);
      if (secrets === 0 || (secrets > 1 && !pinned(state, line))) continue;
      const complement = complementOf(state, line);
      // None only where every other figure of the line is zero or known from another file, or
      // the line is not a true sum (a distinct count shown as the total): see ADR 0013.
      if (complement === undefined) continue;
      hide(state, complement);
      changed = true;
    }
  }
  return new Set(model.figures.filter((_, index) => state.hidden[index]).map((figure) => figure.key));
};

/**
 * The version rule (ADR 0013): the keys every outside file of a fiscal year hides, given the
 * versions that can be published for it, oldest first. Version k hides what version k − 1 hid,
 * what is small in it, and what differs from an earlier version by a small count (the correction's
 * change is a count of people too); its complements are never figures a reader already has from an
 * earlier file with the same value. So a figure hidden once stays hidden, and subtracting one
 * file from another leaves every hidden figure unknown.
 */
export const suppressVersions = (versions: readonly SuppressionModel[], threshold: number): Set<string> => {
  const values = versions.map(
    (model) => new Map(model.figures.map((figure) => [figure.key, figure] as const)),
  );
  const patterns: Set<string>[] = [];
  versions.forEach((model, position) => {
    const earlier = values.slice(0, position);
    const changedBySmallCount = (figure: ModelFigure) =>
      earlier.some((byKey) => {
        const before = byKey.get(figure.key);
        return (
          before !== undefined &&
          isSmallCount(Math.abs(figure.value - before.value) * (figure.scale ?? 1), threshold)
        );
      });
    const visibleBefore = (figure: ModelFigure) =>
      (figure.published ?? true) &&
      earlier.some(
        (byKey, index) => !patterns[index]?.has(figure.key) && byKey.get(figure.key)?.value === figure.value,
      );
    const forced = new Set([
      ...(patterns.at(-1) ?? []),
      ...model.figures.filter((figure) => figure.count && changedBySmallCount(figure)).map(({ key }) => key),
    ]);
    const known = new Set(model.figures.filter(visibleBefore).map(({ key }) => key));
    patterns.push(suppressFigures(model, threshold, { forced, known }));
  });
  return patterns.at(-1) ?? new Set();
};

// ── Tables ────────────────────────────────────────────────────────────────────
/** The keys of a table published with its totals; without row totals its rows are no sums. */
export interface TableKeys {
  cells: readonly (readonly string[])[];
  columnTotals: readonly string[];
  rowTotals?: readonly string[];
  grandTotal?: string;
}

/**
 * Every published sum of a table: each row with its total, the column totals with the grand
 * total, each column with its total, the row totals with the grand total.
 */
export const tableLines = ({ cells, columnTotals, rowTotals, grandTotal }: TableKeys): SumLine[] => {
  const column = (index: number) => cells.flatMap((row) => row.slice(index, index + 1));
  const withRowTotals =
    rowTotals && grandTotal !== undefined
      ? {
          rows: cells.flatMap((row, index) => {
            const total = rowTotals[index];
            return total === undefined ? [] : [{ total, parts: [...row] }];
          }),
          totalsRow: [{ total: grandTotal, parts: [...columnTotals] }],
          totalsColumn: [{ total: grandTotal, parts: [...rowTotals] }],
        }
      : { rows: [], totalsRow: [], totalsColumn: [] };
  return [
    ...withRowTotals.rows,
    ...withRowTotals.totalsRow,
    ...columnTotals.map((total, index) => ({ total, parts: column(index) })),
    ...withRowTotals.totalsColumn,
  ];
};

/** Counts as published together: every row and column with its total, and the grand total. */
export interface CountTable {
  cells: readonly (readonly number[])[];
  rowTotals: readonly number[];
  columnTotals: readonly number[];
  grandTotal: number;
}

export interface SuppressedTable {
  cells: PublishedCount[][];
  rowTotals: PublishedCount[];
  columnTotals: PublishedCount[];
  grandTotal: PublishedCount;
}

/**
 * A single table of counts with its totals: every row and column (the totals' own included)
 * holding a hidden figure holds at least two, so subtracting its visible figures from its total
 * leaves a sum of two or more unknowns. Zero is never hidden: an empty cell singles nobody out.
 */
export const suppressTable = (table: CountTable, threshold: number): SuppressedTable => {
  const columns = table.columnTotals.length;
  for (const row of table.cells) {
    if (row.length !== columns) throw new Error('every row needs one cell per column total');
  }
  if (table.rowTotals.length !== table.cells.length) throw new Error('one row total per row');
  const keys = {
    cells: table.cells.map((row, r) => row.map((_, c) => `cell ${r},${c}`)),
    rowTotals: table.rowTotals.map((_, r) => `row total ${r}`),
    columnTotals: table.columnTotals.map((_, c) => `column total ${c}`),
    grandTotal: 'grand total',
  };
  const figures = [
    ...table.cells.flatMap((row, r) => row.map((value, c) => ({ key: `cell ${r},${c}`, value }))),
    ...table.rowTotals.map((value, r) => ({ key: `row total ${r}`, value })),
    ...table.columnTotals.map((value, c) => ({ key: `column total ${c}`, value })),
    { key: 'grand total', value: table.grandTotal },
  ].map((figure) => ({ ...figure, count: true }));
  const hidden = suppressFigures({ figures, lines: tableLines(keys), copies: [], dependents: [] }, threshold);
  const published = (key: string, value: number): PublishedCount =>
    hidden.has(key) ? SUPPRESSED_MARK : value;
  return {
    cells: table.cells.map((row, r) => row.map((value, c) => published(`cell ${r},${c}`, value))),
    rowTotals: table.rowTotals.map((value, r) => published(`row total ${r}`, value)),
    columnTotals: table.columnTotals.map((value, c) => published(`column total ${c}`, value)),
    grandTotal: published('grand total', table.grandTotal),
  };
};
