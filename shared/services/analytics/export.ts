import { stringify } from 'csv-stringify/sync';
import type { ParsedInput } from '../../contract';
import { localIsoWithOffset, utcOffset } from '../../domain/local-time';
import type { Ctx } from '../context';
import { buildReport } from './reports';

interface SessionRow {
  session_id: string;
  study_date: string;
  class_name: string | null;
  start_time: string;
  end_time: string;
  time_zone: string;
  active_minutes: number;
  paused_seconds: number;
  session_type: string;
  focus_mode: string | null;
  location: string | null;
  mood_rating: number | null;
  productivity_rating: number | null;
  notes: string | null;
  points_earned: number;
  activities_count: number;
  source: string;
}

interface ActivityRow {
  activity_id: string;
  session_id: string;
  study_date: string;
  class_name: string | null;
  activity_type: string;
  content_type: string | null;
  content_id: string | null;
  start_time: string;
  end_time: string | null;
  time_zone: string;
  duration_minutes: number | null;
  items_completed: number | null;
  items_correct: number | null;
  accuracy_percentage: number | null;
  points_earned: number;
}

/** The session export's columns, in order: also the format `data.import` reads back. */
export const SESSION_CSV_COLUMNS = [
  'session_id', 'study_date', 'class_name', 'start_local', 'end_local', 'start_utc', 'end_utc', 'utc_offset',
  'time_zone', 'active_minutes', 'paused_minutes', 'session_type', 'focus_mode', 'location', 'mood_rating',
  'productivity_rating', 'notes', 'points_earned', 'activities_count', 'source',
] as const;

export const ACTIVITY_CSV_COLUMNS = [
  'activity_id', 'session_id', 'study_date', 'class_name', 'activity_type', 'content_type', 'content_id',
  'start_local', 'end_local', 'start_utc', 'end_utc', 'utc_offset', 'time_zone', 'duration_minutes',
  'items_completed', 'items_correct', 'accuracy_percentage', 'points_earned',
] as const;

async function sessionRows(ctx: Ctx, start: string, end: string) {
  const { rows } = await ctx.tx.query<SessionRow>(
    `SELECT s.id AS session_id, study_day(s.start_time, s.time_zone, $2) AS study_date, c.name AS class_name,
            s.start_time, s.end_time, s.time_zone, s.duration_minutes AS active_minutes, s.paused_seconds,
            s.session_type, s.focus_mode, s.location, s.mood_rating, s.productivity_rating, s.notes, s.points_earned,
            (SELECT count(*) FROM session_activities a WHERE a.session_id = s.id AND a.deleted_at IS NULL)::integer AS activities_count,
            s.source
       FROM study_sessions s LEFT JOIN classes c ON c.id = s.class_id
      WHERE s.user_id = $1 AND s.deleted_at IS NULL AND s.end_time IS NOT NULL
        AND s.start_time >= ($3::date - 2)::timestamptz AND s.start_time < ($4::date + 3)::timestamptz
        AND study_day(s.start_time, s.time_zone, $2) BETWEEN $3 AND $4
      ORDER BY s.start_time, s.id`,
    [ctx.userId, ctx.settings.day_rollover_hour, start, end],
  );
  return rows.map((r) => ({
    session_id: r.session_id,
    study_date: r.study_date,
    class_name: r.class_name,
    start_local: localIsoWithOffset(r.start_time, r.time_zone),
    end_local: localIsoWithOffset(r.end_time, r.time_zone),
    start_utc: r.start_time,
    end_utc: r.end_time,
    utc_offset: utcOffset(r.start_time, r.time_zone),
    time_zone: r.time_zone,
    active_minutes: r.active_minutes,
    paused_minutes: Math.round((r.paused_seconds / 60) * 100) / 100,
    session_type: r.session_type,
    focus_mode: r.focus_mode,
    location: r.location,
    mood_rating: r.mood_rating,
    productivity_rating: r.productivity_rating,
    notes: r.notes,
    points_earned: r.points_earned,
    activities_count: r.activities_count,
    source: r.source,
  }));
}

async function activityRows(ctx: Ctx, start: string, end: string) {
  const { rows } = await ctx.tx.query<ActivityRow>(
    `SELECT a.id AS activity_id, a.session_id, study_day(a.start_time, s.time_zone, $2) AS study_date, c.name AS class_name,
            a.activity_type, a.content_type, a.content_id, a.start_time, a.end_time, s.time_zone, a.duration_minutes,
            a.items_completed, a.items_correct, a.accuracy_percentage, a.points_earned
       FROM session_activities a
       JOIN study_sessions s ON s.id = a.session_id
       LEFT JOIN classes c ON c.id = s.class_id
      WHERE a.user_id = $1 AND a.deleted_at IS NULL
        AND a.start_time >= ($3::date - 2)::timestamptz AND a.start_time < ($4::date + 3)::timestamptz
        AND study_day(a.start_time, s.time_zone, $2) BETWEEN $3 AND $4
      ORDER BY a.start_time, a.id`,
    [ctx.userId, ctx.settings.day_rollover_hour, start, end],
  );
  return rows.map((r) => ({
    activity_id: r.activity_id,
    session_id: r.session_id,
    study_date: r.study_date,
    class_name: r.class_name,
    activity_type: r.activity_type,
    content_type: r.content_type,
    content_id: r.content_id,
    start_local: localIsoWithOffset(r.start_time, r.time_zone),
    end_local: r.end_time ? localIsoWithOffset(r.end_time, r.time_zone) : null,
    start_utc: r.start_time,
    end_utc: r.end_time,
    utc_offset: utcOffset(r.start_time, r.time_zone),
    time_zone: r.time_zone,
    duration_minutes: r.duration_minutes,
    items_completed: r.items_completed,
    items_correct: r.items_correct,
    accuracy_percentage: r.accuracy_percentage,
    points_earned: r.points_earned,
  }));
}

/** RFC 4180: CRLF records, a header row, fields with commas, quotes or newlines quoted. */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
}

/** Analysis-ready files of sessions, activities or a report over a study-day range. */
export async function exportData(ctx: Ctx, input: ParsedInput<'reports.export'>) {
  const base = `study-desk-${input.kind}-${input.start_date}-to-${input.end_date}`;
  if (input.kind === 'report') {
    const report = await buildReport(ctx, 'range', input.start_date, input.end_date);
    return { file_name: `${base}.json`, mime_type: 'application/json', row_count: report.daily_breakdown.length, content: JSON.stringify(report, null, 2) };
  }
  const rows = input.kind === 'sessions'
    ? await sessionRows(ctx, input.start_date, input.end_date)
    : await activityRows(ctx, input.start_date, input.end_date);
  const columns = input.kind === 'sessions' ? SESSION_CSV_COLUMNS : ACTIVITY_CSV_COLUMNS;
  if (input.format === 'csv') {
    return { file_name: `${base}.csv`, mime_type: 'text/csv', row_count: rows.length, content: toCsv(rows, columns) };
  }
  const doc = { format: 'study-desk-export', version: 1, kind: input.kind, start_date: input.start_date, end_date: input.end_date, columns, rows };
  return { file_name: `${base}.json`, mime_type: 'application/json', row_count: rows.length, content: JSON.stringify(doc) };
}
