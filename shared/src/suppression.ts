import { SUPPRESSED_MARK } from './statistics-api.ts';

/**
 * Small-cell suppression (秘匿処理) for figures that leave the tenant (DOMAIN.md: council papers, a
 * published plan table). A count from 1 to threshold − 1 could single a person out, so it is shown
 * as "*"; and because the table is published with its totals, more cells are hidden until no
 * hidden one can be worked back by subtracting the visible cells of its row or column from their
 * total. See ADR 0013 for what this protects against and what it does not.
 */

export type Suppressed = typeof SUPPRESSED_MARK;
export type PublishedCount = number | Suppressed;

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
 * Above zero and below the threshold. Fractions count too: an average of 0.5 users a month is
 * one person in half the months.
 */
export const isSmallCount = (value: number, threshold: number): boolean => value > 0 && value < threshold;

/** A position in the table with its totals: row `rows` is the column totals, column `columns` the row totals. */
interface Position {
  row: number;
  column: number;
}

/**
 * Primary suppression of small counts, then complementary suppression to a fixed point: every row
 * and column (the totals' row and column included) holding a hidden figure holds at least two, so
 * subtracting its visible figures from its total leaves a sum of two or more unknowns. Zero is
 * never hidden: an empty cell singles nobody out.
 */
export const suppressTable = (table: CountTable, threshold: number): SuppressedTable => {
  const rows = table.cells.length;
  const columns = table.columnTotals.length;
  for (const row of table.cells) {
    if (row.length !== columns) throw new Error('every row needs one cell per column total');
  }
  if (table.rowTotals.length !== rows) throw new Error('one row total per row');

  // The table with its totals as one (rows + 1) × (columns + 1) grid: each of its rows and columns
  // is one published sum, the last element being the total of the others.
  const values: number[][] = [
    ...table.cells.map((row, index) => [...row, table.rowTotals[index] ?? 0]),
    [...table.columnTotals, table.grandTotal],
  ];
  const hidden = values.map((row) => row.map((value) => isSmallCount(value, threshold)));
  const valueAt = ({ row, column }: Position) => values[row]?.[column] ?? 0;
  const isHidden = ({ row, column }: Position) => hidden[row]?.[column] ?? false;
  const hide = ({ row, column }: Position) => {
    const line = hidden[row];
    if (line) line[column] = true;
  };
  const hiddenInRow = (row: number) => hidden[row]?.filter(Boolean).length ?? 0;
  const hiddenInColumn = (column: number) => hidden.filter((line) => line[column]).length;

  const lines: { positions: Position[]; crossing: (position: Position) => number }[] = [
    ...Array.from({ length: rows + 1 }, (_, row) => ({
      positions: Array.from({ length: columns + 1 }, (__, column) => ({ row, column })),
      crossing: (position: Position) => hiddenInColumn(position.column),
    })),
    ...Array.from({ length: columns + 1 }, (_, column) => ({
      positions: Array.from({ length: rows + 1 }, (__, row) => ({ row, column })),
      crossing: (position: Position) => hiddenInRow(position.row),
    })),
  ];

  let changed = true;
  while (changed) {
    changed = false;
    for (const { positions, crossing } of lines) {
      if (positions.filter(isHidden).length !== 1) continue;
      const total = positions.at(-1);
      const candidates = positions
        .slice(0, -1)
        .filter((position) => !isHidden(position) && valueAt(position) > 0)
        // The smallest figure costs the reader least; among equals, one whose other line already
        // hides a figure is less likely to need a complement of its own.
        .sort((a, b) => valueAt(a) - valueAt(b) || crossing(b) - crossing(a));
      const complement =
        candidates[0] ?? (total && !isHidden(total) && valueAt(total) > 0 ? total : undefined);
      // No complement only where the line is not a true sum (a year-end or a distinct count shown
      // as the total): there subtraction recovers nothing.
      if (!complement) continue;
      hide(complement);
      changed = true;
    }
  }

  const published = (row: number, column: number): PublishedCount =>
    isHidden({ row, column }) ? SUPPRESSED_MARK : valueAt({ row, column });
  return {
    cells: table.cells.map((cells, row) => cells.map((_, column) => published(row, column))),
    rowTotals: table.rowTotals.map((_, row) => published(row, columns)),
    columnTotals: table.columnTotals.map((_, column) => published(rows, column)),
    grandTotal: published(rows, columns),
  };
};

/**
 * A rate or a ratio published only when every count it comes from could be: 1 of 2 people as
 * "50%" singles them out as surely as the count would.
 */
export const suppressDerived = <T extends number | null>(
  value: T,
  counts: readonly (number | PublishedCount | undefined)[],
  threshold: number,
): T | Suppressed =>
  counts.some(
    (count) => count === SUPPRESSED_MARK || (typeof count === 'number' && isSmallCount(count, threshold)),
  )
    ? SUPPRESSED_MARK
    : value;
