-- Performance analytics, identical on the desktop and the platform: the per-period facts behind
-- performance_metrics (in total and per class), a per-activity-type breakdown of cached periods,
-- and what lets closed periods be cached and added up exactly. Periods follow the study-day
-- calendar of 0005 (rollover hour, each session's own zone, minutes split at day boundaries).

-- metric_value is a mean or a ratio for three of the metric types, rounded to cents. value_sum
-- keeps the sum it was computed from, so cached periods add up to exactly the figure a longer span
-- computed from scratch gives:
--   study_time             metric_value = value_sum = minutes       sample_size = sessions started
--   test_average           metric_value = mean score                sample_size = tests, value_sum = sum of scores
--   flashcard_mastery      metric_value = accuracy %                sample_size = cards reviewed, value_sum = cards correct
--   assignment_completion  metric_value = completion rate %         sample_size = assignments due, value_sum = completed
ALTER TABLE performance_metrics ADD COLUMN value_sum numeric(14, 2) NOT NULL DEFAULT 0 CHECK (value_sum >= 0);

-- drop_cached_periods (0005) deletes by (user_id, period_end) on every write of a session or
-- activity; without this index that delete reads every cached metric of the user.
CREATE INDEX idx_performance_metrics_user_end ON performance_metrics (user_id, period_end);

-- What a cached period's study consisted of, per activity type. Hangs off the period's study_time
-- row in total (class_id NULL), so dropping a cached period drops its breakdown with it.
CREATE TABLE performance_activity_metrics (
  metric_id       uuid NOT NULL REFERENCES performance_metrics (id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  activity_type   varchar(20) NOT NULL CHECK (activity_type IN
                    ('reading', 'testing', 'flashcards', 'notes', 'video', 'chat', 'assignment')),
  activities      integer NOT NULL CHECK (activities >= 0),
  minutes         integer NOT NULL CHECK (minutes >= 0),
  items_completed integer NOT NULL CHECK (items_completed >= 0),
  items_correct   integer NOT NULL CHECK (items_correct >= 0),
  PRIMARY KEY (metric_id, activity_type)
);
CREATE INDEX idx_performance_activity_metrics_user ON performance_activity_metrics (user_id);

-- The latest review of each flashcard deck, in index order (mastered_count over all of history).
CREATE INDEX idx_session_activities_user_deck ON session_activities (user_id, content_id, start_time DESC, id DESC)
  INCLUDE (accuracy_percentage)
  WHERE activity_type = 'flashcards' AND deleted_at IS NULL AND items_completed > 0;

-- Periods of a grain ('day' | 'week' | 'month'): ISO weeks start on Monday, months on the 1st.
CREATE FUNCTION grain_start(p_grain text, p_day date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_grain WHEN 'day' THEN p_day ELSE date_trunc(p_grain, p_day::timestamp)::date END
$$;

CREATE FUNCTION grain_step(p_grain text) RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_grain WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days' ELSE interval '1 month' END
$$;

-- The first study day of the user's history (ended, not deleted sessions), NULL before any. Only
-- sessions within two days of the earliest start can have an earlier study day (zones differ by
-- at most 26 hours), so this reads a handful of rows from the index.
CREATE FUNCTION first_study_day(p_user uuid) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT min(study_day(s.start_time, s.time_zone, cfg.r))
    FROM (SELECT rollover_of(p_user) AS r) cfg, study_sessions s
   WHERE s.user_id = p_user AND s.deleted_at IS NULL AND s.end_time IS NOT NULL
     AND s.start_time < (SELECT min(f.start_time) + interval '2 days' FROM study_sessions f
                          WHERE f.user_id = p_user AND f.deleted_at IS NULL AND f.end_time IS NOT NULL)
$$;

-- Additive facts per period of p_grain from the period holding p_from to the one holding p_to:
-- one row per period with scope 'total', one per class with any facts ('class'), and one for
-- the facts without a class ('no_class') when there are any.
--   minutes                 active minutes on the period's study days (session_day_minutes)
--   sessions                ended sessions whose start falls on one of its study days
--   tests, test_score_sum   testing activities with items, and the sum of their accuracy %
--   cards_completed/correct flashcards items (an activity without items_correct counts none correct)
--   assignments_due/completed  assignments due on its study days (due_at in the settings zone), and
--                           of those the ones completed now
-- Activities count on the study day of their start, in their session's zone.
CREATE FUNCTION performance_rows(p_user uuid, p_grain text, p_from date, p_to date)
RETURNS TABLE (
  period_start date, period_end date, scope text, class_id uuid, minutes integer, sessions integer,
  tests integer, test_score_sum numeric, cards_completed integer, cards_correct integer,
  assignments_due integer, assignments_completed integer)
-- PL/pgSQL so the query plan is kept for the session: inlined, planning it cost more than running
-- it for one period.
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  r  integer;
  tz text;
  lo date := grain_start(p_grain, p_from);
  hi date := (grain_start(p_grain, p_to) + grain_step(p_grain) - interval '1 day')::date;
BEGIN
  SELECT coalesce(max(x.day_rollover_hour), 4), coalesce(max(x.time_zone), 'UTC') INTO r, tz
    FROM settings x WHERE x.user_id = p_user;
  RETURN QUERY
  WITH periods AS (
    SELECT g.ts::date AS p_start, (g.ts + grain_step(p_grain) - interval '1 day')::date AS p_end
      FROM generate_series(lo::timestamp, hi::timestamp, grain_step(p_grain)) AS g(ts)
  ), facts AS (
    SELECT grain_start(p_grain, m.day) AS p_start, m.class_id, m.minutes, 0 AS sessions, 0 AS tests,
           0::numeric AS score, 0 AS cards, 0 AS correct, 0 AS due, 0 AS done
      FROM session_day_minutes(p_user, r, lo, hi) m
    UNION ALL
    SELECT grain_start(p_grain, study_day(s.start_time, s.time_zone, r)), s.class_id, 0, 1, 0, 0, 0, 0, 0, 0
      FROM study_sessions s
     WHERE s.user_id = p_user AND s.deleted_at IS NULL AND s.end_time IS NOT NULL
       AND s.start_time >= (lo - 2)::timestamptz AND s.start_time < (hi + 3)::timestamptz
       AND study_day(s.start_time, s.time_zone, r) BETWEEN lo AND hi
    UNION ALL
    SELECT grain_start(p_grain, study_day(a.start_time, s.time_zone, r)), s.class_id, 0, 0,
           (a.activity_type = 'testing')::integer,
           CASE WHEN a.activity_type = 'testing' THEN a.accuracy_percentage ELSE 0 END,
           CASE WHEN a.activity_type = 'flashcards' THEN a.items_completed ELSE 0 END,
           CASE WHEN a.activity_type = 'flashcards' THEN coalesce(a.items_correct, 0) ELSE 0 END,
           0, 0
      FROM session_activities a
      -- One index probe per activity: the planner would hash every session of the user instead,
      -- several times slower for the one-period calls this mostly serves.
      CROSS JOIN LATERAL (SELECT x.time_zone, x.class_id FROM study_sessions x
                           WHERE x.id = a.session_id AND x.deleted_at IS NULL OFFSET 0) s
     WHERE a.user_id = p_user AND a.deleted_at IS NULL AND a.activity_type IN ('testing', 'flashcards')
       AND a.items_completed > 0
       AND a.start_time >= (lo - 2)::timestamptz AND a.start_time < (hi + 3)::timestamptz
       AND study_day(a.start_time, s.time_zone, r) BETWEEN lo AND hi
    UNION ALL
    SELECT grain_start(p_grain, study_day(x.due_at, tz, r)), x.class_id, 0, 0, 0, 0, 0, 0,
           1, (x.status = 'completed')::integer
      FROM assignments x
     WHERE x.user_id = p_user AND x.deleted_at IS NULL
       AND x.due_at >= (lo - 2)::timestamptz AND x.due_at < (hi + 3)::timestamptz
       AND study_day(x.due_at, tz, r) BETWEEN lo AND hi
  )
  SELECT p.p_start, p.p_end,
         CASE WHEN grouping(f.class_id) = 1 THEN 'total' WHEN f.class_id IS NULL THEN 'no_class' ELSE 'class' END,
         f.class_id,
         coalesce(sum(f.minutes), 0)::integer, coalesce(sum(f.sessions), 0)::integer,
         coalesce(sum(f.tests), 0)::integer, coalesce(sum(f.score), 0),
         coalesce(sum(f.cards), 0)::integer, coalesce(sum(f.correct), 0)::integer,
         coalesce(sum(f.due), 0)::integer, coalesce(sum(f.done), 0)::integer
    FROM periods p LEFT JOIN facts f ON f.p_start = p.p_start
   GROUP BY GROUPING SETS ((p.p_start, p.p_end), (p.p_start, p.p_end, f.class_id))
  HAVING grouping(f.class_id) = 1 OR count(f.p_start) > 0
   ORDER BY 1, 3 DESC, 4;
END
$$;

-- Activities per period of p_grain and activity type (only the types that occur): how many, their
-- minutes (duration_minutes) and items. Same study-day rule as performance_rows.
CREATE FUNCTION activity_type_rows(p_user uuid, p_grain text, p_from date, p_to date)
RETURNS TABLE (
  period_start date, activity_type varchar, activities integer, minutes integer,
  items_completed integer, items_correct integer)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  r  integer := rollover_of(p_user);
  lo date := grain_start(p_grain, p_from);
  hi date := (grain_start(p_grain, p_to) + grain_step(p_grain) - interval '1 day')::date;
BEGIN
  RETURN QUERY
  SELECT grain_start(p_grain, study_day(a.start_time, s.time_zone, r)), a.activity_type, count(*)::integer,
         coalesce(sum(a.duration_minutes), 0)::integer, coalesce(sum(a.items_completed), 0)::integer,
         coalesce(sum(a.items_correct), 0)::integer
    FROM session_activities a
    CROSS JOIN LATERAL (SELECT x.time_zone FROM study_sessions x
                         WHERE x.id = a.session_id AND x.deleted_at IS NULL OFFSET 0) s
   WHERE a.user_id = p_user AND a.deleted_at IS NULL
     AND a.start_time >= (lo - 2)::timestamptz AND a.start_time < (hi + 3)::timestamptz
     AND study_day(a.start_time, s.time_zone, r) BETWEEN lo AND hi
   GROUP BY 1, 2
   ORDER BY 1, 2;
END
$$;

-- Flashcard decks (content_id) whose latest review on the study days p_from..p_to (NULL: all of
-- history), in p_class when given, scored at least 90 %.
CREATE FUNCTION mastered_decks(p_user uuid, p_from date, p_to date, p_class uuid) RETURNS integer
LANGUAGE plpgsql STABLE AS $$
DECLARE
  r integer := rollover_of(p_user);
  n integer;
BEGIN
  IF p_from IS NULL AND p_class IS NULL THEN
    -- Each deck's latest review straight from the deck index, in order: no sort, no study days.
    -- Activities carry their session's tombstone (sessions.delete), so no join either.
    SELECT count(*) FILTER (WHERE l.accuracy_percentage >= 90) INTO n FROM (
      SELECT DISTINCT ON (a.content_id) a.accuracy_percentage
        FROM session_activities a
       WHERE a.user_id = p_user AND a.activity_type = 'flashcards' AND a.deleted_at IS NULL
         AND a.items_completed > 0 AND a.content_id IS NOT NULL
       ORDER BY a.content_id, a.start_time DESC, a.id DESC) l;
  ELSIF p_from IS NULL THEN
    SELECT count(*) FILTER (WHERE l.accuracy_percentage >= 90) INTO n FROM (
      SELECT DISTINCT ON (a.content_id) a.accuracy_percentage
        FROM study_sessions s JOIN session_activities a ON a.session_id = s.id
       WHERE s.user_id = p_user AND s.class_id = p_class AND s.deleted_at IS NULL
         AND a.activity_type = 'flashcards' AND a.deleted_at IS NULL AND a.items_completed > 0 AND a.content_id IS NOT NULL
       ORDER BY a.content_id, a.start_time DESC, a.id DESC) l;
  ELSE
    SELECT count(*) FILTER (WHERE l.accuracy_percentage >= 90) INTO n FROM (
      SELECT DISTINCT ON (a.content_id) a.accuracy_percentage
        FROM session_activities a
        CROSS JOIN LATERAL (SELECT x.time_zone, x.class_id FROM study_sessions x
                             WHERE x.id = a.session_id AND x.deleted_at IS NULL OFFSET 0) s
       WHERE a.user_id = p_user AND a.activity_type = 'flashcards' AND a.deleted_at IS NULL
         AND a.items_completed > 0 AND a.content_id IS NOT NULL
         AND (p_class IS NULL OR s.class_id = p_class)
         AND a.start_time >= (p_from - 2)::timestamptz AND a.start_time < (p_to + 3)::timestamptz
         AND study_day(a.start_time, s.time_zone, r) BETWEEN p_from AND p_to
       ORDER BY a.content_id, a.start_time DESC, a.id DESC) l;
  END IF;
  RETURN n;
END
$$;
