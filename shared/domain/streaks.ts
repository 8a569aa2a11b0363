import { addDays, dayStartUtcMs, daysBetween } from './calendar';

type StudyDayMinutes = ReadonlyArray<{ day: string; minutes: number }>;

/** Days whose summed minutes reach the minimum; a day with no study never counts, even for a minimum of 0. */
function qualifyingDays(days: StudyDayMinutes, minMinutes: number, lastDay?: string): Set<string> {
  const totals = new Map<string, number>();
  for (const { day, minutes } of days) {
    dayStartUtcMs(day);
    if (lastDay !== undefined && day > lastDay) continue;
    totals.set(day, (totals.get(day) ?? 0) + minutes);
  }
  const qualifying = new Set<string>();
  for (const [day, total] of totals) {
    if (total > 0 && total >= minMinutes) qualifying.add(day);
  }
  return qualifying;
}

/**
 * Consecutive qualifying study days ending today, or ending yesterday while today has not yet
 * reached the minimum (an unfinished today does not break a streak).
 */
export function currentStreak(days: StudyDayMinutes, minMinutes: number, today: string): number {
  const qualifying = qualifyingDays(days, minMinutes, today);
  let day = qualifying.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (qualifying.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

export function longestStreak(days: StudyDayMinutes, minMinutes: number): number {
  const sorted = [...qualifyingDays(days, minMinutes)].sort();
  let longest = 0;
  let run = 0;
  sorted.forEach((day, i) => {
    const previous = sorted[i - 1];
    run = previous !== undefined && daysBetween(previous, day) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  return longest;
}
