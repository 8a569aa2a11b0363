/**
 * The rules the database must keep whatever happened to it (crash, restore, import): `data.check`
 * reports them and the crash, restore and import tests assert them.
 */
import type { Queryable } from '../../../shared/db/db';

/**
 * The point ledger's promise: per session, activity and achievement the awards sum to what the
 * formula gives the current row (0 once deleted). Returns the references that break it.
 */
export async function ledgerMismatches(db: Queryable): Promise<Array<{ ref: string; awarded: number; expected: number }>> {
  const { rows } = await db.query<{ ref: string; awarded: number; expected: number }>(`
    WITH expected AS (
      SELECT id AS ref, CASE WHEN deleted_at IS NULL THEN points_earned ELSE 0 END AS expected FROM study_sessions
      UNION ALL
      SELECT id, CASE WHEN deleted_at IS NULL THEN points_earned ELSE 0 END FROM session_activities
      UNION ALL
      SELECT id, CASE WHEN deleted_at IS NULL THEN bonus_points ELSE 0 END FROM achievements
    ), awarded AS (
      SELECT reference_id AS ref, sum(delta)::integer AS awarded FROM point_awards
       WHERE reference_type <> 'adjustment' -- corrections the platform sends stand on their own
       GROUP BY reference_id
    )
    SELECT coalesce(e.ref, a.ref)::text AS ref, coalesce(a.awarded, 0) AS awarded, coalesce(e.expected, 0) AS expected
      FROM expected e FULL JOIN awarded a ON a.ref = e.ref
     WHERE coalesce(a.awarded, 0) <> coalesce(e.expected, 0)`);
  return rows;
}

/**
 * The outbox against the rows: an entry that names no row (other than a delete), or a row whose
 * latest entry is not its current state, means the platform would end up with the wrong data.
 * With `everyRowQueued` (a device that never synced nor trimmed its outbox, as in the tests) a
 * row with no entry at all is reported too; after sync that is normal (pulled or acknowledged).
 */
export async function outboxProblems(db: Queryable, options: { everyRowQueued: boolean }): Promise<string[]> {
  const { rows } = await db.query<{ problem: string }>(
    `
    WITH synced AS (
      SELECT 'classes' AS entity, id, to_jsonb(t) AS row FROM classes t
      UNION ALL SELECT 'assignments', id, to_jsonb(t) FROM assignments t
      UNION ALL SELECT 'study_sessions', id, to_jsonb(t) FROM study_sessions t
      UNION ALL SELECT 'session_activities', id, to_jsonb(t) FROM session_activities t
      UNION ALL SELECT 'study_goals', id, to_jsonb(t) FROM study_goals t
      UNION ALL SELECT 'goal_progress', id, to_jsonb(t) FROM goal_progress t
      UNION ALL SELECT 'point_awards', id, to_jsonb(t) FROM point_awards t
      UNION ALL SELECT 'achievements', id, to_jsonb(t) FROM achievements t
      UNION ALL SELECT 'settings', user_id, to_jsonb(t) FROM settings t
    ), latest AS (
      SELECT DISTINCT ON (entity, entity_id) entity, entity_id, op, payload FROM sync_outbox ORDER BY entity, entity_id, seq DESC
    )
    SELECT format('%s %s: %s', coalesce(s.entity, l.entity), coalesce(s.id, l.entity_id),
                  CASE WHEN l.entity IS NULL THEN 'row without outbox entry'
                       WHEN s.entity IS NULL THEN 'outbox entry without row'
                       ELSE 'outbox payload is not the row''s latest state' END) AS problem
      FROM synced s FULL JOIN latest l ON l.entity = s.entity AND l.entity_id = s.id
     WHERE (l.entity IS NULL AND $1)
        OR (s.entity IS NULL AND l.op <> 'delete')
        OR (s.entity IS NOT NULL AND l.entity IS NOT NULL
            AND (l.payload - 'updated_at' - 'last_heartbeat_at') <> (s.row - 'updated_at' - 'last_heartbeat_at'))
     ORDER BY 1`,
    [options.everyRowQueued],
  );
  return rows.map((r) => r.problem);
}

/**
 * Sessions left running: no session can last 24 hours, so an open one that started longer ago
 * has no live timer; and when the persisted timer names its session, no other may be open.
 */
export async function staleOpenSessions(db: Queryable, now: string): Promise<string[]> {
  const { rows } = await db.query<{ problem: string }>(
    `SELECT format('session %s started %s and never ended', s.id, s.start_time) AS problem
       FROM study_sessions s
       LEFT JOIN timer_state t ON t.user_id = s.user_id
      WHERE s.end_time IS NULL AND s.deleted_at IS NULL
        AND (s.start_time < $1::timestamptz - interval '24 hours'
             OR (t.state ? 'session_id' AND t.state ->> 'session_id' IS DISTINCT FROM s.id::text))
      ORDER BY s.start_time`,
    [now],
  );
  return rows.map((r) => r.problem);
}

/** Live activities whose session is gone, deleted or someone else's. */
export async function orphanActivities(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ problem: string }>(
    `SELECT format('activity %s: %s', a.id,
                   CASE WHEN s.id IS NULL THEN 'its session ' || a.session_id || ' does not exist'
                        WHEN s.user_id <> a.user_id THEN 'its session belongs to another profile'
                        ELSE 'its session ' || s.id || ' is deleted' END) AS problem
       FROM session_activities a
       LEFT JOIN study_sessions s ON s.id = a.session_id
      WHERE a.deleted_at IS NULL AND (s.id IS NULL OR s.user_id <> a.user_id OR s.deleted_at IS NOT NULL)
      ORDER BY a.id`,
  );
  return rows.map((r) => r.problem);
}
