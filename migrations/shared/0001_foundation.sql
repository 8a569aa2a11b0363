-- Foundation shared by the desktop (PGlite) and the platform (PostgreSQL 15+): helpers, the
-- local/platform user, per-user settings, classes and assignments.

-- The instant "now" as the application sees it. Services set app.now per transaction so that
-- `--now` backfills and tests are reproducible; without it this is the database clock.
CREATE FUNCTION app_now() RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now())
$$;

CREATE FUNCTION applying_remote() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.applying_remote', true), '') = 'on'
$$;

-- A study day runs from the rollover hour to the rollover hour in the session's own zone, so a
-- 23:00-01:30 session is one evening. Same rule as shared/domain/study-day.ts.
CREATE FUNCTION study_day(ts timestamptz, tz text, rollover_hour integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((ts AT TIME ZONE tz) - make_interval(hours => rollover_hour))::date
$$;

-- Pulled rows keep the platform's updated_at; local writes stamp their own.
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT applying_remote() THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END
$$;

CREATE TABLE users (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  platform_user_id uuid,
  display_name     varchar(200) NOT NULL DEFAULT '',
  email            varchar(320),
  time_zone        varchar(64) NOT NULL DEFAULT 'UTC',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE settings (
  user_id                      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  time_zone                    varchar(64) NOT NULL DEFAULT 'UTC',
  day_rollover_hour            smallint NOT NULL DEFAULT 4 CHECK (day_rollover_hour BETWEEN 0 AND 23),
  streak_min_minutes           integer NOT NULL DEFAULT 10 CHECK (streak_min_minutes BETWEEN 1 AND 1440),
  focus_minutes                integer NOT NULL DEFAULT 25 CHECK (focus_minutes BETWEEN 1 AND 240),
  short_break_minutes          integer NOT NULL DEFAULT 5 CHECK (short_break_minutes BETWEEN 1 AND 60),
  long_break_minutes           integer NOT NULL DEFAULT 15 CHECK (long_break_minutes BETWEEN 1 AND 120),
  long_break_every             integer NOT NULL DEFAULT 4 CHECK (long_break_every BETWEEN 1 AND 12),
  idle_threshold_seconds       integer NOT NULL DEFAULT 300 CHECK (idle_threshold_seconds BETWEEN 60 AND 7200),
  media_idle_threshold_seconds integer NOT NULL DEFAULT 1200 CHECK (media_idle_threshold_seconds BETWEEN 60 AND 14400),
  notifications_enabled        boolean NOT NULL DEFAULT true,
  start_at_login               boolean NOT NULL DEFAULT false,
  global_shortcut              varchar(60),
  created_at                   timestamptz NOT NULL DEFAULT now(),
  updated_at                   timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER settings_updated_at BEFORE UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE classes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        varchar(120) NOT NULL CHECK (length(btrim(name)) > 0),
  code        varchar(40),
  color       varchar(7) CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  source      varchar(10) NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'platform')),
  archived_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
CREATE INDEX idx_classes_user ON classes (user_id) WHERE deleted_at IS NULL;
CREATE TRIGGER classes_updated_at BEFORE UPDATE ON classes FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE assignments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  class_id     uuid REFERENCES classes (id) DEFERRABLE INITIALLY IMMEDIATE,
  title        varchar(200) NOT NULL CHECK (length(btrim(title)) > 0),
  description  text CHECK (length(description) <= 10000),
  due_at       timestamptz,
  status       varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'completed')),
  completed_at timestamptz,
  source       varchar(10) NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'platform')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  deleted_at   timestamptz,
  CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX idx_assignments_user_due ON assignments (user_id, due_at) WHERE deleted_at IS NULL;
CREATE INDEX idx_assignments_class ON assignments (class_id);
CREATE INDEX idx_assignments_user_completed ON assignments (user_id, completed_at) WHERE status = 'completed';
CREATE TRIGGER assignments_updated_at BEFORE UPDATE ON assignments FOR EACH ROW EXECUTE FUNCTION set_updated_at();
