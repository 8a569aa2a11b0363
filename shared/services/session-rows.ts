import type { Activity, Session } from '../contract';
import type { Queryable } from '../db/db';

/** The select list behind every Session the core returns. $2 is the day rollover hour. */
export const SESSION_COLUMNS = `
  s.id, s.class_id, c.name AS class_name, s.start_time, s.end_time, s.duration_minutes, s.session_type,
  s.focus_mode, s.location, s.notes, s.mood_rating, s.productivity_rating, s.time_zone, s.paused_seconds,
  s.source, s.last_heartbeat_at, s.points_earned, study_day(s.start_time, s.time_zone, $2) AS study_date,
  coalesce(act.activities_count, 0)::integer AS activities_count,
  coalesce(act.activity_points, 0)::integer AS activity_points,
  s.deleted_at`;

export const SESSION_FROM = `
  study_sessions s
  LEFT JOIN classes c ON c.id = s.class_id
  LEFT JOIN LATERAL (
    SELECT count(*) AS activities_count, sum(a.points_earned) AS activity_points
      FROM session_activities a
     WHERE a.session_id = s.id AND a.deleted_at IS NULL
  ) act ON true`;

export const ACTIVITY_COLUMNS = `
  a.id, a.session_id, a.activity_type, a.content_type, a.content_id, a.start_time, a.end_time,
  a.duration_minutes, a.items_completed, a.items_correct, a.accuracy_percentage, a.points_earned, a.metadata`;

export async function loadSession(
  q: Queryable,
  userId: string,
  rollover: number,
  sessionId: string,
): Promise<Session | undefined> {
  const { rows } = await q.query<Session>(
    `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.user_id = $1 AND s.id = $3`,
    [userId, rollover, sessionId],
  );
  return rows[0];
}

export async function loadActivities(q: Queryable, userId: string, sessionId: string): Promise<Activity[]> {
  const { rows } = await q.query<Activity>(
    `SELECT ${ACTIVITY_COLUMNS} FROM session_activities a
      WHERE a.user_id = $1 AND a.session_id = $2 AND a.deleted_at IS NULL
      ORDER BY a.start_time, a.id`,
    [userId, sessionId],
  );
  return rows;
}
