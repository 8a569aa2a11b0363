import { Core } from './electron/core/core';
import { SESSION_COLUMNS, SESSION_FROM } from './shared/services/session-rows';
const core = await Core.open({ dataDir: '/tmp/ana/h', clock: () => new Date('2026-11-20T20:00:00Z'), maintenance: false });
const time = async (label: string, sql: string, params: unknown[] = []) => {
  for (let i = 0; i < 5; i++) await core.db.query(sql, params);
  const s: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await core.db.query(sql, params); s.push(performance.now() - t); }
  s.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'p50', s[15]!.toFixed(2), 'p95', s[28]!.toFixed(2));
};
const where = `s.user_id = $1
    AND ($3::boolean OR s.deleted_at IS NULL)
    AND ($4::uuid IS NULL OR s.class_id = $4)
    AND ($5::date IS NULL OR (s.start_time >= $6::timestamptz AND study_day(s.start_time, s.time_zone, $2) >= $5::date))
    AND ($7::date IS NULL OR (s.start_time < $8::timestamptz AND study_day(s.start_time, s.time_zone, $2) <= $7::date))`;
const params = [core.userId, 4, false, null, null, null, null, null];
await time('SELECT 1', 'SELECT 1');
await time('count(*) sessions', 'SELECT count(*) FROM study_sessions');
await time('list totals', `SELECT count(*)::integer AS total_count, coalesce(sum(s.duration_minutes) FILTER (WHERE s.deleted_at IS NULL), 0)::integer AS total_minutes, coalesce(round(avg(s.duration_minutes) FILTER (WHERE s.deleted_at IS NULL), 1), 0) AS avg_duration FROM study_sessions s WHERE ${where}`, params);
await time('list page', `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE ${where} ORDER BY s.start_time DESC, s.id DESC LIMIT $9 OFFSET $10`, [...params, 50, 0]);
await time('minutesByDay all', `SELECT study_day(start_time, time_zone, $2) AS day, sum(duration_minutes)::integer AS minutes FROM study_sessions WHERE user_id = $1 AND deleted_at IS NULL AND end_time IS NOT NULL AND ($3::timestamptz IS NULL OR start_time >= $3::timestamptz) GROUP BY 1`, [core.userId, 4, null]);
await time('minutesByDay 122d', `SELECT study_day(start_time, time_zone, $2) AS day, sum(duration_minutes)::integer AS minutes FROM study_sessions WHERE user_id = $1 AND deleted_at IS NULL AND end_time IS NOT NULL AND ($3::timestamptz IS NULL OR start_time >= $3::timestamptz) GROUP BY 1`, [core.userId, 4, '2026-07-20T00:00:00Z']);
await time('awards sum', `SELECT coalesce(sum(delta), 0)::integer AS total, coalesce(sum(delta) FILTER (WHERE created_at >= $2 AND created_at < $3), 0)::integer AS today FROM point_awards WHERE user_id = $1`, [core.userId, '2026-11-20T03:00:00Z', '2026-11-21T03:00:00Z']);
await time('tz sum of 6089 (AT TIME ZONE)', `SELECT count(DISTINCT (start_time AT TIME ZONE time_zone)::date) FROM study_sessions`);
await time('sum plain', `SELECT sum(duration_minutes) FROM study_sessions`);
await core.close();
