-- Points as an append-only ledger of deltas: every change to what a session or activity is worth
-- (end, edit, delete, restore) appends its difference in the same transaction, so the sum per
-- reference always equals the formula applied to the current row. Award ids are the idempotency
-- keys the platform's ledger uses to apply each award exactly once.

CREATE TABLE point_awards (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reference_type varchar(20) NOT NULL CHECK (reference_type IN ('session', 'activity', 'achievement', 'adjustment')),
  reference_id   uuid NOT NULL,
  delta          integer NOT NULL CHECK (delta <> 0),
  reason         varchar(40) NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_point_awards_user_created ON point_awards (user_id, created_at);
CREATE INDEX idx_point_awards_reference ON point_awards (reference_type, reference_id);

CREATE FUNCTION point_awards_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'point_awards is append-only' USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER point_awards_no_update BEFORE UPDATE OR DELETE ON point_awards
  FOR EACH ROW EXECUTE FUNCTION point_awards_append_only();

CREATE TABLE achievements (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  achievement_key varchar(50) NOT NULL,
  name            varchar(100) NOT NULL,
  description     varchar(300) NOT NULL DEFAULT '',
  bonus_points    integer NOT NULL DEFAULT 0 CHECK (bonus_points >= 0),
  earned_at       timestamptz NOT NULL,
  reference_id    uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz,
  CONSTRAINT achievements_once UNIQUE (user_id, achievement_key)
);
CREATE INDEX idx_achievements_user_earned ON achievements (user_id, earned_at DESC);
CREATE TRIGGER achievements_updated_at BEFORE UPDATE ON achievements FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE FUNCTION record_point_award(p_user uuid, p_type text, p_ref uuid, p_delta integer, p_reason text)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_delta <> 0 AND NOT applying_remote() THEN
    INSERT INTO point_awards (user_id, reference_type, reference_id, delta, reason, created_at)
    VALUES (p_user, p_type, p_ref, p_delta, p_reason, app_now());
  END IF;
END
$$;

CREATE FUNCTION award_change_reason(old_deleted timestamptz, new_deleted timestamptz, was_new boolean, old_ended boolean)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
           WHEN old_deleted IS NULL AND new_deleted IS NOT NULL THEN 'deleted'
           WHEN old_deleted IS NOT NULL AND new_deleted IS NULL THEN 'restored'
           WHEN was_new THEN 'earned'
           WHEN NOT old_ended THEN 'ended'
           ELSE 'edited'
         END
$$;

CREATE FUNCTION session_point_awards() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_worth integer := 0;
  new_worth integer := CASE WHEN NEW.deleted_at IS NULL THEN NEW.points_earned ELSE 0 END;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    old_worth := CASE WHEN OLD.deleted_at IS NULL THEN OLD.points_earned ELSE 0 END;
  END IF;
  PERFORM record_point_award(NEW.user_id, 'session', NEW.id, new_worth - old_worth,
    'session_' || award_change_reason(CASE WHEN TG_OP = 'UPDATE' THEN OLD.deleted_at END, NEW.deleted_at,
                                      TG_OP = 'INSERT', TG_OP = 'UPDATE' AND OLD.end_time IS NOT NULL));
  RETURN NULL;
END
$$;
CREATE TRIGGER study_sessions_point_awards AFTER INSERT OR UPDATE ON study_sessions
  FOR EACH ROW EXECUTE FUNCTION session_point_awards();

CREATE FUNCTION activity_point_awards() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_worth integer := 0;
  new_worth integer := CASE WHEN NEW.deleted_at IS NULL THEN NEW.points_earned ELSE 0 END;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    old_worth := CASE WHEN OLD.deleted_at IS NULL THEN OLD.points_earned ELSE 0 END;
  END IF;
  PERFORM record_point_award(NEW.user_id, 'activity', NEW.id, new_worth - old_worth,
    'activity_' || award_change_reason(CASE WHEN TG_OP = 'UPDATE' THEN OLD.deleted_at END, NEW.deleted_at,
                                       TG_OP = 'INSERT', true));
  RETURN NULL;
END
$$;
CREATE TRIGGER session_activities_point_awards AFTER INSERT OR UPDATE ON session_activities
  FOR EACH ROW EXECUTE FUNCTION activity_point_awards();

CREATE FUNCTION achievement_point_awards() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_worth integer := 0;
  new_worth integer := CASE WHEN NEW.deleted_at IS NULL THEN NEW.bonus_points ELSE 0 END;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    old_worth := CASE WHEN OLD.deleted_at IS NULL THEN OLD.bonus_points ELSE 0 END;
  END IF;
  PERFORM record_point_award(NEW.user_id, 'achievement', NEW.id, new_worth - old_worth, 'achievement_earned');
  RETURN NULL;
END
$$;
CREATE TRIGGER achievements_point_awards AFTER INSERT OR UPDATE ON achievements
  FOR EACH ROW EXECUTE FUNCTION achievement_point_awards();
