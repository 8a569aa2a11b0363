// Pure helpers for the dashboard cards: level progress, goal figures in words, the order goals show in.
import type { Goal } from '../../../../shared/contract/goals';
import { LEVEL_THRESHOLDS } from '../../../../shared/domain/points';
import { minutes } from '../../lib/format';

export interface LevelProgress {
  /** Points where the current level began. */
  from: number;
  /** Points where the next level begins; null at the top level. */
  to: number | null;
  /** 0–100 of the way from `from` to `to` (100 at the top level). */
  percent: number;
}

export function levelProgress(totalPoints: number, level: number, nextLevelAt: number | null): LevelProgress {
  const from = level >= 2 ? (LEVEL_THRESHOLDS[level - 2] ?? 0) : 0;
  if (nextLevelAt === null) return { from, to: null, percent: 100 };
  const span = nextLevelAt - from;
  const percent = span > 0 ? Math.max(0, Math.min(100, ((totalPoints - from) / span) * 100)) : 0;
  return { from, to: nextLevelAt, percent };
}

const number = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 1 });

/** "163 h 21 min of 228 h", "21 of 85 days", "82 % of 90 %". */
export function goalFigures(goal: Pick<Goal, 'current_value' | 'target_value' | 'unit'>): string {
  const { current_value: now, target_value: target, unit } = goal;
  if (unit === 'minutes') return `${minutes(now)} of ${minutes(target)}`;
  if (unit === 'percent') return `${number(now)} % of ${number(target)} %`;
  return `${number(now)} of ${number(target)}${unit ? ` ${unit}` : ''}`;
}

export function daysLeftText(days: number): string {
  if (days < 0) return 'Past its date';
  if (days === 0) return 'Due today';
  return days === 1 ? '1 day left' : `${days} days left`;
}

const PRIORITY_RANK = { high: 0, medium: 1, low: 2 } as const;

/** What needs attention first: behind schedule, then the nearest date, then priority. */
export function goalsByUrgency<G extends Pick<Goal, 'on_track' | 'days_remaining' | 'priority' | 'goal_name'>>(goals: readonly G[]): G[] {
  return [...goals].sort(
    (a, b) =>
      Number(a.on_track) - Number(b.on_track) ||
      a.days_remaining - b.days_remaining ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      a.goal_name.localeCompare(b.goal_name),
  );
}

/** 'YYYY-MM-DD' → "Mon" in the student's locale (a calendar date: no zone shift). */
export function weekdayShort(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' });
}
