/** One line of `npm run bench` output (DESIGN §9). */
export interface BenchLine {
  name: string;
  n: number;
  p50: number;
  p95: number;
  unit: string;
  budget: number;
  ok: boolean;
}

/** Nearest-rank percentile of ascending samples (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** p50 and p95 of the samples, judged against the budget at p95. */
export function summarize(name: string, samples: readonly number[], unit: string, budget: number): BenchLine {
  const sorted = [...samples].sort((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  return { name, n: samples.length, p50: round(percentile(sorted, 0.5)), p95: round(p95), unit, budget, ok: p95 <= budget };
}
