/**
 * The arithmetic of the statistics charts, kept out of the SVG so it can be tested: a "nice" axis
 * maximum, its ticks, and bar geometry. The charts draw a dozen bars, so no chart library is needed.
 */

const NICE_STEPS = [1, 2, 2.5, 5, 10] as const;

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`; 1 for nothing to show. */
export const niceCeiling = (value: number): number => {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = NICE_STEPS.find((candidate) => candidate * magnitude >= value) ?? 10;
  return step * magnitude;
};

/** The axis maximum for values of a kind: a percentage axis ends at 100 unless a value goes above. */
export const axisMaximum = (values: readonly (number | null)[], percent: boolean): number => {
  const largest = Math.max(0, ...values.filter((value): value is number => value !== null));
  return percent && largest <= 100 ? 100 : niceCeiling(largest);
};

const isNiceStep = (step: number): boolean => {
  const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
  return mantissa === 1 || mantissa === 2 || mantissa === 5;
};

/**
 * Evenly spaced ticks from 0 to `maximum`, both ends included: five or four intervals, whichever
 * steps by 1, 2 or 5 × 10ⁿ (an axis of 5 reads 0 1 2 3 4 5, not 0 1.3 2.5 3.8 5).
 */
export const ticksOf = (maximum: number): number[] => {
  const count = [5, 4].find((candidate) => isNiceStep(maximum / candidate)) ?? 4;
  return Array.from({ length: count + 1 }, (_, index) => Number(((maximum / count) * index).toPrecision(6)));
};

export interface PlotArea {
  width: number;
  height: number;
  /** Room for the axis labels on the left and the month labels below. */
  left: number;
  bottom: number;
  top: number;
}

/** The y coordinate of a value on a linear axis from 0 (bottom) to `maximum` (top). */
export const yOf = (value: number, maximum: number, area: PlotArea): number => {
  const plotHeight = area.height - area.top - area.bottom;
  const clamped = Math.min(Math.max(value, 0), maximum);
  return area.top + plotHeight - (clamped / maximum) * plotHeight;
};

export interface Bar {
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** null: a month not yet begun, drawn as nothing (not as a zero). */
  value: number | null;
}

/** One bar per value in equal bands, a third of each band left as the gap. */
export const barsOf = (values: readonly (number | null)[], maximum: number, area: PlotArea): Bar[] => {
  const band = (area.width - area.left) / Math.max(values.length, 1);
  const width = band * (2 / 3);
  const baseline = area.height - area.bottom;
  return values.map((value, index) => {
    const y = value === null ? baseline : yOf(value, maximum, area);
    return { index, x: area.left + band * index + (band - width) / 2, y, width, height: baseline - y, value };
  });
};

/** The centre of a band: where its label goes. */
export const bandCentre = (index: number, count: number, area: PlotArea): number => {
  const band = (area.width - area.left) / Math.max(count, 1);
  return area.left + band * index + band / 2;
};

/**
 * Target vs actual on one shared length (a bullet chart): both as a fraction of the larger one,
 * so an actual above target overshoots the marker visibly. Fractions are 0–1.
 */
export const bulletOf = (
  actual: number | null,
  target: number | null,
): { actual: number; target: number | null } => {
  const largest = Math.max(actual ?? 0, target ?? 0);
  if (largest <= 0) return { actual: 0, target: target === null ? null : 0 };
  return { actual: (actual ?? 0) / largest, target: target === null ? null : target / largest };
};
