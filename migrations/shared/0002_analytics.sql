-- The platform's schema 011 (study analytics), adapted for offline-first use: client-generated
-- UUIDs, user_id on every row, timestamptz for instants, tombstones for everything that syncs.

CREATE TABLE study_sessions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  class_id            uuid REFERENCES classes (id) DEFERRABLE INITIALLY IMMEDIATE,
  start_time          timestamptz NOT NULL,
  end_time            timestamptz,
  duration_minutes    integer CHECK (duration_minutes >= 0),
  session_type        varchar(20) NOT NULL DEFAULT 'solo' CHECK (session_type IN ('solo', 'group', 'tutoring')),
  focus_mode          varchar(20) CHECK (focus_mode IN ('pomodoro', 'stopwatch', 'countdown', 'free')),
  location            varchar(100),
  notes               text CHECK (length(notes) <= 10000),
  mood_rating         smallint CHECK (mood_rating BETWEEN 1 AND 5),
  productivity_rating smallint CHECK (productivity_rating BETWEEN 1 AND 5),
  time_zone           varchar(64) NOT NULL DEFAULT 'UTC',
  paused_seconds      integer NOT NULL DEFAULT 0 CHECK (paused_seconds >= 0),
  source              varchar(10) NOT NULL DEFAULT 'timer' CHECK (source IN ('timer', 'manual', 'import')),
  last_heartbeat_at   timestamptz,
  points_earned       integer NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz,
  CONSTRAINT study_sessions_end_after_start CHECK (end_time IS NULL OR end_time > start_time),
  CONSTRAINT study_sessions_max_length CHECK (end_time IS NULL OR end_time - start_time <= interval '24 hours'),
  CONSTRAINT study_sessions_paused_within CHECK (
    end_time IS NULL OR paused_seconds <= extract(epoch FROM end_time - start_time))
);
CREATE INDEX idx_study_sessions_user ON study_sessions (user_id);
CREATE INDEX idx_study_sessions_class ON study_sessions (class_id);
CREATE INDEX idx_study_sessions_start ON study_sessions (start_time);
CREATE INDEX idx_study_sessions_user_start ON study_sessions (user_id, start_time DESC) WHERE deleted_at IS NULL;
CREATE INDEX idx_study_sessions_user_class_start ON study_sessions (user_id, class_id, start_time) WHERE deleted_at IS NULL;
CREATE INDEX idx_study_sessions_type ON study_sessions (user_id, session_type);
CREATE UNIQUE INDEX idx_study_sessions_one_active ON study_sessions (user_id)
  WHERE end_time IS NULL AND deleted_at IS NULL;
