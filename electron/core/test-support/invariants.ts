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
      SELECT reference_id AS ref, sum(delta)::integer AS awarded FROM point_awards GROUP BY reference_id
    )
    SELECT coalesce(e.ref, a.ref)::text AS ref, coalesce(a.awarded, 0) AS awarded, coalesce(e.expected, 0) AS expected
      FROM expected e FULL JOIN awarded a ON a.ref = e.ref
     WHERE coalesce(a.awarded, 0) <> coalesce(e.expected, 0)`);
  return rows;
}

/** Every synced row has an outbox entry carrying its latest state, and every entry names a row. */
export async function outboxMismatches(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ problem: string }>(`
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
      SELECT DISTINCT ON (entity, entity_id) entity, entity_id, payload FROM sync_outbox ORDER BY entity, entity_id, seq DESC
    )
    SELECT format('%s %s: %s', coalesce(s.entity, l.entity), coalesce(s.id, l.entity_id),
                  CASE WHEN l.entity IS NULL THEN 'row without outbox entry'
                       WHEN s.entity IS NULL THEN 'outbox entry without row'
                       ELSE 'outbox payload is not the row''s latest state' END) AS problem
      FROM synced s FULL JOIN latest l ON l.entity = s.entity AND l.entity_id = s.id
     WHERE l.entity IS NULL OR s.entity IS NULL
        OR (l.payload - 'updated_at' - 'last_heartbeat_at') <> (s.row - 'updated_at' - 'last_heartbeat_at')`);
  return rows.map((r) => r.problem);
}
