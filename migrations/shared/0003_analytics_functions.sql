-- The platform's five analytics functions and three views, kept to their jobs.

-- Active minutes = wall time minus paused time; a session is worth floor(0.5 x active minutes).
CREATE FUNCTION calculate_session_duration() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.end_time IS NULL THEN
    NEW.duration_minutes := NULL;
    NEW.points_earned := 0;
  ELSE
    NEW.duration_minutes := floor(greatest(0, extract(epoch FROM NEW.end_time - NEW.start_time) - NEW.paused_seconds) / 60)::integer;
    NEW.points_earned := floor(NEW.duration_minutes * 0.5)::integer;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER study_sessions_duration BEFORE INSERT OR UPDATE ON study_sessions
  FOR EACH ROW EXECUTE FUNCTION calculate_session_duration();

-- Duration from the activity's own times (or as given when it has none), accuracy from its items,
-- one point per correct item.
CREATE FUNCTION calculate_activity_duration() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.end_time IS NOT NULL THEN
    NEW.duration_minutes := floor(extract(epoch FROM NEW.end_time - NEW.start_time) / 60)::integer;
  END IF;
  IF coalesce(NEW.items_completed, 0) > 0 THEN
    NEW.accuracy_percentage := round(coalesce(NEW.items_correct, 0)::numeric * 100 / NEW.items_completed, 2);
  ELSE
    NEW.accuracy_percentage := NULL;
  END IF;
  NEW.points_earned := coalesce(NEW.items_correct, 0);
  RETURN NEW;
END
$$;
CREATE TRIGGER session_activities_duration BEFORE INSERT OR UPDATE ON session_activities
  FOR EACH ROW EXECUTE FUNCTION calculate_activity_duration();

-- Percentage of the goal's target, and the highest milestone (25/50/75/100) this row crosses
-- for the first time.
CREATE FUNCTION update_goal_progress_percentage() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  goal    study_goals%ROWTYPE;
  crossed smallint;
BEGIN
  SELECT * INTO goal FROM study_goals WHERE id = NEW.goal_id;
  IF NOT FOUND THEN
    RETURN NEW; -- parent not here yet (deferred during sync); recomputed when it arrives
  END IF;
  NEW.percentage_complete := least(100, round(NEW.progress_value * 100 / goal.target_value, 2));
  IF applying_remote() THEN
    RETURN NEW;
  END IF;
  SELECT max(m) INTO crossed
    FROM unnest(ARRAY[25, 50, 75, 100]::smallint[]) AS m
   WHERE m <= NEW.percentage_complete AND NOT (m = ANY (goal.milestones_reached));
  IF crossed IS NOT NULL THEN
    NEW.milestone_reached := true;
    NEW.milestone_name := CASE crossed WHEN 100 THEN 'Goal complete' ELSE crossed || '% reached' END;
  ELSIF TG_OP = 'INSERT' THEN
    NEW.milestone_reached := false;
    NEW.milestone_name := NULL;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER goal_progress_percentage BEFORE INSERT OR UPDATE ON goal_progress
  FOR EACH ROW EXECUTE FUNCTION update_goal_progress_percentage();

-- The latest day's progress is the goal's current value; reaching the target completes it,
-- falling back below it (an edited or deleted session) reopens it. Milestones are remembered so
-- each is reported once.
CREATE FUNCTION update_goal_current_value() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF applying_remote() OR NEW.deleted_at IS NOT NULL THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM goal_progress p
              WHERE p.goal_id = NEW.goal_id AND p.recorded_date > NEW.recorded_date AND p.deleted_at IS NULL) THEN
    RETURN NULL;
  END IF;
  UPDATE study_goals g
     SET current_value = NEW.progress_value,
         milestones_reached = ARRAY(
           SELECT DISTINCT m FROM unnest(g.milestones_reached || ARRAY(
             SELECT m2 FROM unnest(ARRAY[25, 50, 75, 100]::smallint[]) AS m2
              WHERE m2 <= NEW.percentage_complete)) AS m ORDER BY m),
         status = CASE
                    WHEN g.status = 'active' AND NEW.progress_value >= g.target_value THEN 'completed'
                    WHEN g.status = 'completed' AND NEW.progress_value < g.target_value THEN 'active'
                    ELSE g.status END,
         completed_at = CASE
                          WHEN g.status = 'active' AND NEW.progress_value >= g.target_value THEN app_now()
                          WHEN g.status = 'completed' AND NEW.progress_value < g.target_value THEN NULL
                          ELSE g.completed_at END
   WHERE g.id = NEW.goal_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER goal_progress_current_value AFTER INSERT OR UPDATE ON goal_progress
  FOR EACH ROW EXECUTE FUNCTION update_goal_current_value();

-- Active goals whose target date has passed short of target become expired. Returns how many.
CREATE FUNCTION check_expired_goals(as_of date, for_user uuid DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  UPDATE study_goals
     SET status = 'expired'
   WHERE status = 'active'
     AND deleted_at IS NULL
     AND target_date < as_of
     AND current_value < target_value
     AND (for_user IS NULL OR user_id = for_user);
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;

CREATE VIEW active_study_sessions AS
SELECT s.id, s.user_id, s.class_id, c.name AS class_name, s.start_time, s.session_type, s.focus_mode,
       s.location, s.time_zone, s.paused_seconds, s.last_heartbeat_at,
       floor(greatest(0, extract(epoch FROM now() - s.start_time) - s.paused_seconds) / 60)::integer
         AS elapsed_minutes
  FROM study_sessions s
  LEFT JOIN classes c ON c.id = s.class_id
 WHERE s.end_time IS NULL AND s.deleted_at IS NULL;

CREATE VIEW user_study_summary_30d AS
SELECT s.user_id,
       count(*)::integer AS total_sessions,
       coalesce(sum(s.duration_minutes), 0)::integer AS total_minutes,
       round(coalesce(avg(s.duration_minutes), 0), 2) AS avg_session_duration,
       round(avg(s.mood_rating), 2) AS avg_mood_rating,
       round(avg(s.productivity_rating), 2) AS avg_productivity_rating,
       coalesce(sum(s.points_earned), 0)::integer AS session_points,
       count(DISTINCT s.class_id)::integer AS classes_studied
  FROM study_sessions s
 WHERE s.deleted_at IS NULL AND s.end_time IS NOT NULL AND s.start_time >= now() - interval '30 days'
 GROUP BY s.user_id;

CREATE VIEW active_goals_with_progress AS
SELECT g.id AS goal_id, g.user_id, g.class_id, g.goal_type, g.goal_name, g.target_value, g.current_value,
       g.unit, g.start_date, g.target_date, g.priority,
       least(100, round(g.current_value * 100 / g.target_value, 2)) AS percentage_complete,
       (g.target_date - current_date) AS days_remaining,
       (g.current_value >= g.target_value
         OR current_date < g.start_date
         OR g.current_value >= g.target_value
              * least(1, (current_date - g.start_date + 1)::numeric / (g.target_date - g.start_date + 1))
       ) AS on_track
  FROM study_goals g
 WHERE g.status = 'active' AND g.deleted_at IS NULL;
