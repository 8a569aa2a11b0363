// Which report is on screen, as the route query holds it (`#/reports?kind=weekly&week=2026-W48`),
// and how Previous/Next move through days, ISO weeks and months. Pure: the page passes today's
// study day in, so the rules are tested without a clock.
import {
  addDays, dayStartUtcMs, isoWeekOf, isoWeekRange, isValidDay, isValidIsoWeek, isValidMonth, monthOf, monthRange,
} from '../../../../shared/domain/calendar';

export const REPORT_KINDS = ['daily', 'weekly', 'monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The query key that names each kind's period: date=YYYY-MM-DD, week=YYYY-Www, month=YYYY-MM. */
export const PERIOD_PARAM: Record<ReportKind, 'date' | 'week' | 'month'> = { daily: 'date', weekly: 'week', monthly: 'month' };

export interface ReportPeriod {
  kind: ReportKind;
  /** The period's own name: a day, an ISO week or a month. */
  key: string;
}

const isKind = (s: string | undefined): s is ReportKind => (REPORT_KINDS as readonly string[]).includes(s ?? '');
const plausible = (key: string) => {
  const year = Number(key.slice(0, 4));
  return year >= 1900 && year <= 2999;
};

function isValidKey(kind: ReportKind, key: string): boolean {
  const valid = kind === 'daily' ? isValidDay(key) : kind === 'weekly' ? isValidIsoWeek(key) : isValidMonth(key);
  return valid && plausible(key);
}

/** The period holding `day`. */
export function periodOf(kind: ReportKind, day: string): ReportPeriod {
  return { kind, key: kind === 'daily' ? day : kind === 'weekly' ? isoWeekOf(day) : monthOf(day) };
}

/**
 * The period a route asks for; a missing or malformed kind or key falls back to the period
 * holding `today` (a hand-edited URL never breaks the page).
 */
export function periodFromQuery(query: Record<string, string>, today: string): ReportPeriod {
  const kind = isKind(query.kind) ? query.kind : 'weekly';
  const key = query[PERIOD_PARAM[kind]];
  return key && isValidKey(kind, key) ? { kind, key } : periodOf(kind, today);
}

export function periodQuery(period: ReportPeriod): Record<string, string> {
  return { kind: period.kind, [PERIOD_PARAM[period.kind]]: period.key };
}

/** First and last study day, both inclusive. */
export function periodRange(period: ReportPeriod): { start: string; end: string } {
  if (period.kind === 'daily') return { start: period.key, end: period.key };
  return period.kind === 'weekly' ? isoWeekRange(period.key) : monthRange(period.key);
}

/** The period `steps` periods later (negative: earlier). */
export function shiftPeriod(period: ReportPeriod, steps: number): ReportPeriod {
  const { kind, key } = period;
  if (kind === 'daily') return { kind, key: addDays(key, steps) };
  if (kind === 'weekly') return { kind, key: isoWeekOf(addDays(isoWeekRange(key).start, 7 * steps)) };
  const index = Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1 + steps;
  return { kind, key: `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}` };
}

/** Switching kind keeps the student where they were: the new period holds the old one's first day. */
export function switchKind(period: ReportPeriod, kind: ReportKind, today: string): ReportPeriod {
  if (kind === period.kind) return period;
  const { start, end } = periodRange(period);
  // Into a shorter period: today if it lies inside the old one, else its first day.
  const anchor = today >= start && today <= end ? today : start;
  return periodOf(kind, anchor);
}

/** Whether Next leads somewhere with data: never past the period holding today. */
export function hasNext(period: ReportPeriod, today: string): boolean {
  return periodRange(period).end < today;
}

/** Whether Previous is allowed: the contract accepts years from 1900. */
export function hasPrevious(period: ReportPeriod): boolean {
  return periodRange(period).start > '1900-01-07';
}

const utcDate = (day: string) => new Date(dayStartUtcMs(day));
const fmt = (day: string, options: Intl.DateTimeFormatOptions, locale?: string) =>
  utcDate(day).toLocaleDateString(locale, { ...options, timeZone: 'UTC' });

/** "Tuesday, 24 November 2026", "Week 48, 2026 · 23–29 Nov", "November 2026". */
export function periodLabel(period: ReportPeriod, locale?: string): string {
  const { kind, key } = period;
  if (kind === 'daily') return fmt(key, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, locale);
  if (kind === 'monthly') return fmt(`${key}-01`, { month: 'long', year: 'numeric' }, locale);
  const { start, end } = isoWeekRange(key);
  const short = { day: 'numeric', month: 'short' } as const;
  return `Week ${Number(key.slice(6))}, ${key.slice(0, 4)} · ${fmt(start, short, locale)} – ${fmt(end, short, locale)}`;
}

/** "This week", "Today"…: what the jump-back button says for each kind. */
export const CURRENT_LABEL: Record<ReportKind, string> = { daily: 'Today', weekly: 'This week', monthly: 'This month' };
