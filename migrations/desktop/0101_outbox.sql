-- Desktop only: the transactional outbox. Triggers on every synced table append the change in the
-- same transaction, so no code path can write a row the platform will never hear about. Rows
-- applied from a pull run with app.applying_remote = 'on' and are not echoed back.

CREATE TABLE sync_outbox (
  seq         bigserial PRIMARY KEY,
  mutation_id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  txid        bigint NOT NULL DEFAULT txid_current(),
  entity      varchar(40) NOT NULL,
  entity_id   uuid NOT NULL,
  op          varchar(10) NOT NULL CHECK (op IN ('upsert', 'delete')),
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  attempts    integer NOT NULL DEFAULT 0,
  last_error  text
);
CREATE INDEX idx_sync_outbox_entity ON sync_outbox (entity, entity_id);

CREATE TABLE sync_state (
  id             smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  client_id      uuid NOT NULL DEFAULT gen_random_uuid(),
  acked_seq      bigint NOT NULL DEFAULT 0,
  pull_cursor    bigint NOT NULL DEFAULT 0,
  server_url     text,
  last_synced_at timestamptz,
  last_error     text,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sync_state (id) VALUES (1);

-- TG_ARGV[0] names the key column. A change to nothing but the heartbeat (every 30 s while a
-- session runs) or updated_at is not worth a mutation.
CREATE FUNCTION sync_outbox_capture() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb;
  op       text;
BEGIN
  IF applying_remote() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    row_json := to_jsonb(OLD);
    op := 'delete';
  ELSE
    row_json := to_jsonb(NEW);
    IF TG_OP = 'UPDATE' AND row_json - 'updated_at' - 'last_heartbeat_at'
                          = to_jsonb(OLD) - 'updated_at' - 'last_heartbeat_at' THEN
      RETURN NULL;
    END IF;
    op := CASE WHEN row_json ->> 'deleted_at' IS NOT NULL THEN 'delete' ELSE 'upsert' END;
  END IF;
  INSERT INTO sync_outbox (entity, entity_id, op, payload)
  VALUES (TG_TABLE_NAME, (row_json ->> TG_ARGV[0])::uuid, op, row_json);
  RETURN NULL;
END
$$;

CREATE TRIGGER classes_outbox AFTER INSERT OR UPDATE OR DELETE ON classes
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER assignments_outbox AFTER INSERT OR UPDATE OR DELETE ON assignments
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER study_sessions_outbox AFTER INSERT OR UPDATE OR DELETE ON study_sessions
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER session_activities_outbox AFTER INSERT OR UPDATE OR DELETE ON session_activities
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER study_goals_outbox AFTER INSERT OR UPDATE OR DELETE ON study_goals
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER goal_progress_outbox AFTER INSERT OR UPDATE OR DELETE ON goal_progress
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER point_awards_outbox AFTER INSERT ON point_awards
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER achievements_outbox AFTER INSERT OR UPDATE OR DELETE ON achievements
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('id');
CREATE TRIGGER settings_outbox AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH ROW EXECUTE FUNCTION sync_outbox_capture('user_id');

-- The focus timer survives window close, app restart and reboot: the core persists it here.
CREATE TABLE timer_state (
  user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  state      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Backups are not recorded here: they live as files in the user-data folder's backups/, each
-- with a JSON manifest beside it (electron/core/data/backup/manifest.ts), so that the list
-- survives restoring the very database it would be stored in.
