import { TimerState as TimerStateSchema } from '../../../shared/contract/timer';
import { IDLE_TIMER, type TimerState } from '../../../shared/domain/timer';
import type { Ctx } from '../../../shared/services/context';

/**
 * The persisted timer, locked for the rest of the transaction. A state whose session has ended or
 * was deleted by another path (sessions.end, an edit, a restore of a backup) is back to idle.
 */
export async function loadTimer(ctx: Ctx): Promise<TimerState> {
  const { rows } = await ctx.tx.query<{ state: unknown; open: boolean | null }>(
    `SELECT t.state,
            (SELECT s.end_time IS NULL AND s.deleted_at IS NULL FROM study_sessions s
              WHERE s.user_id = t.user_id AND s.id = (t.state ->> 'session_id')::uuid) AS open
       FROM timer_state t WHERE t.user_id = $1 FOR UPDATE`,
    [ctx.userId],
  );
  const row = rows[0];
  if (!row) return IDLE_TIMER;
  const parsed = TimerStateSchema.safeParse(row.state);
  if (!parsed.success) {
    console.error('timer_state is unreadable; the timer starts idle', parsed.error.message);
    return IDLE_TIMER;
  }
  if (parsed.data.status !== 'idle' && row.open !== true) return { ...IDLE_TIMER, recovered: parsed.data.recovered };
  return parsed.data;
}

/** Writes the state and keeps the running session's paused_seconds current with it. */
export async function saveTimer(ctx: Ctx, state: TimerState): Promise<void> {
  await ctx.tx.query(
    `INSERT INTO timer_state (user_id, state, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
    [ctx.userId, JSON.stringify(state), ctx.now],
  );
  if (state.status === 'idle' || !state.session_id) return;
  const { affectedRows } = await ctx.tx.query(
    `UPDATE study_sessions SET paused_seconds = $3
      WHERE user_id = $1 AND id = $2 AND end_time IS NULL AND paused_seconds <> $3`,
    [ctx.userId, state.session_id, Math.round(state.paused_ms / 1000)],
  );
  if (affectedRows > 0) ctx.changes.touch('sessions', state.session_id);
}

/** A heartbeat: the outbox trigger ignores a change to nothing but last_heartbeat_at. */
export async function beat(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.tx.query(
    'UPDATE study_sessions SET last_heartbeat_at = $3 WHERE user_id = $1 AND id = $2 AND end_time IS NULL',
    [ctx.userId, sessionId, ctx.now],
  );
}
