-- First views of old history, two changes, the same numbers:
-- 1. snapshot_rows (0010) joined every activity in the range to its session by id for the
--    session's zone, and the planner hashed all of the student's sessions to do it (6,089 on the
--    heavy dataset, ~4 ms of a month's days). The sessions that started around the range hold
--    nearly all of those activities; the rare one of a session outside them looks its zone up by
--    key (every activity has a session).
-- 2. streak_days_between (0008) read the 120 days before the range to see the run leading into
--    it, and all history when those 120 formed one run. 30 days settle it as well: a run shorter
--    than 30 days is seen whole within them, and a longer one sends the read to all history as
--    before. On the heavy dataset 97 % of days end a run shorter than 30 days, and reading 120
--    days was most of a month's streak cost.

CREATE OR REPLACE FUNCTION snapshot_rows(p_user uuid, p_grain text, p_from date, p_to date, p_as_of date, p_use_cache boolean DEFAULT true)
RETURNS TABLE (
  snapshot_date date, period_end date, total_study_minutes integer, total_sessions integer,
  avg_session_duration numeric, total_points_earned integer, tests_taken integer, avg_test_score numeric,
  flashcards_reviewed integer, flashcard_accuracy numeric, assignments_completed integer, notes_created integer,
  most_studied_class_id uuid, most_studied_class_minutes integer, streak_days integer, productivity_score numeric,
  days_studied integer)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
  -- Rows join their period by its first day (period_key), so weeks and months must start on one.
  IF p_grain IN ('week', 'month') AND date_trunc(p_grain, p_from::timestamp)::date <> p_from THEN
    RAISE EXCEPTION 'snapshot_rows: a % starts on its first day, not on %', p_grain, p_from;
  END IF;
  RETURN QUERY
  WITH cfg AS (
    SELECT coalesce(max(day_rollover_hour), 4)::integer AS r, coalesce(max(time_zone), 'UTC') AS tz,
           coalesce(max(streak_min_minutes), 10)::integer AS min_m
      FROM settings WHERE user_id = p_user
  ), periods AS (
    SELECT g.ts::date AS p_start,
           CASE p_grain WHEN 'range' THEN p_to
                ELSE (g.ts + CASE p_grain WHEN 'day' THEN interval '0 days' WHEN 'week' THEN interval '6 days'
                                          ELSE interval '1 month' - interval '1 day' END)::date END AS p_end
      FROM generate_series(p_from::timestamp, CASE p_grain WHEN 'range' THEN p_from ELSE p_to END::timestamp,
                           CASE p_grain WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days'
                                        ELSE interval '1 month' END) AS g(ts)
  ), bounds AS (
    SELECT min(p_start) AS lo, max(p_end) AS hi FROM periods
  ), minutes AS (
    SELECT m.* FROM cfg, bounds, session_day_minutes(p_user, cfg.r, bounds.lo, bounds.hi) m
  ), by_day AS (
    SELECT day, sum(minutes) AS minutes FROM minutes GROUP BY day
  ), time_per_period AS (
    SELECT p.p_start, sum(d.minutes)::integer AS minutes, count(*) FILTER (WHERE d.minutes > 0)::integer AS days
      FROM periods p JOIN by_day d ON period_key(p_grain, p_from, p_to, d.day) = p.p_start GROUP BY p.p_start
  ), top_class AS (
    SELECT DISTINCT ON (p.p_start) p.p_start, m.class_id, sum(m.minutes)::integer AS minutes
      FROM periods p JOIN minutes m ON period_key(p_grain, p_from, p_to, m.day) = p.p_start
     WHERE m.class_id IS NOT NULL
     GROUP BY p.p_start, m.class_id
     ORDER BY p.p_start, sum(m.minutes) DESC, m.class_id
  ), session_rows AS MATERIALIZED (
    SELECT study_day(s.start_time, s.time_zone, cfg.r) AS day, s.duration_minutes, s.points_earned, s.productivity_rating
      FROM cfg, bounds, study_sessions s
     WHERE s.user_id = p_user AND s.deleted_at IS NULL AND s.end_time IS NOT NULL
       AND s.start_time >= (bounds.lo - 2)::timestamptz AND s.start_time < (bounds.hi + 3)::timestamptz
  ), sessions AS (
    SELECT p.p_start, count(*)::integer AS n, avg(r.duration_minutes) AS avg_minutes,
           sum(r.points_earned)::integer AS points, avg(r.productivity_rating) AS productivity
      FROM periods p JOIN session_rows r ON period_key(p_grain, p_from, p_to, r.day) = p.p_start
     GROUP BY p.p_start
  ), activity_rows AS MATERIALIZED (
    SELECT study_day(a.start_time, coalesce(w.time_zone, (SELECT s.time_zone FROM study_sessions s WHERE s.id = a.session_id)), cfg.r) AS day,
           a.activity_type, a.accuracy_percentage,
           a.items_completed, a.items_correct, a.points_earned
      FROM cfg CROSS JOIN bounds CROSS JOIN session_activities a
      LEFT JOIN study_sessions w ON w.id = a.session_id AND w.user_id = p_user
       AND w.start_time >= (bounds.lo - 3)::timestamptz AND w.start_time < (bounds.hi + 3)::timestamptz
     WHERE a.user_id = p_user AND a.deleted_at IS NULL
       AND a.start_time >= (bounds.lo - 2)::timestamptz AND a.start_time < (bounds.hi + 3)::timestamptz
  ), activities AS (
    SELECT p.p_start,
           count(*) FILTER (WHERE a.activity_type = 'testing' AND a.items_completed > 0)::integer AS tests,
           avg(a.accuracy_percentage) FILTER (WHERE a.activity_type = 'testing') AS test_score,
           coalesce(sum(a.items_completed) FILTER (WHERE a.activity_type = 'flashcards'), 0)::integer AS cards,
           sum(a.items_correct) FILTER (WHERE a.activity_type = 'flashcards') AS cards_correct,
           sum(a.items_completed) FILTER (WHERE a.activity_type = 'flashcards') AS cards_done,
           count(*) FILTER (WHERE a.activity_type = 'notes')::integer AS notes,
           sum(a.points_earned)::integer AS points,
           sum(a.items_correct) FILTER (WHERE a.activity_type IN ('testing', 'flashcards')) AS graded_correct,
           sum(a.items_completed) FILTER (WHERE a.activity_type IN ('testing', 'flashcards')) AS graded_done
      FROM periods p JOIN activity_rows a ON period_key(p_grain, p_from, p_to, a.day) = p.p_start
     GROUP BY p.p_start
  ), assignments_done AS (
    SELECT p.p_start, count(*)::integer AS n
      FROM periods p
      CROSS JOIN cfg
      JOIN assignments x ON x.user_id = p_user AND x.deleted_at IS NULL AND x.status = 'completed'
       AND x.completed_at >= (p.p_start - 2)::timestamptz AND x.completed_at < (p.p_end + 3)::timestamptz
       AND study_day(x.completed_at, cfg.tz, cfg.r) BETWEEN p.p_start AND p.p_end
     GROUP BY p.p_start
  ), seed AS (
    -- A cached daily snapshot of the day before the range holds the run of study days that led up
    -- to it (its streak if it qualified): then only the range itself needs reading.
    SELECT CASE WHEN s.total_study_minutes >= cfg.min_m THEN s.streak_days ELSE 0 END AS run_before
      FROM cfg, bounds, analytics_snapshots s
     WHERE p_use_cache AND s.user_id = p_user AND s.snapshot_type = 'daily' AND s.snapshot_date = bounds.lo - 1
       AND (s.as_of IS NULL OR s.as_of >= s.snapshot_date)
  ), seeded_islands AS (
    SELECT d.day, d.day - (row_number() OVER (ORDER BY d.day))::integer AS island
      FROM by_day d, cfg WHERE d.minutes >= cfg.min_m
  ), seeded_runs AS (
    SELECT i.day, (i.day - min(i.day) OVER (PARTITION BY i.island) + 1
                   + CASE WHEN min(i.day) OVER (PARTITION BY i.island) = b.lo THEN (SELECT run_before FROM seed) ELSE 0 END
                  )::integer AS run
      FROM seeded_islands i, bounds b
  ), cached_ends AS (
    -- A week or month needs the streak of one day: its last, or today for the one under way. When
    -- the daily snapshots of all those days are cached (a report computes its days first), their
    -- streaks are the answer and nothing before the range is read. One index probe per period.
    SELECT least(p.p_end, p_as_of) AS day, p.p_start <= p_as_of AS begun,
           (SELECT s.streak_days FROM analytics_snapshots s
             WHERE s.user_id = p_user AND s.snapshot_type = 'daily' AND s.snapshot_date = least(p.p_end, p_as_of)
               AND (s.as_of IS NULL OR s.as_of >= s.snapshot_date)) AS streak_days
      FROM periods p
     WHERE p_use_cache AND p_grain IN ('week', 'month')
  ), ends_cached AS (
    SELECT coalesce(bool_and(begun AND streak_days IS NOT NULL), false) AS yes FROM cached_ends
  ), streaks AS (
    SELECT c.day, c.streak_days FROM cached_ends c WHERE (SELECT yes FROM ends_cached)
    UNION ALL
    SELECT st.day, st.streak_days
      FROM cfg, bounds, streak_days_between(p_user, cfg.r, cfg.min_m, bounds.lo, least(bounds.hi, greatest(bounds.lo, p_as_of))) st
     WHERE NOT EXISTS (SELECT 1 FROM seed) AND NOT (SELECT yes FROM ends_cached)
    UNION ALL
    SELECT g.ts::date, coalesce(r0.run, r1.run, CASE WHEN g.ts::date = b.lo THEN (SELECT run_before FROM seed) END, 0)
      FROM bounds b
      CROSS JOIN generate_series(b.lo::timestamp, least(b.hi, greatest(b.lo, p_as_of))::timestamp, interval '1 day') AS g(ts)
      LEFT JOIN seeded_runs r0 ON r0.day = g.ts::date
      LEFT JOIN seeded_runs r1 ON r1.day = g.ts::date - 1
     WHERE EXISTS (SELECT 1 FROM seed) AND NOT (SELECT yes FROM ends_cached)
  )
  SELECT p.p_start, p.p_end,
         coalesce(t.minutes, 0), coalesce(s.n, 0), round(coalesce(s.avg_minutes, 0), 2),
         coalesce(s.points, 0) + coalesce(a.points, 0),
         coalesce(a.tests, 0), round(a.test_score, 2),
         coalesce(a.cards, 0), round(a.cards_correct * 100.0 / nullif(a.cards_done, 0), 2),
         coalesce(x.n, 0), coalesce(a.notes, 0),
         c.class_id, coalesce(c.minutes, 0),
         coalesce(k.streak_days, 0),
         CASE WHEN coalesce(t.minutes, 0) = 0 THEN 0 ELSE round(100 * (
             0.4 * least(1, t.minutes / (60.0 * (p.p_end - p.p_start + 1)))
           + 0.2 * t.days::numeric / (p.p_end - p.p_start + 1)
           + 0.2 * coalesce((s.productivity - 1) / 4, 0.5)
           + 0.2 * coalesce(a.graded_correct::numeric / nullif(a.graded_done, 0), 0.5)), 2) END,
         coalesce(t.days, 0)
    FROM periods p
    LEFT JOIN time_per_period t ON t.p_start = p.p_start
    LEFT JOIN top_class c ON c.p_start = p.p_start
    LEFT JOIN sessions s ON s.p_start = p.p_start
    LEFT JOIN activities a ON a.p_start = p.p_start
    LEFT JOIN assignments_done x ON x.p_start = p.p_start
    LEFT JOIN streaks k ON k.day = least(p.p_end, p_as_of)
   ORDER BY p.p_start;
END
$$;

CREATE OR REPLACE FUNCTION streak_days_between(p_user uuid, p_rollover integer, p_min integer, p_from date, p_to date)
RETURNS TABLE (day date, streak_days integer)
LANGUAGE sql STABLE AS $$
  WITH recent AS (
    SELECT m.day FROM session_day_minutes(p_user, p_rollover, p_from - 30, p_to) m
     GROUP BY m.day HAVING sum(m.minutes) >= p_min
  ), unbroken AS (
    SELECT count(*) = 30 AS yes FROM recent r WHERE r.day < p_from
  ), older AS (
    -- An empty range of days unless the 30 days before the range are one unbroken run.
    SELECT m.day FROM session_day_minutes(p_user, p_rollover, p_from - 100000,
                                          CASE WHEN (SELECT yes FROM unbroken) THEN p_from - 31 ELSE p_from - 100001 END) m
     GROUP BY m.day HAVING sum(m.minutes) >= p_min
  ), qualifying AS (
    SELECT r.day FROM recent r UNION ALL SELECT o.day FROM older o
  ), islands AS (
    SELECT q.day, q.day - (row_number() OVER (ORDER BY q.day))::integer AS island FROM qualifying q
  ), runs AS (
    SELECT i.day, (i.day - min(i.day) OVER (PARTITION BY i.island) + 1)::integer AS run FROM islands i
  )
  SELECT d.ts::date, coalesce(r0.run, r1.run, 0)
    FROM generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') AS d(ts)
    LEFT JOIN runs r0 ON r0.day = d.ts::date
    LEFT JOIN runs r1 ON r1.day = d.ts::date - 1
$$;
