import type { ParsedInput, Settings } from '../contract';
import type { Queryable } from '../db/db';
import { invalid } from '../contract/errors';
import type { Ctx } from './context';

const SETTINGS_COLUMNS = `time_zone, day_rollover_hour, streak_min_minutes, focus_minutes, short_break_minutes,
  long_break_minutes, long_break_every, idle_threshold_seconds, media_idle_threshold_seconds, notifications_enabled,
  start_at_login, global_shortcut`;

export async function readSettings(q: Queryable, userId: string): Promise<Settings> {
  const { rows } = await q.query<Settings>(`SELECT ${SETTINGS_COLUMNS} FROM settings WHERE user_id = $1`, [userId]);
  if (!rows[0]) throw new Error(`no settings row for user ${userId}`);
  return rows[0];
}

export async function updateSettings(ctx: Ctx, input: ParsedInput<'settings.update'>): Promise<Settings> {
  const next: Settings = { ...ctx.settings, ...input };
  if (input.time_zone !== undefined && input.time_zone !== ctx.settings.time_zone) {
    // The database decides: ICU knows a few legacy names PostgreSQL's tzdata does not.
    const { rows } = await ctx.tx.query<{ ok: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1) AS ok', [input.time_zone]);
    if (!rows[0]!.ok) throw invalid('time_zone', `time zone ${input.time_zone} is not known to the database`);
  }
  await ctx.tx.query(
    `UPDATE settings SET time_zone = $2, day_rollover_hour = $3, streak_min_minutes = $4, focus_minutes = $5,
            short_break_minutes = $6, long_break_minutes = $7, long_break_every = $8, idle_threshold_seconds = $9,
            media_idle_threshold_seconds = $10, notifications_enabled = $11, start_at_login = $12, global_shortcut = $13
      WHERE user_id = $1`,
    [ctx.userId, next.time_zone, next.day_rollover_hour, next.streak_min_minutes, next.focus_minutes,
     next.short_break_minutes, next.long_break_minutes, next.long_break_every, next.idle_threshold_seconds,
     next.media_idle_threshold_seconds, next.notifications_enabled, next.start_at_login, next.global_shortcut],
  );
  if (next.time_zone !== ctx.settings.time_zone) {
    await ctx.tx.query('UPDATE users SET time_zone = $2 WHERE id = $1', [ctx.userId, next.time_zone]);
  }
  ctx.changes.touch('settings');
  return readSettings(ctx.tx, ctx.userId);
}

/**
 * The desktop holds one local profile. The first open creates it with the machine's zone; the
 * platform account it signs in to is linked later by sync.
 */
export async function ensureProfile(q: Queryable, id: string, timeZone: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM users ORDER BY created_at, id LIMIT 1');
  if (rows[0]) return rows[0].id;
  await q.query('INSERT INTO users (id, time_zone) VALUES ($1, $2)', [id, timeZone]);
  await q.query('INSERT INTO settings (user_id, time_zone) VALUES ($1, $2)', [id, timeZone]);
  return id;
}
