function roundScaled(scaled: number, scale: number): number {
  // Half away from zero, as PostgreSQL's round(numeric, n); never -0.
  const rounded = (Math.sign(scaled) * Math.round(Math.abs(scaled))) / scale;
  return rounded === 0 ? 0 : rounded;
}

export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return roundScaled(value * scale, scale);
}

/**
 * part/whole × 100 rounded to `decimals`. Scaling before dividing keeps integer ratios exact, so a
 * true half (1/8 % → 0.125) rounds up instead of falling to a binary value just below it.
 */
export function percentOf(part: number, whole: number, decimals: number): number {
  const scale = 10 ** decimals;
  return roundScaled((part * 100 * scale) / whole, scale);
}
