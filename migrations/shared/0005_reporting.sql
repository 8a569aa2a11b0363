-- Reporting building blocks, identical on the desktop and the platform: minutes split at study-day
-- boundaries, the per-period aggregates behind analytics_snapshots and performance_metrics, and
-- the triggers that drop cached periods when the rows under them change.

-- Activities by time for one user, whatever their type (period aggregates, exports, charts).
CREATE INDEX idx_session_activities_user_start ON session_activities (user_id, start_time) WHERE deleted_at IS NULL;

-- Every ended session's active minutes per study day (in the session's own zone, rollover hour
-- applied). Wall time is split at the day boundaries and scaled to duration_minutes with
-- cumulative flooring, so a session's parts always sum to exactly its duration_minutes.
CREATE FUNCTION session_day_minutes(p_user uuid, p_rollover integer, p_from date, p_to date)
RETURNS TABLE (session_id uuid, class_id uuid, day date, minutes integer)
LANGUAGE sql STABLE AS $$
  WITH s AS (
    SELECT id, class_id, start_time, end_time, time_zone, duration_minutes,
           extract(epoch FROM end_time - start_time) AS wall
      FROM study_sessions
     WHERE user_id = p_user AND deleted_at IS NULL AND end_time IS NOT NULL
       AND start_time < (p_to + 3)::timestamptz AND start_time > (p_from - 3)::timestamptz
  ), parts AS (
    SELECT s.id, s.class_id, g.ts::date AS day, s.duration_minutes, s.wall,
           extract(epoch FROM greatest(s.start_time, (g.ts::date + make_interval(hours => p_rollover)) AT TIME ZONE s.time_zone) - s.start_time) AS done_before,
           extract(epoch FROM least(s.end_time, (g.ts::date + 1 + make_interval(hours => p_rollover)) AT TIME ZONE s.time_zone) - s.start_time) AS done_after
      FROM s
      CROSS JOIN LATERAL generate_series(
        study_day(s.start_time, s.time_zone, p_rollover)::timestamp,
        study_day(s.end_time - interval '1 microsecond', s.time_zone, p_rollover)::timestamp,
        interval '1 day') AS g(ts)
  )
  SELECT id, class_id, day,
         (floor(duration_minutes * greatest(0, least(wall, done_after)) / wall)
          - floor(duration_minutes * greatest(0, least(wall, done_before)) / wall))::integer
    FROM parts
   WHERE day BETWEEN p_from AND p_to
$$;

