import type { Activity, ParsedInput, Session } from '../contract';
import { AppError, conflict, invalid, notFound } from '../contract/errors';
import { studyDay } from '../domain/study-day';
import { FUTURE_TOLERANCE_MS, MAX_SESSION_MS, type Ctx, newId, toUtc } from './context';
import { assertClass } from './lookups';
import { afterStudyChange, EVERY_GOAL, goalsFedBy, SESSION_GOALS } from './progress';
import { ACTIVITY_COLUMNS, loadActivities, loadSession, SESSION_COLUMNS, SESSION_FROM } from './session-rows';

interface SessionRow {
  id: string;
  class_id: string | null;
  start_time: string;
  end_time: string | null;
  paused_seconds: number;
  time_zone: string;
  deleted_at: string | null;
  session_type: string;
  focus_mode: string | null;
  location: string | null;
  notes: string | null;
  mood_rating: number | null;
  productivity_rating: number | null;
}

async function lockSession(ctx: Ctx, sessionId: string): Promise<SessionRow> {
  const { rows } = await ctx.tx.query<SessionRow>(
    `SELECT id, class_id, start_time, end_time, paused_seconds, time_zone, deleted_at, session_type, focus_mode,
            location, notes, mood_rating, productivity_rating
       FROM study_sessions WHERE user_id = $1 AND id = $2 FOR UPDATE`,
    [ctx.userId, sessionId],
    { prepare: true },
  );
  const row = rows[0];
  if (!row) throw notFound('session', sessionId);
  return row;
}

async function liveSession(ctx: Ctx, sessionId: string): Promise<SessionRow> {
  const row = await lockSession(ctx, sessionId);
  if (row.deleted_at) throw notFound('session', sessionId);
  return row;
}

async function reload(ctx: Ctx, sessionId: string): Promise<Session> {
  const session = await loadSession(ctx.tx, ctx.userId, ctx.settings.day_rollover_hour, sessionId);
  if (!session) throw notFound('session', sessionId);
  return session;
}

function assertNotFuture(ctx: Ctx, field: string, instant: string): void {
  if (Date.parse(instant) > Date.parse(ctx.now) + FUTURE_TOLERANCE_MS) {
    throw invalid(field, `${field} ${instant} is in the future`);
  }
}

/** Checks a session's times; `paused` must fit inside it (up to now while it runs). */
function assertTimes(ctx: Ctx, start: string, end: string | null, paused: number): void {
  assertNotFuture(ctx, 'start_time', start);
  if (end === null) {
    if (paused * 1000 > Math.max(0, Date.parse(ctx.now) - Date.parse(start))) {
      throw invalid('paused_seconds', 'paused_seconds exceeds the time the session has run');
    }
    return;
  }
  assertNotFuture(ctx, 'end_time', end);
  const wall = Date.parse(end) - Date.parse(start);
  if (wall <= 0) throw invalid('end_time', 'end_time must be after start_time');
  if (wall > MAX_SESSION_MS) throw invalid('end_time', 'a session cannot last longer than 24 hours');
  if (paused * 1000 > wall) throw invalid('paused_seconds', 'paused_seconds exceeds the session length');
}

/** Two sessions never overlap: the same minutes would count twice. */
async function assertNoOverlap(ctx: Ctx, start: string, end: string | null, exceptId: string | null): Promise<void> {
  const { rows } = await ctx.tx.query<{ id: string }>(
    `SELECT id FROM study_sessions
      WHERE user_id = $1 AND deleted_at IS NULL AND id IS DISTINCT FROM $4::uuid
        AND start_time > $2::timestamptz - interval '24 hours'
        AND start_time < coalesce($3::timestamptz, 'infinity')
        AND coalesce(end_time, 'infinity') > $2::timestamptz
      LIMIT 1`,
    [ctx.userId, start, end, exceptId],
    { prepare: true },
  );
  if (rows[0]) throw conflict(`the session overlaps session ${rows[0].id}`);
}

