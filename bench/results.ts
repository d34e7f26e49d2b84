import { writeFileSync } from 'node:fs';

/**
 * One measurement of `npm run bench`. This machine is shared and noisy, so every figure that
 * matters is read as a ratio against a floor measured in the same run (ratio = value / floor).
 */
export interface Measurement {
  /** e.g. "api.case_read.p50", "floor.get_item.p50", "lambda.caseload.bundle_bytes". */
  name: string;
  unit: 'ms' | 'bytes' | 'requests' | 'rcu' | 'wcu' | 'req/s' | 'count';
  value: number;
  /** The floor this value is compared with (same unit), or null when none applies. */
  floor: number | null;
  /** value / floor, rounded to two decimals; null without a floor. */
  ratio: number | null;
  /** What the run measured against, e.g. "tenants=50 cases=20000 records=200000". */
  scale: string;
  /** The budget the issue sets, in words, and whether this run met it. */
  budget?: { rule: string; met: boolean };
}

export const measurement = (
  fields: Omit<Measurement, 'ratio' | 'floor'> & { floor?: number | null },
): Measurement => {
  const floor = fields.floor ?? null;
  return {
    ...fields,
    floor,
    ratio: floor ? Math.round((fields.value / floor) * 100) / 100 : null,
  };
};

/** The table printed at the end of a run. */
export const formatTable = (results: readonly Measurement[]): string => {
  const rows = results.map((result) => [
    result.name,
    `${Number.isInteger(result.value) ? result.value : result.value.toFixed(2)} ${result.unit}`,
    result.floor === null ? '' : String(result.floor),
    result.ratio === null ? '' : `${result.ratio}×`,
    result.budget ? `${result.budget.met ? 'met' : 'MISSED'}: ${result.budget.rule}` : '',
  ]);
  const header = ['measurement', 'value', 'floor', 'ratio', 'budget'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
};

export const writeResults = (path: string, results: readonly Measurement[]): void => {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
};