-- The current streak as of each day in [p_from, p_to]: consecutive study days with at least
-- p_min minutes ending that day, or the day before when that day is short (it is not over yet).
CREATE FUNCTION streak_days_between(p_user uuid, p_rollover integer, p_min integer, p_from date, p_to date)
RETURNS TABLE (day date, streak_days integer)
LANGUAGE sql STABLE AS $$
  -- Four months back covers almost every streak; only when the window's first day itself
  -- qualifies can the run reach further, and then all of history is read.
  WITH lookback AS (
    SELECT CASE WHEN EXISTS (
             SELECT 1 FROM session_day_minutes(p_user, p_rollover, p_from - 120, p_from - 120) m
              GROUP BY m.day HAVING sum(m.minutes) >= p_min)
           THEN 100000 ELSE 120 END AS days
  ), qualifying AS (
    SELECT m.day FROM lookback, session_day_minutes(p_user, p_rollover, p_from - lookback.days, p_to) m
     GROUP BY m.day HAVING sum(m.minutes) >= p_min
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

-- One row of analytics_snapshots columns per period of p_grain ('day' | 'week' | 'month')
-- starting at p_from (aligned to the grain) up to the period holding p_to, or one row for the
-- whole of [p_from, p_to] with p_grain 'range', computed from the base rows (and, unless
-- p_use_cache is false, the cached daily snapshot just before the range as the streak's start),
-- base rows. Streaks are taken as of the period's last day, or p_as_of when that comes first.
--
-- productivity_score (0-100), documented in README: 0 with no study, else
--   40 x min(1, minutes / (60 x days in period))      -- an hour a day earns the full time share
-- + 20 x days studied / days in period               -- consistency
-- + 20 x (mean productivity rating - 1) / 4           -- 0.5 when nothing was rated
-- + 20 x items correct / items completed (tests and flashcards) -- 0.5 when nothing was graded
CREATE FUNCTION snapshot_rows(p_user uuid, p_grain text, p_from date, p_to date, p_as_of date, p_use_cache boolean DEFAULT true)
RETURNS TABLE (
  snapshot_date date, period_end date, total_study_minutes integer, total_sessions integer,
  avg_session_duration numeric, total_points_earned integer, tests_taken integer, avg_test_score numeric,
  flashcards_reviewed integer, flashcard_accuracy numeric, assignments_completed integer, notes_created integer,
  most_studied_class_id uuid, most_studied_class_minutes integer, streak_days integer, productivity_score numeric,
  days_studied integer)
LANGUAGE sql STABLE AS $$
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
      FROM periods p JOIN by_day d ON d.day BETWEEN p.p_start AND p.p_end GROUP BY p.p_start
  ), top_class AS (
    SELECT DISTINCT ON (p.p_start) p.p_start, m.class_id, sum(m.minutes)::integer AS minutes
      FROM periods p JOIN minutes m ON m.day BETWEEN p.p_start AND p.p_end
     WHERE m.class_id IS NOT NULL
     GROUP BY p.p_start, m.class_id
     ORDER BY p.p_start, sum(m.minutes) DESC, m.class_id
  ), session_rows AS (
    SELECT study_day(s.start_time, s.time_zone, cfg.r) AS day, s.duration_minutes, s.points_earned, s.productivity_rating
      FROM cfg, bounds, study_sessions s
     WHERE s.user_id = p_user AND s.deleted_at IS NULL AND s.end_time IS NOT NULL
       AND s.start_time >= (bounds.lo - 2)::timestamptz AND s.start_time < (bounds.hi + 3)::timestamptz
  ), sessions AS (
    SELECT p.p_start, count(*)::integer AS n, avg(r.duration_minutes) AS avg_minutes,
           sum(r.points_earned)::integer AS points, avg(r.productivity_rating) AS productivity
      FROM periods p JOIN session_rows r ON r.day BETWEEN p.p_start AND p.p_end
     GROUP BY p.p_start
  ), activity_rows AS (
    SELECT study_day(a.start_time, s.time_zone, cfg.r) AS day, a.activity_type, a.accuracy_percentage,
           a.items_completed, a.items_correct, a.points_earned
      FROM cfg, bounds, session_activities a JOIN study_sessions s ON s.id = a.session_id
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
      FROM periods p JOIN activity_rows a ON a.day BETWEEN p.p_start AND p.p_end
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
  ), seeded_islands AS (
    SELECT d.day, d.day - (row_number() OVER (ORDER BY d.day))::integer AS island
      FROM by_day d, cfg WHERE d.minutes >= cfg.min_m
  ), seeded_runs AS (
    SELECT i.day, (i.day - min(i.day) OVER (PARTITION BY i.island) + 1
                   + CASE WHEN min(i.day) OVER (PARTITION BY i.island) = b.lo THEN (SELECT run_before FROM seed) ELSE 0 END
                  )::integer AS run
      FROM seeded_islands i, bounds b
  ), streaks AS (
    SELECT st.day, st.streak_days
      FROM cfg, bounds, streak_days_between(p_user, cfg.r, cfg.min_m, bounds.lo, least(bounds.hi, greatest(bounds.lo, p_as_of))) st
     WHERE NOT EXISTS (SELECT 1 FROM seed)
    UNION ALL
    SELECT g.ts::date, coalesce(r0.run, r1.run, CASE WHEN g.ts::date = b.lo THEN (SELECT run_before FROM seed) END, 0)
      FROM bounds b
      CROSS JOIN generate_series(b.lo::timestamp, least(b.hi, greatest(b.lo, p_as_of))::timestamp, interval '1 day') AS g(ts)
      LEFT JOIN seeded_runs r0 ON r0.day = g.ts::date
      LEFT JOIN seeded_runs r1 ON r1.day = g.ts::date - 1
     WHERE EXISTS (SELECT 1 FROM seed)
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
   ORDER BY p.p_start
$$;

-- Cached periods (snapshots and metrics) from the changed study day on are dropped when the rows
-- under them change, however the change arrived (a local edit or a pulled row). The streak of
-- every later day can depend on the changed day, hence "from on".
CREATE FUNCTION drop_cached_periods(p_user uuid, p_day date) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM analytics_snapshots
   WHERE user_id = p_user AND snapshot_date >= least(date_trunc('month', p_day), date_trunc('week', p_day))::date;
  DELETE FROM performance_metrics WHERE user_id = p_user AND period_end >= p_day;
$$;

CREATE FUNCTION rollover_of(p_user uuid) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT day_rollover_hour FROM settings WHERE user_id = p_user), 4)::integer
$$;