async function activeSessionId(ctx: Ctx): Promise<string | undefined> {
  const { rows } = await ctx.tx.query<{ id: string }>(
    'SELECT id FROM study_sessions WHERE user_id = $1 AND end_time IS NULL AND deleted_at IS NULL',
    [ctx.userId],
    { prepare: true },
  );
  return rows[0]?.id;
}

const dayOf = (ctx: Ctx, instant: string, zone: string) => studyDay(instant, zone, ctx.settings.day_rollover_hour);

export async function startSession(ctx: Ctx, input: ParsedInput<'sessions.start'>) {
  const start = input.start_time ? toUtc(input.start_time) : ctx.now;
  assertNotFuture(ctx, 'start_time', start);
  await assertClass(ctx, input.class_id);
  const active = await activeSessionId(ctx);
  if (active) throw conflict(`session ${active} is still active: end it before starting another`);
  await assertNoOverlap(ctx, start, null, null);
  const id = newId();
  await ctx.tx.query(
    `INSERT INTO study_sessions (id, user_id, class_id, start_time, session_type, focus_mode, location, time_zone,
                                 source, last_heartbeat_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'timer', $4)`,
    [id, ctx.userId, input.class_id ?? null, start, input.session_type, input.focus_mode ?? null,
     input.location ?? null, ctx.settings.time_zone],
    { prepare: true },
  );
  ctx.changes.touch('sessions', id);
  return { session_id: id, start_time: start, message: 'Study session started' };
}

export async function endSession(ctx: Ctx, input: ParsedInput<'sessions.end'>) {
  const end = input.end_time ? toUtc(input.end_time) : ctx.now;
  // The common case in one statement: a live, running session whose times pass assertTimes (the
  // same rules, in SQL). When nothing matched, the slow path finds which rule failed and says so.
  const { rows } = await ctx.tx.query<{
    id: string; class_id: string | null; start_time: string; time_zone: string; duration_minutes: number; points_earned: number;
  }>(
    `UPDATE study_sessions
        SET end_time = $3, paused_seconds = coalesce($4, paused_seconds),
            mood_rating = coalesce($5, mood_rating), productivity_rating = coalesce($6, productivity_rating),
            notes = coalesce($7, notes), last_heartbeat_at = $3
      WHERE user_id = $1 AND id = $2 AND deleted_at IS NULL AND end_time IS NULL
        AND start_time <= $8::timestamptz AND $3::timestamptz <= $8::timestamptz
        AND $3::timestamptz > start_time AND $3::timestamptz - start_time <= $9::interval
        AND coalesce($4, paused_seconds) * interval '1 second' <= $3::timestamptz - start_time
      RETURNING id, class_id, start_time, time_zone, duration_minutes, points_earned`,
    [ctx.userId, input.session_id, end, input.paused_seconds ?? null, input.mood_rating ?? null,
     input.productivity_rating ?? null, input.notes ?? null,
     new Date(Date.parse(ctx.now) + FUTURE_TOLERANCE_MS).toISOString(), `${MAX_SESSION_MS / 1000} seconds`],
    { prepare: true },
  );
  const ended = rows[0];
  if (!ended) {
    const row = await liveSession(ctx, input.session_id);
    if (row.end_time) throw conflict(`session ${row.id} already ended at ${row.end_time}`);
    assertTimes(ctx, row.start_time, end, input.paused_seconds ?? row.paused_seconds);
    throw conflict(`session ${row.id} cannot end at ${end}`);
  }
  const { duration_minutes, points_earned } = ended;
  ctx.changes.touch('sessions', ended.id);
  ctx.changes.touch('points');
  await afterStudyChange(ctx, [dayOf(ctx, ended.start_time, ended.time_zone)], SESSION_GOALS, { classes: [ended.class_id], additive: true });
  return {
    session_id: ended.id,
    duration_minutes,
    points_earned,
    message: `Session ended: ${duration_minutes} minutes, ${points_earned} points`,
    milestones: ctx.changes.milestones,
    achievements: ctx.changes.achievements,
  };
}

