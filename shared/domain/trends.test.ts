import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearTrend } from './trends';

describe('linearTrend', () => {
  it('needs at least 3 points', () => {
    const insufficient = { slope: 0, trend: 'insufficient_data', trend_percentage: 0 };
    expect(linearTrend([])).toEqual(insufficient);
    expect(linearTrend([5])).toEqual(insufficient);
    expect(linearTrend([5, 70])).toEqual(insufficient);
  });

  it('sees a steady rise as improving', () => {
    // slope 10, fitted change 10 × 2 = 20, mean 20 → +100 %
    expect(linearTrend([10, 20, 30])).toEqual({ slope: 10, trend: 'improving', trend_percentage: 100 });
  });

  it('sees a steady fall as declining', () => {
    // slope −10, change −20, mean 20 → −100 %
    expect(linearTrend([30, 20, 10])).toEqual({ slope: -10, trend: 'declining', trend_percentage: -100 });
  });

  it('fits through noise', () => {
    // x̄ = 2, ȳ = 300/5 = 60; dx = −2,−1,0,1,2; dy = 0,−15,10,−10,15
    // Σdx·dy = 0 + 15 + 0 − 10 + 30 = 35, Σdx² = 10 → slope 3.5; change 3.5 × 4 = 14; 14/60 = 23.33 %
    const result = linearTrend([60, 45, 70, 50, 75]);
    expect(result.slope).toBeCloseTo(3.5, 10);
    expect(result).toMatchObject({ trend: 'improving', trend_percentage: 23.3 });
  });

  it('uses four points the same way', () => {
    // slope 1, change 3, mean 2.5 → 120 %
    expect(linearTrend([1, 2, 3, 4])).toEqual({ slope: 1, trend: 'improving', trend_percentage: 120 });
  });

  it('calls small changes stable', () => {
    // slope 2, change 4, mean 102 → 3.92 %
    expect(linearTrend([100, 102, 104])).toMatchObject({ slope: 2, trend: 'stable', trend_percentage: 3.9 });
    // slope 3, change 6, mean 103 → 5.83 %
    expect(linearTrend([100, 103, 106])).toMatchObject({ slope: 3, trend: 'improving', trend_percentage: 5.8 });
  });

  it('needs more than ±5 %: exactly 5 % is stable', () => {
    // slope 2.5, change 5, mean 100
    expect(linearTrend([97.5, 100, 102.5])).toEqual({ slope: 2.5, trend: 'stable', trend_percentage: 5 });
    expect(linearTrend([102.5, 100, 97.5])).toEqual({ slope: -2.5, trend: 'stable', trend_percentage: -5 });
    // slope 2.6, change 5.2, mean 100
    expect(linearTrend([97.4, 100, 102.6])).toMatchObject({ trend: 'improving', trend_percentage: 5.2 });
    expect(linearTrend([102.6, 100, 97.4])).toMatchObject({ trend: 'declining', trend_percentage: -5.2 });
  });

  it('labels by the rounded percentage it reports, so 5.04 % shows as a stable 5 %', () => {
    // slope 2.52, change 5.04, mean 100 → 5.04 % → 5.0
    expect(linearTrend([97.48, 100, 102.52])).toMatchObject({ trend: 'stable', trend_percentage: 5 });
  });

  it('is stable and 0 % for flat and all-zero series, never −0 or NaN', () => {
    const flat = linearTrend([50, 50, 50]);
    expect(flat).toEqual({ slope: 0, trend: 'stable', trend_percentage: 0 });
    expect(Object.is(flat.slope, 0) && Object.is(flat.trend_percentage, 0)).toBe(true);
    expect(linearTrend([0, 0, 0])).toEqual({ slope: 0, trend: 'stable', trend_percentage: 0 });
  });

  it('keeps the sign of the slope when the mean is negative', () => {
    // slope 10, change 20, mean −20 → +100 % of |mean|
    expect(linearTrend([-30, -20, -10])).toEqual({ slope: 10, trend: 'improving', trend_percentage: 100 });
  });

  it('rejects non-finite values', () => {
    expect(() => linearTrend([1, Number.NaN, 3])).toThrow(RangeError);
    expect(() => linearTrend([1, Number.POSITIVE_INFINITY, 3])).toThrow(RangeError);
  });

  const series = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 60 });

  it('never returns NaN for finite input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 60 }), (values) => {
        const { slope, trend_percentage } = linearTrend(values);
        expect(Number.isFinite(slope)).toBe(true);
        expect(Number.isFinite(trend_percentage)).toBe(true);
      }),
    );
  });

  it('does not change when every value is doubled', () => {
    fc.assert(
      fc.property(series, (values) => {
        const { trend, trend_percentage } = linearTrend(values);
        expect(linearTrend(values.map((v) => v * 2))).toMatchObject({ trend, trend_percentage });
      }),
    );
  });

  it('mirrors when the series is reversed', () => {
    fc.assert(
      fc.property(series, (values) => {
        const forward = linearTrend(values);
        const backward = linearTrend([...values].reverse());
        expect(backward.slope).toBeCloseTo(-forward.slope, 6);
        expect(Math.abs(backward.trend_percentage + forward.trend_percentage)).toBeLessThanOrEqual(0.1 + 1e-9);
      }),
    );
  });
});
