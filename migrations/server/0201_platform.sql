-- Platform only: accounts, refresh tokens, sync clients and the per-account change log that pull
-- reads. The shared tables are identical to the desktop's; everything here sits beside them.

CREATE TABLE credentials (
  user_id       uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  email         varchar(320) NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX idx_credentials_email ON credentials (lower(email));

-- Rotating refresh tokens: only a hash is stored; using one revokes it and names its successor.
-- Reusing a revoked token revokes the whole family (a stolen token is worth one use at most).
CREATE TABLE refresh_tokens (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id   uuid NOT NULL,
  token_hash  bytea NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);

-- One row per installed desktop: the highest outbox seq applied. Locked for the whole push batch.
CREATE TABLE sync_client (
  client_id  uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  last_seq   bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_sync_client_user ON sync_client (user_id);

-- Pull reads this: the latest change of each row, numbered by a per-account counter. The counter
-- row is locked until the writing transaction commits, so change numbers become visible in order
-- and a cursor never skips a change that commits late.
CREATE TABLE account_change_counter (
  user_id  uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  last_seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE account_changes (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  entity     varchar(40) NOT NULL,
  entity_id  uuid NOT NULL,
  change_seq bigint NOT NULL,
  PRIMARY KEY (user_id, entity, entity_id)
);
CREATE UNIQUE INDEX idx_account_changes_seq ON account_changes (user_id, change_seq);

-- Awards pushed by a device carry their UUID; the primary key makes each apply exactly once. A
-- per-user index answers the points total and the recent transactions.
CREATE INDEX idx_point_awards_user_reference ON point_awards (user_id, reference_type, reference_id);

CREATE FUNCTION note_account_change(p_user uuid, p_entity text, p_id uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  next_seq bigint;
BEGIN
  INSERT INTO account_change_counter AS c (user_id, last_seq) VALUES (p_user, 1)
  ON CONFLICT (user_id) DO UPDATE SET last_seq = c.last_seq + 1
  RETURNING last_seq INTO next_seq;
  INSERT INTO account_changes AS a (user_id, entity, entity_id, change_seq)
  VALUES (p_user, p_entity, p_id, next_seq)
  ON CONFLICT (user_id, entity, entity_id) DO UPDATE SET change_seq = excluded.change_seq;
END
$$;

-- TG_ARGV[0] names the key column (settings are keyed by user_id).
CREATE FUNCTION account_change_capture() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
  IF TG_OP = 'UPDATE' AND to_jsonb(NEW) - 'updated_at' - 'last_heartbeat_at'
                        = to_jsonb(OLD) - 'updated_at' - 'last_heartbeat_at' THEN
    RETURN NULL;
  END IF;
  PERFORM note_account_change((row_json ->> 'user_id')::uuid, TG_TABLE_NAME, (row_json ->> TG_ARGV[0])::uuid);
  RETURN NULL;
END
$$;

CREATE TRIGGER classes_changes AFTER INSERT OR UPDATE OR DELETE ON classes
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER assignments_changes AFTER INSERT OR UPDATE OR DELETE ON assignments
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER study_sessions_changes AFTER INSERT OR UPDATE OR DELETE ON study_sessions
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER session_activities_changes AFTER INSERT OR UPDATE OR DELETE ON session_activities
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER study_goals_changes AFTER INSERT OR UPDATE OR DELETE ON study_goals
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER goal_progress_changes AFTER INSERT OR UPDATE OR DELETE ON goal_progress
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER point_awards_changes AFTER INSERT ON point_awards
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER achievements_changes AFTER INSERT OR UPDATE OR DELETE ON achievements
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('id');
CREATE TRIGGER settings_changes AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH ROW EXECUTE FUNCTION account_change_capture('user_id');

-- Deletes win over concurrent edits; the device that deleted a row may still restore it.
CREATE TABLE sync_tombstone (
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  entity    varchar(40) NOT NULL,
  entity_id uuid NOT NULL,
  client_id uuid,
  PRIMARY KEY (user_id, entity, entity_id)
);

-- A pushed row may only point at rows of its own account (the foreign keys alone would accept a
-- class id of another user).
CREATE FUNCTION check_same_owner() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb := to_jsonb(NEW);
  ref_id   uuid;
  ok       boolean;
BEGIN
  ref_id := (row_json ->> TG_ARGV[0])::uuid;
  IF ref_id IS NULL THEN
    RETURN NEW;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1 AND user_id = $2)', TG_ARGV[1])
    INTO ok USING ref_id, NEW.user_id;
  IF NOT ok THEN
    RAISE EXCEPTION '% % of % is not this account''s', TG_ARGV[0], ref_id, TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER assignments_same_owner BEFORE INSERT OR UPDATE ON assignments
  FOR EACH ROW EXECUTE FUNCTION check_same_owner('class_id', 'classes');
CREATE TRIGGER study_sessions_same_owner BEFORE INSERT OR UPDATE ON study_sessions
  FOR EACH ROW EXECUTE FUNCTION check_same_owner('class_id', 'classes');
CREATE TRIGGER session_activities_same_owner BEFORE INSERT OR UPDATE ON session_activities
  FOR EACH ROW EXECUTE FUNCTION check_same_owner('session_id', 'study_sessions');
CREATE TRIGGER study_goals_same_owner BEFORE INSERT OR UPDATE ON study_goals
  FOR EACH ROW EXECUTE FUNCTION check_same_owner('class_id', 'classes');
CREATE TRIGGER goal_progress_same_owner BEFORE INSERT OR UPDATE ON goal_progress
  FOR EACH ROW EXECUTE FUNCTION check_same_owner('goal_id', 'study_goals');
