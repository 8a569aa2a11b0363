/** Rounds half away from zero, as PostgreSQL's round(numeric, n) does; never returns -0. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
  return rounded === 0 ? 0 : rounded;
}

/**
 * part/whole × 100 rounded to `decimals`. Scaling before dividing keeps integer ratios exact, so a
 * true half (1/8 % → 0.125) rounds up instead of falling to a binary representation just below it.
 */
export function percentOf(part: number, whole: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = (part * 100 * scale) / whole;
  const rounded = (Math.sign(scaled) * Math.round(Math.abs(scaled))) / scale;
  return rounded === 0 ? 0 : rounded;
}
