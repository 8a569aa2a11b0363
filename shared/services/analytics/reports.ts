import type { ParsedInput, Report, Session } from '../../contract';
import { addDays, daysBetween, isoWeekOf, isoWeekRange, monthRange } from '../../domain/calendar';
import { highlights, type PeriodFacts, recommendations } from '../../domain/highlights';
import { studyDayBounds } from '../../domain/study-day';
import { type Ctx, today } from '../context';
import { listSessions } from '../sessions';
import { type PeriodAggregate, periodAggregates, periodMinutes, periodStart, rangeAggregate } from './periods';

type Kind = Report['kind'];

/** Sessions are listed in reports up to a month; longer ranges have exports for that. */
const MAX_LISTED_DAYS = 31;

async function classMinutes(ctx: Ctx, start: string, end: string) {
  const { rows } = await ctx.tx.query<Report['top_subjects'][number]>(
    `SELECT m.class_id, coalesce(c.name, 'No class') AS class_name, c.color, sum(m.minutes)::integer AS minutes, 0 AS share
       FROM session_day_minutes($1, $2, $3, $4) m LEFT JOIN classes c ON c.id = m.class_id
      GROUP BY m.class_id, c.name, c.color
      HAVING sum(m.minutes) > 0
      ORDER BY sum(m.minutes) DESC, class_name`,
    [ctx.userId, ctx.settings.day_rollover_hour, start, end],
  );
  const total = rows.reduce((s, r) => s + r.minutes, 0);
  return rows.map((r) => ({ ...r, share: total ? Math.round((r.minutes / total) * 1000) / 10 : 0 }));
}

/**
 * An activity's study day is cut in its session's zone. Joining every activity to its session by
 * id made the planner hash all of the student's sessions (6,089 on the heavy dataset) for a few
 * days of activities. The sessions that started around the window hold nearly all of them; the
 * rare activity of a session outside it looks its zone up by key (every activity has a session).
 */
const ACTIVITY_ZONE = `LEFT JOIN study_sessions w ON w.id = a.session_id AND w.user_id = $1
         AND w.start_time >= ($3::date - 3)::timestamptz AND w.start_time < ($4::date + 3)::timestamptz
  CROSS JOIN LATERAL (
    SELECT study_day(a.start_time, coalesce(w.time_zone, (SELECT s.time_zone FROM study_sessions s WHERE s.id = a.session_id)), $2) AS day
  ) d`;

async function activityCharts(ctx: Ctx, start: string, end: string) {
  const params = [ctx.userId, ctx.settings.day_rollover_hour, start, end];
  const activityWindow = `a.user_id = $1 AND a.deleted_at IS NULL
    AND a.start_time >= ($3::date - 2)::timestamptz AND a.start_time < ($4::date + 3)::timestamptz
    AND d.day BETWEEN $3 AND $4`;
  const [byType, byDay] = await Promise.all([
    ctx.tx.query<Report['charts']['minutes_per_activity_type'][number]>(
      `SELECT a.activity_type, coalesce(sum(a.duration_minutes), 0)::integer AS minutes, count(*)::integer AS count
         FROM session_activities a ${ACTIVITY_ZONE}
        WHERE ${activityWindow}
        GROUP BY a.activity_type ORDER BY minutes DESC, a.activity_type`,
      params,
    ),
    ctx.tx.query<Report['charts']['accuracy_per_day'][number]>(
      `SELECT d.day AS date,
              round(sum(a.items_correct) * 100.0 / nullif(sum(a.items_completed), 0), 2) AS accuracy,
              coalesce(sum(a.items_completed), 0)::integer AS items
         FROM session_activities a ${ACTIVITY_ZONE}
        WHERE ${activityWindow} AND a.activity_type IN ('testing', 'flashcards') AND a.items_completed > 0
        GROUP BY 1 ORDER BY 1`,
      params,
    ),
  ]);
  return { byType: byType.rows, byDay: byDay.rows };
}