CREATE FUNCTION sessions_drop_cached_periods() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r integer;
  d date;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
    RETURN NULL;
  END IF;
  r := rollover_of(coalesce(NEW.user_id, OLD.user_id));
  IF TG_OP <> 'INSERT' THEN
    d := study_day(OLD.start_time, OLD.time_zone, r);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    d := least(d, study_day(NEW.start_time, NEW.time_zone, r));
  END IF;
  PERFORM drop_cached_periods(coalesce(NEW.user_id, OLD.user_id), d);
  RETURN NULL;
END
$$;
CREATE TRIGGER study_sessions_drop_cached_periods AFTER INSERT OR UPDATE OR DELETE ON study_sessions
  FOR EACH ROW EXECUTE FUNCTION sessions_drop_cached_periods();

CREATE FUNCTION activities_drop_cached_periods() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r integer;
  zone text;
  d date;
BEGIN
  r := rollover_of(coalesce(NEW.user_id, OLD.user_id));
  SELECT time_zone INTO zone FROM study_sessions WHERE id = coalesce(NEW.session_id, OLD.session_id);
  zone := coalesce(zone, 'UTC');
  IF TG_OP <> 'INSERT' THEN
    d := study_day(OLD.start_time, zone, r);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    d := least(d, study_day(NEW.start_time, zone, r));
  END IF;
  PERFORM drop_cached_periods(coalesce(NEW.user_id, OLD.user_id), d);
  RETURN NULL;
END
$$;
CREATE TRIGGER session_activities_drop_cached_periods AFTER INSERT OR UPDATE OR DELETE ON session_activities
  FOR EACH ROW EXECUTE FUNCTION activities_drop_cached_periods();

CREATE FUNCTION assignments_drop_cached_periods() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r integer;
  zone text;
  d date;
BEGIN
  SELECT day_rollover_hour, time_zone INTO r, zone FROM settings WHERE user_id = coalesce(NEW.user_id, OLD.user_id);
  r := coalesce(r, 4);
  zone := coalesce(zone, 'UTC');
  -- Completion counts on the completion day; the due date decides completion rates.
  SELECT min(x) INTO d FROM unnest(ARRAY[
    study_day(OLD.completed_at, zone, r), study_day(NEW.completed_at, zone, r),
    study_day(OLD.due_at, zone, r), study_day(NEW.due_at, zone, r)]) AS x;
  IF d IS NOT NULL THEN
    PERFORM drop_cached_periods(coalesce(NEW.user_id, OLD.user_id), d);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER assignments_drop_cached_periods AFTER INSERT OR UPDATE OR DELETE ON assignments
  FOR EACH ROW EXECUTE FUNCTION assignments_drop_cached_periods();

-- A new rollover hour, zone or streak minimum re-cuts every period.
CREATE FUNCTION settings_drop_cached_periods() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.day_rollover_hour, NEW.time_zone, NEW.streak_min_minutes)
     IS DISTINCT FROM (OLD.day_rollover_hour, OLD.time_zone, OLD.streak_min_minutes) THEN
    DELETE FROM analytics_snapshots WHERE user_id = NEW.user_id;
    DELETE FROM performance_metrics WHERE user_id = NEW.user_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER settings_drop_cached_periods AFTER UPDATE ON settings
  FOR EACH ROW EXECUTE FUNCTION settings_drop_cached_periods();
