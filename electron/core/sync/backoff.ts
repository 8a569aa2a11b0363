export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * "Full jitter" exponential backoff (AWS architecture blog, "Exponential Backoff And Jitter"):
 * a uniform delay in [0, min(cap, base·2^attempt)], never below what the server's Retry-After
 * asked for. Retries never give up; the cap bounds the wait.
 */
export function backoffDelay(
  attempt: number,
  opts: { retryAfterMs?: number | null; random?: () => number; baseMs?: number; capMs?: number } = {},
): number {
  const base = opts.baseMs ?? BACKOFF_BASE_MS;
  const cap = opts.capMs ?? BACKOFF_CAP_MS;
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor((opts.random ?? Math.random)() * ceiling);
  return Math.min(cap, Math.max(jittered, opts.retryAfterMs ?? 0));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
