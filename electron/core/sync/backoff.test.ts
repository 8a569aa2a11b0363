import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay, parseRetryAfter } from './backoff';

describe('backoff', () => {
  it('draws a full-jitter delay under a doubling ceiling, capped at 5 minutes', () => {
    const at = (attempt: number, r: number) => backoffDelay(attempt, { random: () => r, baseMs: 1_000 });
    expect([1, 2, 3, 4].map((n) => at(n, 0.999_999))).toEqual([1_999, 3_999, 7_999, 15_999]);
    expect(at(3, 0)).toBe(0); // full jitter: anywhere from nothing
    expect(at(3, 0.5)).toBe(4_000);
    expect(at(30, 0.999_999)).toBe(BACKOFF_CAP_MS - 1);
    expect(at(10_000, 0.999_999)).toBeLessThanOrEqual(BACKOFF_CAP_MS); // no overflow, never gives up
    expect(BACKOFF_CAP_MS).toBe(5 * 60_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(5)));
    expect(spread.size).toBeGreaterThan(10); // the default random really jitters
  });

  it('never waits less than Retry-After asked for (up to the cap)', () => {
    expect(backoffDelay(1, { random: () => 0, retryAfterMs: 7_000 })).toBe(7_000);
    expect(backoffDelay(8, { random: () => 0.999, baseMs: 1_000, retryAfterMs: 7_000 })).toBeGreaterThan(7_000);
    expect(backoffDelay(1, { random: () => 0, retryAfterMs: 3_600_000 })).toBe(BACKOFF_CAP_MS);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-10T18:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Tue, 10 Mar 2026 18:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 10 Mar 2026 17:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