/**
 * Active minutes by local weekday and hour. Each local hour is mapped back to the true instants
 * it covers, so the hour skipped by a spring-forward night gets nothing and the repeated one of a
 * fall-back night is not counted twice.
 */
async function hourHeatmap(ctx: Ctx, start: string, end: string) {
  const { rows } = await ctx.tx.query<Report['charts']['hour_heatmap'][number]>(
    `WITH s AS (
       SELECT start_time, end_time, time_zone,
              duration_minutes::numeric / nullif(extract(epoch FROM end_time - start_time), 0) AS active_per_second
         FROM study_sessions
        WHERE user_id = $1 AND deleted_at IS NULL AND end_time IS NOT NULL
          AND start_time >= ($3::date - 2)::timestamptz AND start_time < ($4::date + 3)::timestamptz
          AND study_day(start_time, time_zone, $2) BETWEEN $3 AND $4
     ), cells AS (
       SELECT h, greatest(0, extract(epoch FROM least(s.end_time, (h + interval '1 hour') AT TIME ZONE s.time_zone)
                                              - greatest(s.start_time, h AT TIME ZONE s.time_zone))) * s.active_per_second AS minutes
         FROM s CROSS JOIN LATERAL generate_series(date_trunc('hour', s.start_time AT TIME ZONE s.time_zone),
                                                   s.end_time AT TIME ZONE s.time_zone, interval '1 hour') AS h
     )
     SELECT extract(isodow FROM h)::integer AS weekday, extract(hour FROM h)::integer AS hour, round(sum(minutes))::integer AS minutes
       FROM cells GROUP BY 1, 2 HAVING round(sum(minutes)) > 0 ORDER BY 1, 2`,
    [ctx.userId, ctx.settings.day_rollover_hour, start, end],
  );
  return rows;
}

/** Goals whose window overlaps the range, with their value as of the range's end. */
async function goalsInRange(ctx: Ctx, start: string, end: string) {
  const { rows } = await ctx.tx.query<Report['goals_progress'][number] & { completed_at: string | null }>(
    `SELECT g.id AS goal_id, g.goal_name, g.goal_type, g.target_value, g.status, g.completed_at,
            coalesce(p.progress_value, 0) AS value,
            least(100, round(coalesce(p.progress_value, 0) * 100 / g.target_value, 2)) AS percentage_complete,
            coalesce((SELECT array_agg(q.milestone_name ORDER BY q.recorded_date) FROM goal_progress q
                       WHERE q.goal_id = g.id AND q.milestone_reached AND q.deleted_at IS NULL
                         AND q.recorded_date BETWEEN $2 AND $3), '{}') AS milestones
       FROM study_goals g
       LEFT JOIN LATERAL (
         SELECT progress_value FROM goal_progress q
          WHERE q.goal_id = g.id AND q.deleted_at IS NULL AND q.recorded_date <= $3
          ORDER BY q.recorded_date DESC LIMIT 1) p ON true
      WHERE g.user_id = $1 AND g.deleted_at IS NULL AND g.start_date <= $3 AND g.target_date >= $2
      ORDER BY g.status = 'completed' DESC, g.target_date, g.goal_name`,
    [ctx.userId, start, end],
  );
  return rows;
}

async function achievementsInRange(ctx: Ctx, start: string, end: string) {
  const from = studyDayBounds(start, ctx.settings.time_zone, ctx.settings.day_rollover_hour).start;
  const to = studyDayBounds(end, ctx.settings.time_zone, ctx.settings.day_rollover_hour).end;
  const { rows } = await ctx.tx.query<Report['achievements_earned'][number]>(
    `SELECT achievement_key, name, bonus_points, earned_at FROM achievements
      WHERE user_id = $1 AND deleted_at IS NULL AND earned_at >= $2 AND earned_at < $3 ORDER BY earned_at`,
    [ctx.userId, from, to],
  );
  return rows;
}

