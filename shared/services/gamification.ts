import { ACHIEVEMENT_KEYS, ACHIEVEMENTS, type AchievementKey, earnedAchievements } from '../domain/achievements';
import { addDays, dayStartUtcMs } from '../domain/calendar';
import { PERFECT_TEST_MIN_ITEMS } from '../domain/achievements';
import { levelFor, nextLevelAt } from '../domain/points';
import { currentStreak, longestStreak } from '../domain/streaks';
import { studyDayBounds } from '../domain/study-day';
import { type Ctx, newId, today } from './context';

interface DayMinutes {
  day: string;
  minutes: number;
}

/** Active minutes per study day (each session on its start day) since `fromDay` (or ever). */
async function minutesByDay(ctx: Ctx, fromDay: string | null): Promise<DayMinutes[]> {
  const { rows } = await ctx.tx.query<DayMinutes>(
    'SELECT day, minutes FROM study_minutes_by_day($1, $2, $3)',
    [ctx.userId, ctx.settings.day_rollover_hour, fromDay ? new Date(dayStartUtcMs(fromDay)).toISOString() : null],
    { prepare: true },
  );
  return rows;
}

/**
 * The current streak, or `atMost` when it is at least that long (a streak goal counts only the
 * days inside its window). Reads the last `hint + 14` days first (a caller that knows roughly how
 * long the streak is, e.g. from a streak goal, saves reading months), then 120 days, and the whole
 * history only for longer streaks: a window is enough when the streak ends inside it, or when it
 * reaches `atMost` there.
 */
export async function streakDays(ctx: Ctx, hint = 0, atMost = Infinity): Promise<number> {
  const now = today(ctx);
  const min = ctx.settings.streak_min_minutes;
  const windows = new Set([Math.max(14, Math.ceil(hint) + 14), 120].map((w) => Math.min(w, 120, atMost + 1)));
  for (const window of windows) {
    const streak = currentStreak(await minutesByDay(ctx, addDays(now, -window - 2)), min, now);
    if (streak >= atMost) return atMost;
    if (streak < window - 1) return streak;
  }
  return Math.min(atMost, currentStreak(await minutesByDay(ctx, null), min, now));
}

export async function pointsSummary(ctx: Ctx) {
  const day = today(ctx);
  const bounds = studyDayBounds(day, ctx.settings.time_zone, ctx.settings.day_rollover_hour);
  const { rows } = await ctx.tx.query<{ total: number; today: number }>(
    `SELECT coalesce(sum(delta), 0)::integer AS total,
            coalesce(sum(delta) FILTER (WHERE created_at >= $2 AND created_at < $3), 0)::integer AS today
       FROM point_awards WHERE user_id = $1`,
    [ctx.userId, bounds.start, bounds.end],
  );
  const { total, today: todayPoints } = rows[0]!;
  const days = await minutesByDay(ctx, null);
  return {
    total_points: total,
    level: levelFor(total),
    next_level_at: nextLevelAt(total),
    streak_days: currentStreak(days, ctx.settings.streak_min_minutes, day),
    longest_streak_days: longestStreak(days, ctx.settings.streak_min_minutes),
    today_points: todayPoints,
    today: day,
  };
}

export async function listAchievements(ctx: Ctx) {
  const { rows } = await ctx.tx.query<{ achievement_key: string; earned_at: string }>(
    'SELECT achievement_key, earned_at FROM achievements WHERE user_id = $1 AND deleted_at IS NULL',
    [ctx.userId],
  );
  const earned = new Map(rows.map((r) => [r.achievement_key, r.earned_at]));
  return {
    achievements: ACHIEVEMENT_KEYS.map((key) => {
      const a = ACHIEVEMENTS[key];
      return {
        achievement_key: key,
        name: a.name,
        description: a.description,
        bonus_points: a.bonus_points,
        earned: earned.has(key),
        earned_at: earned.get(key) ?? null,
      };
    }),
  };
}

/**
 * Awards every achievement whose condition now holds and that was not earned before. The stats
 * are only read while something is left to earn, so a veteran's session end costs one query (none
 * when the caller already read `earnedKeys`, the keys earned so far, in the same transaction).
 */
export async function checkAchievements(ctx: Ctx, earnedKeys: readonly string[] | null = null): Promise<void> {
  const keys = earnedKeys ?? (await ctx.tx.query<{ achievement_key: string }>(
    'SELECT achievement_key FROM achievements WHERE user_id = $1',
    [ctx.userId],
  )).rows.map((r) => r.achievement_key);
  const have = new Set(keys);
  const missing = ACHIEVEMENT_KEYS.filter((k) => !have.has(k));
  if (missing.length === 0) return;

  const { rows: statRows } = await ctx.tx.query<{
    completed_sessions: number;
    total_minutes: number;
    completed_goals: number;
    perfect_tests: number;
  }>(
    `SELECT (SELECT count(*) FROM study_sessions
              WHERE user_id = $1 AND deleted_at IS NULL AND end_time IS NOT NULL)::integer AS completed_sessions,
            (SELECT coalesce(sum(duration_minutes), 0) FROM study_sessions
              WHERE user_id = $1 AND deleted_at IS NULL AND end_time IS NOT NULL)::integer AS total_minutes,
            (SELECT count(*) FROM study_goals
              WHERE user_id = $1 AND deleted_at IS NULL AND status = 'completed')::integer AS completed_goals,
            (SELECT count(*) FROM session_activities
              WHERE user_id = $1 AND deleted_at IS NULL AND activity_type = 'testing'
                AND items_completed >= $2 AND items_correct = items_completed)::integer AS perfect_tests`,
    [ctx.userId, PERFECT_TEST_MIN_ITEMS],
  );
  const s = statRows[0]!;
  const needsStreak = missing.some((k) => k.startsWith('streak_'));
  const earned = earnedAchievements({
    completedSessions: s.completed_sessions,
    totalActiveMinutes: s.total_minutes,
    completedGoals: s.completed_goals,
    perfectTests: s.perfect_tests,
    streakDays: needsStreak ? await streakDays(ctx) : 0,
  }).filter((k: AchievementKey) => !have.has(k));

  for (const key of earned) {
    const a = ACHIEVEMENTS[key];
    const { rows: inserted } = await ctx.tx.query(
      `INSERT INTO achievements (id, user_id, achievement_key, name, description, bonus_points, earned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (user_id, achievement_key) DO NOTHING RETURNING id`,
      [newId(), ctx.userId, key, a.name, a.description, a.bonus_points, ctx.now],
    );
    if (inserted.length > 0) {
      ctx.changes.touch('achievements');
      ctx.changes.touch('points');
      ctx.changes.achievements.push({
        achievement_key: key,
        name: a.name,
        description: a.description,
        bonus_points: a.bonus_points,
        earned_at: ctx.now,
      });
    }
  }
}
