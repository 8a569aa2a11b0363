const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

function utcMs(year: number, month: number, day: number): number {
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** UTC midnight of `day`, in epoch milliseconds. Throws on anything but a real YYYY-MM-DD date. */
export function dayStartUtcMs(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const ms = utcMs(y, m, d);
    const date = new Date(ms);
    if (date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return ms;
  }
  throw new RangeError(`invalid day: ${day}`);
}

/** The UTC calendar date of an epoch-milliseconds value, as YYYY-MM-DD. */
export function dayOfUtcMs(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(ms) || year < 0 || year > 9999) throw new RangeError(`day out of range: ${ms}`);
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

export function isValidDay(day: string): boolean {
  try {
    dayStartUtcMs(day);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  return dayOfUtcMs(dayStartUtcMs(day) + n * DAY_MS);
}

/** `to` − `from`, in days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStartUtcMs(to) - dayStartUtcMs(from)) / DAY_MS);
}

/** Both ends inclusive; empty when `end` is before `start`. */
export function eachDay(start: string, end: string): string[] {
  const count = daysBetween(start, end) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(start, i));
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(day: string): number {
  return new Date(dayStartUtcMs(day)).getUTCDay() || 7;
}

export function isoWeekOf(day: string): string {
  // The ISO week belongs to the year that holds its Thursday.
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad(week, 2)}`;
}

function weeksInIsoYear(year: number): number {
  // 28 December always lies in the last ISO week of its year.
  return Number(isoWeekOf(`${pad(year, 4)}-12-28`).slice(6));
}

export function isValidIsoWeek(week: string): boolean {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return false;
  const year = Number(match[1]);
  const n = Number(match[2]);
  return year >= 1 && n >= 1 && n <= weeksInIsoYear(year);
}

/** Monday..Sunday, both inclusive. */
export function isoWeekRange(week: string): { start: string; end: string } {
  if (!isValidIsoWeek(week)) throw new RangeError(`invalid ISO week: ${week}`);
  const jan4 = `${week.slice(0, 4)}-01-04`; // always in week 1
  const week1Monday = addDays(jan4, 1 - isoWeekday(jan4));
  const start = addDays(week1Monday, 7 * (Number(week.slice(6)) - 1));
  return { start, end: addDays(start, 6) };
}

export function isValidMonth(month: string): boolean {
  return MONTH_PATTERN.test(month);
}

export function monthOf(day: string): string {
  dayStartUtcMs(day);
  return day.slice(0, 7);
}

/** First..last day of the month, both inclusive. */
export function monthRange(month: string): { start: string; end: string } {
  if (!isValidMonth(month)) throw new RangeError(`invalid month: ${month}`);
  const start = `${month}-01`;
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5));
  return { start, end: dayOfUtcMs(utcMs(year, m + 1, 0)) };
}