async function listedSessions(ctx: Ctx, start: string, end: string): Promise<Session[]> {
  if (daysBetween(start, end) >= MAX_LISTED_DAYS) return [];
  const page = await listSessions(ctx, { start_date: start, end_date: end, limit: 1000, offset: 0, include_deleted: false });
  return page.sessions;
}

/** The common body of every report over the study days [start, end]. */
export async function buildReport(
  ctx: Ctx, kind: Kind, start: string, end: string, summaryRow?: PeriodAggregate, previousMinutes?: number,
  /** The days start..end when the caller already has them (among others). */
  knownDays?: PeriodAggregate[],
): Promise<Report> {
  const now = today(ctx);
  const [days, totals, classes, activity, heatmap, goals, achievements, sessions] = await Promise.all([
    knownDays ? knownDays.filter((d) => d.snapshot_date >= start && d.snapshot_date <= end) : periodAggregates(ctx, 'day', start, end),
    summaryRow ?? rangeAggregate(ctx, start, end),
    classMinutes(ctx, start, end),
    activityCharts(ctx, start, end),
    hourHeatmap(ctx, start, end),
    goalsInRange(ctx, start, end),
    achievementsInRange(ctx, start, end),
    listedSessions(ctx, start, end),
  ]);
  const elapsed = days.filter((d) => d.snapshot_date <= now);
  const daysElapsed = Math.max(1, elapsed.length);
  const min = ctx.settings.streak_min_minutes;
  const best = days.reduce<PeriodAggregate | null>((b, d) => (d.total_study_minutes > (b?.total_study_minutes ?? 0) ? d : b), null);
  const topClass = classes.find((c) => c.class_id !== null) ?? null;
  const facts: PeriodFacts = {
    label: kind === 'daily' ? 'this day' : kind === 'weekly' ? 'this week' : kind === 'monthly' ? 'this month' : 'in this period',
    minutes: totals.total_study_minutes,
    sessions: totals.total_sessions,
    daysStudied: totals.days_studied,
    daysElapsed: elapsed.length,
    testsTaken: totals.tests_taken,
    avgTestScore: totals.avg_test_score,
    flashcardsReviewed: totals.flashcards_reviewed,
    flashcardAccuracy: totals.flashcard_accuracy,
    streakDays: totals.streak_days,
    bestDay: best ? { date: best.snapshot_date, minutes: best.total_study_minutes } : null,
    topClass: topClass ? { name: topClass.class_name, minutes: topClass.minutes } : null,
    previousMinutes: previousMinutes ?? null,
  };
  const strip = ({ completed_at: _x, ...g }: (typeof goals)[number]) => g;
  const from = studyDayBounds(start, ctx.settings.time_zone, ctx.settings.day_rollover_hour).start;
  const to = studyDayBounds(end, ctx.settings.time_zone, ctx.settings.day_rollover_hour).end;

  return {
    kind,
    start_date: start,
    end_date: end,
    summary: {
      total_study_minutes: totals.total_study_minutes,
      sessions_count: totals.total_sessions,
      total_sessions: totals.total_sessions,
      avg_daily_minutes: Math.round((totals.total_study_minutes / daysElapsed) * 10) / 10,
      avg_session_duration: totals.avg_session_duration,
      points_earned: totals.total_points_earned,
      total_points: totals.total_points_earned,
      tests_taken: totals.tests_taken,
      avg_test_score: totals.avg_test_score,
      flashcards_reviewed: totals.flashcards_reviewed,
      flashcard_accuracy: totals.flashcard_accuracy,
      assignments_completed: totals.assignments_completed,
      notes_created: totals.notes_created,
      days_studied: totals.days_studied,
      streak_days: totals.streak_days,
      streak_maintained: elapsed.length > 0 && elapsed.every((d) => d.total_study_minutes >= min),
      productivity_score: totals.productivity_score,
    },
    daily_breakdown: days.map((d) => ({
      date: d.snapshot_date,
      minutes: d.total_study_minutes,
      sessions: d.total_sessions,
      points: d.total_points_earned,
      productivity_score: d.productivity_score,
    })),
    top_subjects: classes.slice(0, 5),
    performance_highlights: highlights(facts),
    goals_progress: goals.map(strip),
    goals_achieved: goals.filter((g) => g.completed_at && g.completed_at >= from && g.completed_at < to).map(strip),
    achievements_earned: achievements,
    top_achievements: [...achievements].sort((a, b) => b.bonus_points - a.bonus_points || a.earned_at.localeCompare(b.earned_at)).slice(0, 5),
    recommendations: recommendations(facts, min),
    sessions,
    charts: {
      minutes_per_day: days.map((d) => ({ date: d.snapshot_date, minutes: d.total_study_minutes })),
      minutes_per_class: classes,
      minutes_per_activity_type: activity.byType,
      accuracy_per_day: activity.byDay,
      hour_heatmap: heatmap,
    },
  };
}

