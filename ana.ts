import { Core } from './electron/core/core';
import { SESSION_COLUMNS, SESSION_FROM } from './shared/services/session-rows';
const core = await Core.open({ dataDir: '/tmp/ana/h', clock: () => new Date('2026-11-20T20:00:00Z'), maintenance: false });
const ex = async (label: string, sql: string, params: unknown[]) => {
  for (let i = 0; i < 3; i++) await core.db.query(sql, params);
  const r = await core.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS off) ${sql}`, params);
  console.log('==== ' + label); console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
};
const where = `s.user_id = $1
    AND ($3::boolean OR s.deleted_at IS NULL)
    AND ($4::uuid IS NULL OR s.class_id = $4)
    AND ($5::date IS NULL OR (s.start_time >= $6::timestamptz AND study_day(s.start_time, s.time_zone, $2) >= $5::date))
    AND ($7::date IS NULL OR (s.start_time < $8::timestamptz AND study_day(s.start_time, s.time_zone, $2) <= $7::date))`;
const params = [core.userId, 4, false, null, null, null, null, null];
await ex('list totals', `SELECT count(*)::integer AS total_count, coalesce(sum(s.duration_minutes) FILTER (WHERE s.deleted_at IS NULL), 0)::integer AS total_minutes FROM study_sessions s WHERE ${where}`, params);
await ex('list page', `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE ${where} ORDER BY s.start_time DESC, s.id DESC LIMIT $9 OFFSET $10`, [...params, 50, 0]);
await core.close();
