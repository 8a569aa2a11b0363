import { describe, expect, it } from 'vitest';
import { instantMs, toInstant } from './instant';

describe('instants', () => {
  it('reads any explicit offset', () => {
    const utc = Date.UTC(2026, 2, 8, 7, 0, 0);
    expect(instantMs('2026-03-08T07:00:00Z')).toBe(utc);
    expect(instantMs('2026-03-08T07:00:00.000Z')).toBe(utc);
    expect(instantMs('2026-03-08T03:00:00-04:00')).toBe(utc);
    expect(instantMs('2026-03-08T12:30:00+05:30')).toBe(utc);
    expect(instantMs('2026-03-08T12:30:00+0530')).toBe(utc);
    expect(instantMs('2026-03-08T09:00+02')).toBe(utc);
  });

  it('refuses to guess the zone of a local date-time', () => {
    for (const bad of ['2026-03-08T07:00:00', '2026-03-08', '2026-03-08T07:00:00+25:00', '2026-03-08T07:00:00+05:75', 'now', '']) {
      expect(() => instantMs(bad), bad).toThrow(RangeError);
    }
  });

  it('writes UTC with milliseconds', () => {
    expect(toInstant(Date.UTC(2026, 2, 8, 7, 0, 0))).toBe('2026-03-08T07:00:00.000Z');
  });
});
