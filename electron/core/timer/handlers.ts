import {
  discardIdle, keepIdle, TimerConflict, pauseTimer, reportIdle, resumeTimer, skipPhase, startTimer, stopTimer, type TimerPlan, type TimerState,
} from '../../../shared/domain/timer';
import { invalid } from '../../../shared/contract/errors';
import { type Ctx, FUTURE_TOLERANCE_MS } from '../../../shared/services/context';
import { startSession } from '../../../shared/services/sessions';
import type { HostHandler } from '../host-handlers';
import { endTimerSession, type TimerOp, timerOf } from './engine';

type TimerChannel = 'timer.state' | 'timer.start' | 'timer.pause' | 'timer.resume' | 'timer.skip' | 'timer.stop' | 'timer.idle'
  | 'timer.discardIdle' | 'timer.keepIdle';

const MIN = 60_000;

/** Host-reported instants may lag (they are clamped to now) but never lead by more than the clock tolerance. */
function notFuture(now: string, field: string, instant: string | undefined): undefined {
  if (instant !== undefined && Date.parse(instant) > Date.parse(now) + FUTURE_TOLERANCE_MS) {
    throw invalid(field, `${field} ${instant} is in the future`);
  }
  return undefined;
}

/**
 * Where a new session may start: now, or the end of the previous one when that lies a moment
 * ahead. A stop within a second of its start is saved one second long (a session has a length), so
 * an immediate restart would otherwise overlap it.
 */
async function followOn(ctx: Ctx): Promise<string | undefined> {
  const { rows } = await ctx.tx.query<{ end_time: string | null }>(
    `SELECT max(end_time) AS end_time FROM study_sessions
      WHERE user_id = $1 AND deleted_at IS NULL AND end_time > $2 AND end_time <= $2::timestamptz + interval '2 seconds'
        AND start_time > $2::timestamptz - interval '25 hours'`, // a session lasts at most 24 h: the start-time index bounds the scan
    [ctx.userId, ctx.now],
  );
  return rows[0]?.end_time ?? undefined;
}

/** A pure transition as an engine operation. */
const step = (f: (s: TimerState, now: string) => TimerState): TimerOp<null> => async (ctx, s) => ({ state: f(s, ctx.now), result: null });

function planFor(ctx: Ctx, minutes: number | undefined): TimerPlan {
  const st = ctx.settings;
  return {
    focus_ms: (minutes ?? st.focus_minutes) * MIN,
    short_break_ms: st.short_break_minutes * MIN,
    long_break_ms: st.long_break_minutes * MIN,
    long_break_every: st.long_break_every,
  };
}

/** timer.* (DESIGN §7): every call answers the timer as of now; the engine publishes timer.changed. */
export const timerHandlers: { [C in TimerChannel]: HostHandler<C> } = {
  'timer.state': (core) => timerOf(core).view(),

  'timer.start': async (core, input) =>
    (await timerOf(core).run(async (ctx, s) => {
      // Refused before the session exists, so a second start never opens a second session.
      if (s.status !== 'idle') throw new TimerConflict('the timer is already running: stop it first');
      const { session_id } = await startSession(ctx, {
        class_id: input.class_id, session_type: input.session_type, focus_mode: input.mode, location: input.location,
        start_time: await followOn(ctx),
      });
      const state = startTimer(s, ctx.now, {
        mode: input.mode, session_id, class_id: input.class_id ?? null, plan: planFor(ctx, input.minutes),
      });
      return { state, result: null };
    })).view,

  'timer.pause': async (core, input) =>
    notFuture(core.now(), 'at', input.at) ?? (await timerOf(core).run(step((s, now) => pauseTimer(s, now, input.at ?? now, input.reason)))).view,
  'timer.resume': async (core) => (await timerOf(core).run(step(resumeTimer))).view,
  'timer.skip': async (core) => (await timerOf(core).run(step(skipPhase))).view,
  'timer.idle': async (core, input) => notFuture(core.now(), 'since', input.since) ?? (await timerOf(core).run(step((s, now) => reportIdle(s, now, input.since)))).view,
  'timer.discardIdle': async (core) => (await timerOf(core).run(step(discardIdle))).view,
  'timer.keepIdle': async (core) => (await timerOf(core).run(step(keepIdle))).view,

  'timer.stop': async (core, input) => {
    const { view, result } = await timerOf(core).run(async (ctx, s) => {
      const { state, stop } = stopTimer(s, ctx.now);
      const ended = await endTimerSession(ctx, stop, input);
      return { state, result: ended };
    });
    return {
      timer: view, session_id: result.session_id, duration_minutes: result.duration_minutes,
      points_earned: result.points_earned, message: result.message, milestones: result.milestones,
      achievements: result.achievements,
    };
  },
};
