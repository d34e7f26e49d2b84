import * as z from 'zod';

/**
 * The generic part of a file import (ADR 0034): columns named by their Japanese header, each cell
 * read with a zod schema from the shared contracts (so full-width digits, hiragana kana and 令和
 * dates are normalised exactly as the forms do), and every problem reported by row, column and a
 * Japanese message. What a row means is the importer's own module (caseload-import.ts).
 */

/** The largest file an import takes: about 20,000 caseload rows. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** One problem of a file: `row` is the spreadsheet's row number (the header is row 1), 0 for the file. */
export const ImportProblem = z.strictObject({
  row: z.number().int().min(0),
  column: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export interface ImportColumn<K extends string = string> {
  key: K;
  /** The header as the template writes it; matched after trimming spaces. */
  header: string;
  required: boolean;
  /** Reads a non-empty cell; an empty cell is `undefined` (and a problem when required). */
  schema: z.ZodType;
  /** The template's example cell. */
  example: string;
}

export type ImportValues<K extends string> = Partial<Record<K, unknown>>;

const headerKey = (header: string) => header.normalize('NFKC').replace(/\s/g, '');

/** Where each column is in the file, or the problems of a header row missing required columns. */
export const locateColumns = <K extends string>(
  header: readonly string[],
  columns: readonly ImportColumn<K>[],
): { positions: Map<K, number>; problems: ImportProblem[] } => {
  const found = new Map(header.map((cell, index) => [headerKey(cell), index] as const));
  const positions = new Map<K, number>();
  const problems: ImportProblem[] = [];
  for (const column of columns) {
    const index = found.get(headerKey(column.header));
    if (index !== undefined) positions.set(column.key, index);
    else if (column.required) {
      problems.push({ row: 0, column: column.header, message: `必須の列「${column.header}」がありません` });
    }
  }
  return { positions, problems };
};

const firstMessage = (error: z.ZodError): string => error.issues[0]?.message ?? '値が正しくありません';

/** The cells of one row read with their columns' schemas; `rowNumber` is the sheet's row number. */
export const readRow = <K extends string>(
  cells: readonly string[],
  rowNumber: number,
  columns: readonly ImportColumn<K>[],
  positions: ReadonlyMap<K, number>,
): { values: ImportValues<K>; problems: ImportProblem[] } => {
  const values: ImportValues<K> = {};
  const problems: ImportProblem[] = [];
  for (const column of columns) {
    const index = positions.get(column.key);
    const cell = index === undefined ? '' : (cells[index] ?? '').trim();
    if (cell === '') {
      if (column.required)
        problems.push({ row: rowNumber, column: column.header, message: '入力してください' });
      continue;
    }
    const parsed = column.schema.safeParse(cell);
    if (parsed.success) values[column.key] = parsed.data;
    else problems.push({ row: rowNumber, column: column.header, message: firstMessage(parsed.error) });
  }
  return { values, problems };
};

/** A row with nothing in any cell is skipped, as Excel leaves them below the data. */
export const isBlankRow = (cells: readonly string[]): boolean => cells.every((cell) => cell.trim() === '');

/** A cell chosen from labels (男性, 区分3…): the label, or the code itself, is accepted. */
export const labelled = <T extends string>(labels: Readonly<Record<T, string>>, message: string) => {
  const byLabel = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    byLabel.set(headerKey(label), code);
    byLabel.set(code, code);
  }
  return z.string().transform((value, context) => {
    const code = byLabel.get(headerKey(value));
    if (code === undefined) {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return code;
  });
};
