import { IANAZone } from 'luxon';
import { addDays, dayOfUtcMs, dayStartUtcMs } from './calendar';
import { instantMs, toInstant } from './instant';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// Checking a name builds an Intl.DateTimeFormat, which costs far more than the date math.
const zones = new Map<string, IANAZone | null>();

function lookUpZone(tz: string): IANAZone | null {
  let zone = zones.get(tz);
  if (zone === undefined) {
    // Intl also accepts bare offsets such as "+05:30"; those are not zones and have no DST rules.
    zone = !/^[+-]/.test(tz) && IANAZone.isValidZone(tz) ? IANAZone.create(tz) : null;
    zones.set(tz, zone);
  }
  return zone;
}

export function isValidTimeZone(tz: string): boolean {
  return lookUpZone(tz) !== null;
}

function zoneOf(timeZone: string): IANAZone {
  const zone = lookUpZone(timeZone);
  if (zone === null) throw new RangeError(`invalid IANA time zone: ${timeZone}`);
  return zone;
}

function checkRollover(rolloverHour: number): void {
  if (!Number.isInteger(rolloverHour) || rolloverHour < 0 || rolloverHour > 23) {
    throw new RangeError(`rollover hour must be an integer 0..23: ${rolloverHour}`);
  }
}

function offsetMs(zone: IANAZone, ms: number): number {
  return Math.round(zone.offset(ms) * 60_000);
}

/**
 * The first instant whose local wall-clock reading is at or after `wallMs` (a local date-time
 * written as if it were UTC). A repeated time (fall back) gives its first occurrence; a time
 * skipped by a gap (spring forward) gives the instant the gap ends.
 */
function firstInstantAtWall(zone: IANAZone, wallMs: number): number {
  const offsetBefore = offsetMs(zone, wallMs - DAY_MS);
  const offsetAfter = offsetMs(zone, wallMs + DAY_MS);
  const valid = [wallMs - offsetBefore, wallMs - offsetAfter].filter(
    (t) => t + offsetMs(zone, t) === wallMs,
  );
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: binary-search the transition, where the wall clock jumps past `wallMs`.
  let below = wallMs - offsetAfter;
  let atOrAbove = wallMs - offsetBefore;
  while (atOrAbove - below > 1) {
    const mid = Math.floor((below + atOrAbove) / 2);
    if (mid + offsetMs(zone, mid) >= wallMs) atOrAbove = mid;
    else below = mid;
  }
  return atOrAbove;
}

function startMs(zone: IANAZone, day: string, rolloverHour: number): number {
  return firstInstantAtWall(zone, dayStartUtcMs(day) + rolloverHour * HOUR_MS);
}

function studyDayAt(zone: IANAZone, ms: number, rolloverHour: number): string {
  const offset = offsetMs(zone, ms);
  const guess = dayOfUtcMs(ms + offset - rolloverHour * HOUR_MS);
  // With no offset change within 36 h either side, both bounds of the guessed day fall where the
  // offset is constant, so the guess is exact (no zone changes offset twice within 3 days).
  if (offsetMs(zone, ms - 1.5 * DAY_MS) === offset && offsetMs(zone, ms + 1.5 * DAY_MS) === offset) return guess;
  // Near a change the guess can be off only where a fall back moves the clock back across the
  // rollover hour; defining days by their start instants keeps them contiguous there.
  if (ms < startMs(zone, guess, rolloverHour)) return addDays(guess, -1);
  const next = addDays(guess, 1);
  if (ms >= startMs(zone, next, rolloverHour)) return next;
  return guess;
}

/** The study day (local date, a day running from rolloverHour:00 to rolloverHour:00) of an instant. */
export function studyDay(instant: string, timeZone: string, rolloverHour: number): string {
  checkRollover(rolloverHour);
  return studyDayAt(zoneOf(timeZone), instantMs(instant), rolloverHour);
}

/** UTC instants where the study day begins and ends; `end` is the next study day's `start`. */
export function studyDayBounds(
  day: string,
  timeZone: string,
  rolloverHour: number,
): { start: string; end: string } {
  checkRollover(rolloverHour);
  const zone = zoneOf(timeZone);
  return {
    start: toInstant(startMs(zone, day, rolloverHour)),
    end: toInstant(startMs(zone, addDays(day, 1), rolloverHour)),
  };
}

/** Elapsed seconds of [start, end) in each study day it touches, in order. */
export function splitByStudyDay(
  start: string,
  end: string,
  timeZone: string,
  rolloverHour: number,
): Array<{ day: string; seconds: number }> {
  checkRollover(rolloverHour);
  const zone = zoneOf(timeZone);
  const endMs = instantMs(end);
  const parts: Array<{ day: string; seconds: number }> = [];
  for (let cursor = instantMs(start); cursor < endMs; ) {
    const day = studyDayAt(zone, cursor, rolloverHour);
    const partEnd = Math.min(endMs, startMs(zone, addDays(day, 1), rolloverHour));
    parts.push({ day, seconds: (partEnd - cursor) / 1000 });
    cursor = partEnd;
  }
  return parts;
}

/**
 * Which instants can have a study day in [firstDay, lastDay], in any zone and with any rollover:
 * every such instant lies in [lo, hi), and every instant in [innerLo, innerHi) surely has one. UTC
 * offsets run from -12 h to +14 h and the rollover up to 23 h, so the study day of an instant is its
 * UTC date shifted by at most 35 h back or 14 h forward. A query scans [lo, hi) by index and needs the
 * exact per-row study_day test only outside the inner range (a few days at each edge).
 */
export function studyDayWindow(firstDay: string, lastDay: string): { lo: string; hi: string; innerLo: string; innerHi: string } {
  const at = (day: string, days: number) => toInstant(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
  return { lo: at(firstDay, -2), hi: at(lastDay, 3), innerLo: at(firstDay, 2), innerHi: at(lastDay, 0) };
}
