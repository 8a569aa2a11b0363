/**
 * A fixed-window counter per key (client address + email for logins). In memory: behind a load
 * balancer each API process limits on its own, which still bounds guessing per process; a shared
 * store (PostgreSQL or Redis) is the step up when the platform runs many processes.
 */
export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Null when allowed, else the seconds until the window resets. */
  take(key: string, nowMs: number): number | null {
    if (this.hits.size > 10_000) this.sweep(nowMs);
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= nowMs) {
      this.hits.set(key, { count: 1, resetAt: nowMs + this.windowMs });
      return null;
    }
    entry.count += 1;
    return entry.count > this.limit ? Math.ceil((entry.resetAt - nowMs) / 1000) : null;
  }

  private sweep(nowMs: number): void {
    for (const [key, e] of this.hits) if (e.resetAt <= nowMs) this.hits.delete(key);
  }
}
