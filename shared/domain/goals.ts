import { addDays, daysBetween, monthRange } from './calendar';
import { percentOf } from './rounding';

export const MILESTONES = [25, 50, 75, 100] as const;

export type RecurrencePattern = 'daily' | 'weekly' | 'monthly';

export function goalPercentage(current: number, target: number): number {
  if (!(target > 0 && Number.isFinite(target))) throw new RangeError(`goal target must be > 0: ${target}`);
  if (!Number.isFinite(current)) throw new RangeError(`goal progress must be finite: ${current}`);
  if (current <= 0) return 0;
  return Math.min(100, percentOf(current, target, 2));
}

/** Milestones reached by `percentage` and not reported before, ascending. */
export function milestonesCrossed(alreadyReached: readonly number[], percentage: number): number[] {
  return MILESTONES.filter((m) => m <= percentage && !alreadyReached.includes(m));
}

export function milestoneName(m: number): string {
  if (m === 100) return 'Goal complete';
  if (m === 25 || m === 50 || m === 75) return `${m}% reached`;
  throw new RangeError(`not a milestone: ${m}`);
}

/** 0 on the target date itself, negative once it has passed. */
export function daysRemaining(today: string, targetDate: string): number {
  return daysBetween(today, targetDate);
}

function checkPeriod(startDate: string, targetDate: string): void {
  if (daysBetween(startDate, targetDate) < 0) {
    throw new RangeError(`start date ${startDate} is after target date ${targetDate}`);
  }
}

/** Linear pace: by the end of each day of the period, its share of the target should be done. */
export function onTrack(g: {
  startDate: string;
  targetDate: string;
  today: string;
  current: number;
  target: number;
}): boolean {
  checkPeriod(g.startDate, g.targetDate);
  if (g.current >= g.target) return true;
  const total = daysBetween(g.startDate, g.targetDate) + 1;
  const elapsed = Math.min(total, Math.max(0, daysBetween(g.startDate, g.today) + 1));
  // current ≥ target × elapsed / total, multiplied out to stay exact.
  return g.current * total >= g.target * elapsed;
}

function isMonthEnd(day: string): boolean {
  return monthRange(day.slice(0, 7)).end === day;
}

/** The same day-of-month one month later, clamped to that month's length. */
function nextMonthSameDay(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const next =
    month === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${day.slice(0, 4)}-${String(month + 1).padStart(2, '0')}`;
  const { end } = monthRange(next);
  const clamped = `${next}-${day.slice(8)}`;
  return clamped > end ? end : clamped;
}

/** The following period of the same kind, starting after the current one ends. */
export function nextRecurrence(
  pattern: RecurrencePattern,
  startDate: string,
  targetDate: string,
): { startDate: string; targetDate: string } {
  checkPeriod(startDate, targetDate);
  switch (pattern) {
    case 'daily': {
      const next = addDays(targetDate, 1);
      return { startDate: next, targetDate: next };
    }
    case 'weekly':
      return { startDate: addDays(targetDate, 1), targetDate: addDays(targetDate, 7) };
    case 'monthly': {
      const sameDay = nextMonthSameDay(targetDate);
      const target = isMonthEnd(targetDate) ? monthRange(sameDay.slice(0, 7)).end : sameDay;
      const start = nextMonthSameDay(startDate);
      // Clamping (31 Jan → 28 Feb) must not make the new period overlap the old one.
      return { startDate: start > targetDate ? start : addDays(targetDate, 1), targetDate: target };
    }
  }
}