export async function logActivity(ctx: Ctx, input: ParsedInput<'sessions.logActivity'>) {
  const session = await liveSession(ctx, input.session_id);
  let start = input.start_time ? toUtc(input.start_time) : null;
  let end = input.end_time ? toUtc(input.end_time) : null;
  if (!start && input.duration_minutes !== undefined) {
    end ??= session.end_time ?? ctx.now;
    start = new Date(Date.parse(end) - input.duration_minutes * 60_000).toISOString();
  } else if (start && !end && input.duration_minutes !== undefined) {
    end = new Date(Date.parse(start) + input.duration_minutes * 60_000).toISOString();
  }
  start ??= session.end_time ?? ctx.now;
  assertNotFuture(ctx, 'start_time', start);
  if (end) assertNotFuture(ctx, 'end_time', end);
  if (end && Date.parse(end) < Date.parse(start)) throw invalid('end_time', 'end_time is before start_time');
  if (Date.parse(start) < Date.parse(session.start_time) - 60_000) {
    throw invalid('start_time', 'the activity starts before its session');
  }
  const id = newId();
  const { rows } = await ctx.tx.query<{ duration_minutes: number | null; accuracy_percentage: number | null; points_earned: number }>(
    `INSERT INTO session_activities (id, user_id, session_id, activity_type, content_type, content_id, start_time,
                                     end_time, duration_minutes, items_completed, items_correct, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     RETURNING duration_minutes, accuracy_percentage, points_earned`,
    [id, ctx.userId, session.id, input.activity_type, input.content_type ?? null, input.content_id ?? null, start, end,
     input.duration_minutes ?? null, input.items_completed ?? null, input.items_correct ?? null,
     JSON.stringify(input.metadata ?? {})],
    { prepare: true },
  );
  const created = rows[0]!;
  ctx.changes.touch('activities', id, session.id);
  ctx.changes.touch('sessions');
  ctx.changes.touch('points');
  await afterStudyChange(ctx, [dayOf(ctx, start, session.time_zone)], goalsFedBy(input.activity_type), { classes: [session.class_id] });
  return {
    activity_id: id,
    session_id: session.id,
    ...created,
    message: created.accuracy_percentage === null
      ? `Activity logged: ${created.points_earned} points`
      : `Activity logged: ${created.accuracy_percentage}% accuracy, ${created.points_earned} points`,
    milestones: ctx.changes.milestones,
    achievements: ctx.changes.achievements,
  };
}

function dayBounds(day: string, slackDays: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + slackDays * 86_400_000).toISOString();
}

export async function listSessions(ctx: Ctx, input: ParsedInput<'sessions.list'>) {
  // The study-day filter is exact; the start_time range around it (±2 days covers every zone and
  // rollover) lets the (user_id, start_time) index do the work.
  const where = `s.user_id = $1
    AND ($3::boolean OR s.deleted_at IS NULL)
    AND ($4::uuid IS NULL OR s.class_id = $4)
    AND ($5::date IS NULL OR (s.start_time >= $6::timestamptz AND study_day(s.start_time, s.time_zone, $2) >= $5::date))
    AND ($7::date IS NULL OR (s.start_time < $8::timestamptz AND study_day(s.start_time, s.time_zone, $2) <= $7::date))`;
  const params = [
    ctx.userId,
    ctx.settings.day_rollover_hour,
    input.include_deleted,
    input.class_id ?? null,
    input.start_date ?? null,
    input.start_date ? dayBounds(input.start_date, -2) : null,
    input.end_date ?? null,
    input.end_date ? dayBounds(input.end_date, 3) : null,
  ];
  const [totals, page] = await Promise.all([
    ctx.tx.query<{ total_count: number; total_minutes: number; total_points: number; avg_duration: number }>(
      `SELECT count(*)::integer AS total_count,
              coalesce(sum(s.duration_minutes) FILTER (WHERE s.deleted_at IS NULL), 0)::integer AS total_minutes,
              coalesce(sum(s.points_earned) FILTER (WHERE s.deleted_at IS NULL), 0)::integer AS total_points,
              coalesce(round(avg(s.duration_minutes) FILTER (WHERE s.deleted_at IS NULL), 1), 0) AS avg_duration
         FROM study_sessions s WHERE ${where}`,
      params,
    ),
    ctx.tx.query<Session>(
      `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE ${where}
        ORDER BY s.start_time DESC, s.id DESC LIMIT $9 OFFSET $10`,
      [...params, input.limit, input.offset],
    ),
  ]);
  return { sessions: page.rows, ...totals.rows[0]! };
}

