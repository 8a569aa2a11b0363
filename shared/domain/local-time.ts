import { DateTime } from 'luxon';

/** '2026-03-08T01:30:00-05:00': the wall-clock time in `zone` with its offset at that instant. */
export function localIsoWithOffset(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toISO({ suppressMilliseconds: true })!;
}

/** The zone's UTC offset at that instant, as '+05:30' / '-04:00'. */
export function utcOffset(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat('ZZ');
}
