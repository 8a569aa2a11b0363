import type { Tx } from '../../shared/db/db';

const WORTH_SQL = `
  WITH refs AS (
    SELECT DISTINCT t AS reference_type, i AS reference_id FROM unnest($2::text[], $3::uuid[]) AS u(t, i)
     WHERE t IN ('session', 'activity', 'achievement')
  ), worth AS (
    SELECT r.reference_type, r.reference_id,
           coalesce(CASE r.reference_type
             WHEN 'session' THEN (SELECT points_earned FROM study_sessions
                                   WHERE id = r.reference_id AND user_id = $1 AND deleted_at IS NULL)
             WHEN 'activity' THEN (SELECT points_earned FROM session_activities
                                   WHERE id = r.reference_id AND user_id = $1 AND deleted_at IS NULL)
             WHEN 'achievement' THEN (SELECT bonus_points FROM achievements
                                   WHERE id = r.reference_id AND user_id = $1 AND deleted_at IS NULL)
           END, 0) AS formula,
           (SELECT coalesce(sum(delta), 0) FROM point_awards
             WHERE user_id = $1 AND reference_type = r.reference_type AND reference_id = r.reference_id) AS ledger
      FROM refs r
  )
  INSERT INTO point_awards (user_id, reference_type, reference_id, delta, reason, created_at)
  SELECT $1, reference_type, reference_id, formula - ledger, 'platform_correction', app_now()
    FROM worth WHERE formula <> ledger`;

/**
 * The platform is authoritative for points (DESIGN §8): after a batch, every reference it touched
 * is worth exactly the shared formula over the platform's row. Two devices that edited the same
 * session offline each booked a delta against their own view; the correction books the difference
 * as a new award, which reaches every device on its next pull.
 */
export async function reconcileAwards(tx: Tx, userId: string, refs: { type: string; id: string }[]): Promise<number> {
  if (refs.length === 0) return 0;
  const { affectedRows } = await tx.query(WORTH_SQL, [userId, refs.map((r) => r.type), refs.map((r) => r.id)]);
  return affectedRows;
}