export async function getSession(ctx: Ctx, input: ParsedInput<'sessions.get'>) {
  const session = await loadSession(ctx.tx, ctx.userId, ctx.settings.day_rollover_hour, input.session_id);
  if (!session) throw notFound('session', input.session_id);
  return { ...session, activities: await loadActivities(ctx.tx, ctx.userId, session.id) };
}

export async function activeSession(ctx: Ctx) {
  const id = await activeSessionId(ctx);
  return { session: id ? await reload(ctx, id) : null };
}

export async function updateSession(ctx: Ctx, input: ParsedInput<'sessions.update'>) {
  const row = await liveSession(ctx, input.session_id);
  const pick = <K extends keyof typeof input & keyof SessionRow>(key: K) =>
    (input[key] === undefined ? row[key] : input[key]) as SessionRow[K];
  const start = input.start_time ? toUtc(input.start_time) : row.start_time;
  const end = input.end_time ? toUtc(input.end_time) : row.end_time;
  if (!row.end_time && input.end_time) {
    throw new AppError('CONFLICT', 'the session is still active: end it with sessions.end');
  }
  const paused = input.paused_seconds ?? row.paused_seconds;
  assertTimes(ctx, start, end, paused);
  const classId = pick('class_id');
  if (input.class_id) await assertClass(ctx, classId);
  if (start !== row.start_time || end !== row.end_time) await assertNoOverlap(ctx, start, end, row.id);
  await ctx.tx.query(
    `UPDATE study_sessions
        SET class_id = $3, start_time = $4, end_time = $5, paused_seconds = $6, session_type = $7, focus_mode = $8,
            location = $9, notes = $10, mood_rating = $11, productivity_rating = $12,
            source = CASE WHEN source = 'timer' AND ($4 <> start_time OR $5 IS DISTINCT FROM end_time)
                          THEN 'manual' ELSE source END
      WHERE user_id = $1 AND id = $2`,
    [ctx.userId, row.id, classId, start, end, paused, input.session_type ?? row.session_type, pick('focus_mode'),
     pick('location'), pick('notes'), pick('mood_rating'), pick('productivity_rating')],
  );
  ctx.changes.touch('sessions', row.id);
  ctx.changes.touch('points');
  await afterStudyChange(ctx, [dayOf(ctx, row.start_time, row.time_zone), dayOf(ctx, start, row.time_zone)], SESSION_GOALS);
  return changeResult(ctx, row.id, 'Session updated');
}

async function changeResult(ctx: Ctx, sessionId: string, message: string) {
  return {
    session: await reload(ctx, sessionId),
    message,
    milestones: ctx.changes.milestones,
    achievements: ctx.changes.achievements,
  };
}

/** Soft delete: the session and its activities get the same tombstone, so restore can undo exactly this. */
export async function deleteSession(ctx: Ctx, input: ParsedInput<'sessions.delete'>) {
  const row = await liveSession(ctx, input.session_id);
  await ctx.tx.query('UPDATE study_sessions SET deleted_at = $3 WHERE user_id = $1 AND id = $2', [ctx.userId, row.id, ctx.now]);
  await ctx.tx.query(
    'UPDATE session_activities SET deleted_at = $3 WHERE user_id = $1 AND session_id = $2 AND deleted_at IS NULL',
    [ctx.userId, row.id, ctx.now],
  );
  ctx.changes.touch('sessions', row.id);
  ctx.changes.touch('activities');
  ctx.changes.touch('points');
  await afterStudyChange(ctx, [dayOf(ctx, row.start_time, row.time_zone)], EVERY_GOAL);
  return changeResult(ctx, row.id, 'Session deleted');
}

