import { DateTime } from 'luxon';

// Without an explicit offset an ISO string would be read in the host's zone, which differs
// between devices; such input is rejected instead of guessed.
const EXPLICIT_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?[0-5]\d)?)$/i;
const MAX_OFFSET_MINUTES = 18 * 60;

/** Epoch milliseconds of an ISO-8601 instant that carries `Z` or an explicit offset. */
export function instantMs(instant: string): number {
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!EXPLICIT_OFFSET.test(instant) || !parsed.isValid || Math.abs(parsed.offset) > MAX_OFFSET_MINUTES) {
    throw new RangeError(`invalid instant (ISO-8601 with Z or an offset expected): ${instant}`);
  }
  return parsed.toMillis();
}

export function toInstant(ms: number): string {
  return new Date(ms).toISOString();
}
