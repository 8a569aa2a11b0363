import { roundTo } from './rounding';

export type Trend = 'improving' | 'declining' | 'stable' | 'insufficient_data';

export interface LinearTrend {
  slope: number;
  trend: Trend;
  trend_percentage: number;
}

/** A fitted change beyond this share of the mean, either way, is a trend. */
const TREND_THRESHOLD_PERCENT = 5;

/**
 * Least-squares slope over x = 0..n−1; the fitted change across the window (slope × (n−1)) as a
 * percentage of the mean decides the trend.
 */
export function linearTrend(values: readonly number[]): LinearTrend {
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('trend values must be finite numbers');
  const n = values.length;
  if (n < 3) return { slope: 0, trend: 'insufficient_data', trend_percentage: 0 };

  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, v) => sum + v, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  values.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    varianceX += (x - meanX) ** 2;
  });
  const slope = covariance / varianceX || 0;

  // Divided by |mean| so the sign always follows the slope.
  const trend_percentage = meanY === 0 ? 0 : roundTo(((slope * (n - 1)) / Math.abs(meanY)) * 100, 1);
  // Decided on the rounded figure, so the label never contradicts the number shown beside it.
  const trend =
    trend_percentage > TREND_THRESHOLD_PERCENT
      ? 'improving'
      : trend_percentage < -TREND_THRESHOLD_PERCENT
        ? 'declining'
        : 'stable';
  return { slope, trend, trend_percentage };
}