export async function restoreSession(ctx: Ctx, input: ParsedInput<'sessions.restore'>) {
  const row = await lockSession(ctx, input.session_id);
  if (!row.deleted_at) throw conflict(`session ${row.id} is not deleted`);
  if (!row.end_time) {
    const active = await activeSessionId(ctx);
    if (active) throw conflict(`session ${active} is active: end it before restoring an unfinished session`);
  }
  await assertNoOverlap(ctx, row.start_time, row.end_time, row.id);
  await ctx.tx.query('UPDATE study_sessions SET deleted_at = NULL WHERE user_id = $1 AND id = $2', [ctx.userId, row.id]);
  await ctx.tx.query(
    'UPDATE session_activities SET deleted_at = NULL WHERE user_id = $1 AND session_id = $2 AND deleted_at = $3',
    [ctx.userId, row.id, row.deleted_at],
  );
  ctx.changes.touch('sessions', row.id);
  ctx.changes.touch('activities');
  ctx.changes.touch('points');
  await afterStudyChange(ctx, [dayOf(ctx, row.start_time, row.time_zone)], EVERY_GOAL);
  return changeResult(ctx, row.id, 'Session restored');
}

export async function createManualSession(ctx: Ctx, input: ParsedInput<'sessions.createManual'>) {
  const start = toUtc(input.start_time);
  const end = toUtc(input.end_time);
  assertTimes(ctx, start, end, input.paused_seconds);
  await assertClass(ctx, input.class_id);
  await assertNoOverlap(ctx, start, end, null);
  const id = newId();
  await ctx.tx.query(
    `INSERT INTO study_sessions (id, user_id, class_id, start_time, end_time, paused_seconds, session_type, focus_mode,
                                 location, notes, mood_rating, productivity_rating, time_zone, source, last_heartbeat_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'manual', $5)`,
    [id, ctx.userId, input.class_id ?? null, start, end, input.paused_seconds, input.session_type,
     input.focus_mode ?? null, input.location ?? null, input.notes ?? null, input.mood_rating ?? null,
     input.productivity_rating ?? null, ctx.settings.time_zone],
  );
  ctx.changes.touch('sessions', id);
  ctx.changes.touch('points');
  await afterStudyChange(ctx, [dayOf(ctx, start, ctx.settings.time_zone)], SESSION_GOALS);
  return changeResult(ctx, id, 'Session added');
}

interface ActivityRow {
  id: string;
  session_id: string;
  activity_type: Activity['activity_type'];
  content_type: string | null;
  content_id: string | null;
  start_time: string;
  end_time: string | null;
  duration_minutes: number | null;
  items_completed: number | null;
  items_correct: number | null;
  metadata: Record<string, unknown>;
  deleted_at: string | null;
  session_start: string;
  session_zone: string;
  session_deleted_at: string | null;
}

/** An activity with its session, both locked; a deleted session hides its activities. */
async function lockActivity(ctx: Ctx, activityId: string): Promise<ActivityRow> {
  const { rows } = await ctx.tx.query<ActivityRow>(
    `SELECT a.id, a.session_id, a.activity_type, a.content_type, a.content_id, a.start_time, a.end_time,
            a.duration_minutes, a.items_completed, a.items_correct, a.metadata, a.deleted_at,
            s.start_time AS session_start, s.time_zone AS session_zone, s.deleted_at AS session_deleted_at
       FROM session_activities a JOIN study_sessions s ON s.id = a.session_id
      WHERE a.user_id = $1 AND a.id = $2 FOR UPDATE`,
    [ctx.userId, activityId],
  );
  const row = rows[0];
  if (!row || row.session_deleted_at) throw notFound('activity', activityId);
  return row;
}