export async function dailyReport(ctx: Ctx, input: ParsedInput<'reports.daily'>) {
  const [day, previous] = await periodAggregates(ctx, 'day', addDays(input.date, -1), input.date).then((r) => [r[1]!, r[0]!]);
  return { date: input.date, ...(await buildReport(ctx, 'daily', input.date, input.date, day, previous!.total_study_minutes)) };
}

export async function weeklyReport(ctx: Ctx, input: ParsedInput<'reports.weekly'>) {
  const { start, end } = isoWeekRange(input.week);
  // The days first (the report needs them anyway): the two weeks then take their streaks from them.
  const days = await periodAggregates(ctx, 'day', addDays(start, -1), end);
  const [previous, week] = await periodAggregates(ctx, 'week', addDays(start, -7), start);
  return { week: input.week, week_start: start, week_end: end, ...(await buildReport(ctx, 'weekly', start, end, week, previous!.total_study_minutes, days)) };
}

export async function monthlyReport(ctx: Ctx, input: ParsedInput<'reports.monthly'>) {
  const { start, end } = monthRange(input.month);
  // The days first, from the last day of the month before to the end of the month's last week:
  // once cached, the month and the one before take their streaks from them, the weeks touching the
  // month are summed from them (minutes and sessions add up day by day; a session counts on its
  // start day in both) and the report below takes the month's own.
  const weeksStart = isoWeekRange(isoWeekOf(start)).start;
  const days = await periodAggregates(ctx, 'day', [weeksStart, addDays(start, -1)].sort()[0]!, isoWeekRange(isoWeekOf(end)).end);
  const weekDays = days.filter((d) => d.snapshot_date >= weeksStart);
  // Of the month before, the report needs only its minutes: no reason to compute all of it.
  const [month] = await periodAggregates(ctx, 'month', start, start);
  const previousMinutes = await periodMinutes(ctx, 'month', periodStart('month', addDays(start, -1)));
  const report = await buildReport(ctx, 'monthly', start, end, month, previousMinutes, days);
  const weeks = new Map<string, { week: string; week_start: string; minutes: number; sessions: number }>();
  for (const d of weekDays) {
    const week = isoWeekOf(d.snapshot_date);
    const w = weeks.get(week) ?? { week, week_start: isoWeekRange(week).start, minutes: 0, sessions: 0 };
    w.minutes += d.total_study_minutes;
    w.sessions += d.total_sessions;
    weeks.set(week, w);
  }
  return {
    month: input.month,
    ...report,
    weekly_breakdown: [...weeks.values()],
    performance_summary: {
      tests_taken: month!.tests_taken,
      avg_test_score: month!.avg_test_score,
      flashcards_reviewed: month!.flashcards_reviewed,
      flashcard_accuracy: month!.flashcard_accuracy,
      assignments_completed: month!.assignments_completed,
      productivity_score: month!.productivity_score,
    },
  };
}

export async function rangeReport(ctx: Ctx, input: ParsedInput<'reports.range'>) {
  return buildReport(ctx, 'range', input.start_date, input.end_date);
}
