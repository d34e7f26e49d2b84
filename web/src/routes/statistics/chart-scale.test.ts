import { describe, expect, it } from 'vitest';
import { axisMaximum, bandCentre, barsOf, bulletOf, niceCeiling, ticksOf, yOf } from './chart-scale.ts';

const area = { width: 360, height: 160, left: 40, bottom: 20, top: 10 };

describe('chart axis', () => {
  it('rounds the axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(13)).toBe(20);
    expect(niceCeiling(21)).toBe(25);
    expect(niceCeiling(240)).toBe(250);
    expect(niceCeiling(0.4)).toBe(0.5);
    expect(niceCeiling(500)).toBe(500);
  });

  it('gives an empty series an axis of 1 rather than dividing by zero', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(axisMaximum([null, null], false)).toBe(1);
  });

  it('ends a percentage axis at 100 unless a value goes above it', () => {
    expect(axisMaximum([12.5, 40, null], true)).toBe(100);
    expect(axisMaximum([12.5, 130], true)).toBe(200);
    expect(axisMaximum([12.5, 40], false)).toBe(50);
  });

  it('spaces the ticks evenly from zero to the maximum in steps of 1, 2 or 5', () => {
    expect(ticksOf(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticksOf(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(ticksOf(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticksOf(2)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(ticksOf(2.5)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });
});

describe('bars', () => {
  it('draws a bar from the baseline up to its value and a month not begun as no bar', () => {
    const [full, half, missing] = barsOf([10, 5, null], 10, area);
    const baseline = area.height - area.bottom;
    expect(full?.y).toBe(area.top);
    expect(full?.height).toBe(baseline - area.top);
    expect(half?.height).toBe((baseline - area.top) / 2);
    expect(missing).toMatchObject({ height: 0, value: null });
  });

  it('places each bar in its own band, the label at the band’s centre', () => {
    const bars = barsOf([1, 2, 3, 4], 4, area);
    const band = (area.width - area.left) / 4;
    expect(bars[1]?.x).toBeCloseTo(area.left + band + band / 6);
    expect(bars[1]?.width).toBeCloseTo((band * 2) / 3);
    expect(bandCentre(1, 4, area)).toBeCloseTo(area.left + band * 1.5);
  });

  it('keeps a value above the axis inside the plot', () => {
    expect(yOf(30, 10, area)).toBe(area.top);
    expect(yOf(-3, 10, area)).toBe(area.height - area.bottom);
  });
});

describe('target against actual', () => {
  it('measures both against the larger, so an overshoot passes the marker', () => {
    expect(bulletOf(120, 100)).toEqual({ actual: 1, target: 100 / 120 });
    expect(bulletOf(50, 100)).toEqual({ actual: 0.5, target: 1 });
  });

  it('has no marker without a target and no bar without an actual', () => {
    expect(bulletOf(8, null)).toEqual({ actual: 1, target: null });
    expect(bulletOf(null, 20)).toEqual({ actual: 0, target: 1 });
    expect(bulletOf(0, 0)).toEqual({ actual: 0, target: 0 });
  });
});