async function activityResult(ctx: Ctx, row: ActivityRow, message: string) {
  const { rows } = await ctx.tx.query<Activity>(
    `SELECT ${ACTIVITY_COLUMNS} FROM session_activities a WHERE a.user_id = $1 AND a.id = $2`,
    [ctx.userId, row.id],
  );
  return { activity: rows[0]!, message, milestones: ctx.changes.milestones, achievements: ctx.changes.achievements };
}

function touchActivity(ctx: Ctx, row: ActivityRow): void {
  ctx.changes.touch('activities', row.id, row.session_id);
  ctx.changes.touch('sessions');
  ctx.changes.touch('points');
}

/** Corrects a logged activity: the same rules as logging it, on the merged values. */
export async function updateActivity(ctx: Ctx, input: ParsedInput<'sessions.updateActivity'>) {
  const row = await lockActivity(ctx, input.activity_id);
  if (row.deleted_at) throw notFound('activity', row.id);
  const keep = <K extends keyof ActivityRow & keyof typeof input>(key: K) =>
    (input[key] === undefined ? row[key] : input[key]) as ActivityRow[K];
  const type = input.activity_type ?? row.activity_type;
  const start = input.start_time ? toUtc(input.start_time) : row.start_time;
  const end = input.end_time === undefined ? row.end_time : input.end_time === null ? null : toUtc(input.end_time);
  const completed = keep('items_completed');
  const correct = keep('items_correct');
  assertNotFuture(ctx, 'start_time', start);
  if (end) assertNotFuture(ctx, 'end_time', end);
  if (end && Date.parse(end) < Date.parse(start)) throw invalid('end_time', 'end_time is before start_time');
  if (Date.parse(start) < Date.parse(row.session_start) - 60_000) throw invalid('start_time', 'the activity starts before its session');
  if (correct != null && (completed == null || correct > completed)) {
    throw invalid('items_correct', 'items_correct cannot exceed items_completed');
  }
  await ctx.tx.query(
    `UPDATE session_activities
        SET activity_type = $3, content_type = $4, content_id = $5, start_time = $6, end_time = $7, duration_minutes = $8,
            items_completed = $9, items_correct = $10, metadata = $11
      WHERE user_id = $1 AND id = $2`,
    [ctx.userId, row.id, type, keep('content_type'), keep('content_id'), start, end, keep('duration_minutes'), completed,
     correct, JSON.stringify(input.metadata ?? row.metadata)],
  );
  touchActivity(ctx, row);
  const days = [dayOf(ctx, row.start_time, row.session_zone), dayOf(ctx, start, row.session_zone)];
  await afterStudyChange(ctx, days, [...new Set([...goalsFedBy(row.activity_type), ...goalsFedBy(type)])]);
  return activityResult(ctx, row, 'Activity updated');
}

/** Soft delete with its own tombstone: its points are taken back in the ledger, and restore undoes it. */
export async function deleteActivity(ctx: Ctx, input: ParsedInput<'sessions.deleteActivity'>) {
  const row = await lockActivity(ctx, input.activity_id);
  if (row.deleted_at) throw notFound('activity', row.id);
  await ctx.tx.query('UPDATE session_activities SET deleted_at = $3 WHERE user_id = $1 AND id = $2', [ctx.userId, row.id, ctx.now]);
  touchActivity(ctx, row);
  await afterStudyChange(ctx, [dayOf(ctx, row.start_time, row.session_zone)], goalsFedBy(row.activity_type));
  return activityResult(ctx, row, 'Activity deleted');
}

export async function restoreActivity(ctx: Ctx, input: ParsedInput<'sessions.restoreActivity'>) {
  const row = await lockActivity(ctx, input.activity_id);
  if (!row.deleted_at) throw conflict(`activity ${row.id} is not deleted`);
  await ctx.tx.query('UPDATE session_activities SET deleted_at = NULL WHERE user_id = $1 AND id = $2', [ctx.userId, row.id]);
  touchActivity(ctx, row);
  await afterStudyChange(ctx, [dayOf(ctx, row.start_time, row.session_zone)], goalsFedBy(row.activity_type));
  return activityResult(ctx, row, 'Activity restored');
}