CREATE INDEX idx_study_sessions_deleted ON study_sessions (user_id, deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE session_activities (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id          uuid NOT NULL REFERENCES study_sessions (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  activity_type       varchar(20) NOT NULL CHECK (activity_type IN
                        ('reading', 'testing', 'flashcards', 'notes', 'video', 'chat', 'assignment')),
  content_type        varchar(50),
  content_id          varchar(100),
  start_time          timestamptz NOT NULL,
  end_time            timestamptz,
  duration_minutes    integer CHECK (duration_minutes >= 0),
  items_completed     integer CHECK (items_completed >= 0),
  items_correct       integer CHECK (items_correct >= 0),
  accuracy_percentage numeric(5, 2) CHECK (accuracy_percentage BETWEEN 0 AND 100),
  points_earned       integer NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
  metadata            jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz,
  CONSTRAINT session_activities_end_after_start CHECK (end_time IS NULL OR end_time >= start_time),
  CONSTRAINT session_activities_correct_le_completed CHECK (
    items_correct IS NULL OR (items_completed IS NOT NULL AND items_correct <= items_completed))
);
CREATE INDEX idx_session_activities_session ON session_activities (session_id);
CREATE INDEX idx_session_activities_user ON session_activities (user_id);
CREATE INDEX idx_session_activities_type ON session_activities (activity_type);
CREATE INDEX idx_session_activities_user_type_start ON session_activities (user_id, activity_type, start_time)
  WHERE deleted_at IS NULL;
CREATE INDEX idx_session_activities_content ON session_activities (content_type, content_id);
CREATE INDEX idx_session_activities_start ON session_activities (start_time);

CREATE TABLE performance_metrics (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  class_id         uuid REFERENCES classes (id) DEFERRABLE INITIALLY IMMEDIATE,
  metric_type      varchar(30) NOT NULL CHECK (metric_type IN
                     ('test_average', 'flashcard_mastery', 'assignment_completion', 'study_time', 'attendance')),
  metric_period    varchar(10) NOT NULL CHECK (metric_period IN ('daily', 'weekly', 'monthly', 'all_time')),
  period_start     date NOT NULL,
  period_end       date NOT NULL,
  metric_value     numeric(10, 2) NOT NULL,
  sample_size      integer NOT NULL DEFAULT 0 CHECK (sample_size >= 0),
  trend            varchar(20) NOT NULL DEFAULT 'insufficient_data' CHECK (trend IN
                     ('improving', 'declining', 'stable', 'insufficient_data')),
  percentile_rank  numeric(5, 2) CHECK (percentile_rank BETWEEN 0 AND 100),
  calculated_at    timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (period_start <= period_end),
  CONSTRAINT performance_metrics_unique UNIQUE NULLS NOT DISTINCT
    (user_id, class_id, metric_type, metric_period, period_start)
);
CREATE INDEX idx_performance_metrics_user ON performance_metrics (user_id);
CREATE INDEX idx_performance_metrics_class ON performance_metrics (class_id);
CREATE INDEX idx_performance_metrics_type ON performance_metrics (user_id, metric_type);
CREATE INDEX idx_performance_metrics_period ON performance_metrics (user_id, metric_period, period_start DESC);

CREATE TABLE study_goals (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  class_id           uuid REFERENCES classes (id) DEFERRABLE INITIALLY IMMEDIATE,
  goal_type          varchar(30) NOT NULL CHECK (goal_type IN
                       ('study_time', 'test_score', 'assignment_completion', 'flashcard_mastery', 'streak', 'custom')),
  goal_name          varchar(200) NOT NULL CHECK (length(btrim(goal_name)) > 0),
  goal_description   text CHECK (length(goal_description) <= 5000),
  target_value       numeric(10, 2) NOT NULL CHECK (target_value > 0),
  current_value      numeric(10, 2) NOT NULL DEFAULT 0 CHECK (current_value >= 0),
  unit               varchar(30),
  start_date         date NOT NULL,
  target_date        date NOT NULL,
  status             varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'abandoned', 'expired')),
  priority           varchar(10) NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
  is_recurring       boolean NOT NULL DEFAULT false,
  recurrence_pattern varchar(20) CHECK (recurrence_pattern IN ('daily', 'weekly', 'monthly')),
  reminder_enabled   boolean NOT NULL DEFAULT false,
  milestones_reached smallint[] NOT NULL DEFAULT '{}',
  previous_goal_id   uuid,
  completed_at       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz,
  CONSTRAINT study_goals_dates CHECK (start_date <= target_date),
  CONSTRAINT study_goals_recurrence CHECK (NOT is_recurring OR recurrence_pattern IS NOT NULL),
  CONSTRAINT study_goals_completed_at CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX idx_study_goals_user ON study_goals (user_id);
CREATE INDEX idx_study_goals_class ON study_goals (class_id);
CREATE INDEX idx_study_goals_status ON study_goals (user_id, status);
CREATE INDEX idx_study_goals_type ON study_goals (user_id, goal_type);
CREATE INDEX idx_study_goals_target_date ON study_goals (target_date);
CREATE INDEX idx_study_goals_active ON study_goals (user_id, target_date) WHERE status = 'active' AND deleted_at IS NULL;
CREATE UNIQUE INDEX idx_study_goals_next_period ON study_goals (previous_goal_id) WHERE previous_goal_id IS NOT NULL;

CREATE TABLE goal_progress (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  goal_id             uuid NOT NULL REFERENCES study_goals (id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  recorded_date       date NOT NULL,
  progress_value      numeric(10, 2) NOT NULL CHECK (progress_value >= 0),
  percentage_complete numeric(5, 2) NOT NULL DEFAULT 0 CHECK (percentage_complete BETWEEN 0 AND 100),
  notes               text CHECK (length(notes) <= 5000),
  milestone_reached   boolean NOT NULL DEFAULT false,
  milestone_name      varchar(100),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz,
  CONSTRAINT goal_progress_one_per_day UNIQUE (goal_id, recorded_date)
);
CREATE INDEX idx_goal_progress_user ON goal_progress (user_id);
CREATE INDEX idx_goal_progress_date ON goal_progress (goal_id, recorded_date DESC);
CREATE INDEX idx_goal_progress_milestones ON goal_progress (goal_id) WHERE milestone_reached;

CREATE TABLE analytics_snapshots (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  snapshot_type            varchar(10) NOT NULL CHECK (snapshot_type IN ('daily', 'weekly', 'monthly')),
  snapshot_date            date NOT NULL,
  total_study_minutes      integer NOT NULL DEFAULT 0 CHECK (total_study_minutes >= 0),
  total_sessions           integer NOT NULL DEFAULT 0 CHECK (total_sessions >= 0),
  avg_session_duration     numeric(10, 2) NOT NULL DEFAULT 0,
  total_points_earned      integer NOT NULL DEFAULT 0,
  tests_taken              integer NOT NULL DEFAULT 0,
  avg_test_score           numeric(5, 2),
  flashcards_reviewed      integer NOT NULL DEFAULT 0,
  flashcard_accuracy       numeric(5, 2),
  assignments_completed    integer NOT NULL DEFAULT 0,
  notes_created            integer NOT NULL DEFAULT 0,
  most_studied_class_id    uuid REFERENCES classes (id) DEFERRABLE INITIALLY IMMEDIATE,
  most_studied_class_minutes integer NOT NULL DEFAULT 0,
  streak_days              integer NOT NULL DEFAULT 0,
  days_studied             integer NOT NULL DEFAULT 0 CHECK (days_studied >= 0),
  productivity_score       numeric(5, 2) CHECK (productivity_score BETWEEN 0 AND 100),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT analytics_snapshots_unique UNIQUE (user_id, snapshot_type, snapshot_date)
);
CREATE INDEX idx_analytics_snapshots_user ON analytics_snapshots (user_id);
CREATE INDEX idx_analytics_snapshots_date ON analytics_snapshots (user_id, snapshot_type, snapshot_date DESC);
CREATE INDEX idx_analytics_snapshots_class ON analytics_snapshots (most_studied_class_id);

CREATE TRIGGER study_sessions_updated_at BEFORE UPDATE ON study_sessions FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER session_activities_updated_at BEFORE UPDATE ON session_activities FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER performance_metrics_updated_at BEFORE UPDATE ON performance_metrics FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER study_goals_updated_at BEFORE UPDATE ON study_goals FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER goal_progress_updated_at BEFORE UPDATE ON goal_progress FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER analytics_snapshots_updated_at BEFORE UPDATE ON analytics_snapshots FOR EACH ROW EXECUTE FUNCTION set_updated_at();
