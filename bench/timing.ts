/** Percentiles and repeated timings shared by the floors, the API and the naive way. */

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentile of the samples (milliseconds). */
export const percentile = (samples: readonly number[], fraction: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
};

export const percentilesOf = (samples: readonly number[]): Percentiles => ({
  p50: percentile(samples, 0.5),
  p95: percentile(samples, 0.95),
  p99: percentile(samples, 0.99),
});

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

/** Rounded to what the table shows: a hundredth of a millisecond is below this machine's noise. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Runs `action` `warmUp` times unmeasured, then `runs` times in sequence; milliseconds each. */
export const timeRepeated = async (
  runs: number,
  action: () => Promise<unknown>,
  warmUp = Math.min(20, runs),
): Promise<number[]> => {
  for (let run = 0; run < warmUp; run += 1) await action();
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await action();
    samples.push(performance.now() - started);
  }
  return samples;
};
