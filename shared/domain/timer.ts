// The focus timer as a pure state machine (DESIGN §7). It stores instants, never tick counts:
// everything shown (remaining, focused, paused) is a function of the state and `now`.
//
// Decisions:
// - One study session per timer run: a pomodoro cycle keeps the same session across its focus
//   and break phases until stop. Breaks, pauses and the wait after a break are the session's
//   paused time.
// - Time alternates between counting segments (a focus phase running) and non-counting ones
//   (breaks, pauses). `paused_ms` holds the closed non-counting segments; the open one is
//   `now - segment_started_at` when the timer is not in focus.
// - Phases change at their due instants, whenever they are computed: a focus that expired while
//   nothing ticked went to its break at its due time, not at wake time.
// - Focus → break is automatic; break → focus is not: a finished break waits, paused
//   ('break_over'), for the student. So no focus (and no break) starts unattended or at wake.
//   A countdown that reaches zero waits the same way ('finished') for stop and its ratings.
// - Breaks run on the wall clock: pausing during a break changes nothing.
// - Stop ends the session when study ended: at now while focus runs, otherwise at the start of
//   the current non-counting stretch (a paused or break tail is not part of the session).
// - Idle since T (reported late by the host): a running focus is paused at T; keep resumes as if
//   nothing happened, discard leaves it paused with [T, answer] as paused time. If the focus
//   already ended while idle, the focus time after T is what keep/discard decides about.

export const TIMER_MODES = ['pomodoro', 'stopwatch', 'countdown'] as const;
export type TimerMode = (typeof TIMER_MODES)[number];
export const TIMER_STATUSES = ['idle', 'focus', 'short_break', 'long_break', 'paused'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];
export const TIMER_PHASES = ['focus', 'short_break', 'long_break'] as const;
export type TimerPhase = (typeof TIMER_PHASES)[number];
export const PAUSE_REASONS = ['user', 'suspend', 'idle', 'break_over', 'finished'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Phase lengths, fixed when the timer starts (a settings change applies to the next start). */
export interface TimerPlan {
  /** Focus phase (pomodoro) or the countdown; null for the stopwatch. */
  focus_ms: number | null;
  short_break_ms: number;
  long_break_ms: number;
  long_break_every: number;
}

export interface TimerState {
  status: TimerStatus;
  mode: TimerMode | null;
  session_id: string | null;
  class_id: string | null;
  plan: TimerPlan | null;
  session_started_at: string | null;
  /** The phase running, or while paused the phase that resume continues. */
  phase: TimerPhase | null;
  /** Due instant of the running timed phase. */
  phase_ends_at: string | null;
  /** Remaining time of the paused phase, frozen at `paused_at`. */
  phase_remaining_ms: number | null;
  paused_at: string | null;
  pause_reason: PauseReason | null;
  /** Focus phases finished in this run (pomodoro: every long_break_every-th one earns a long break). */
  completed_focus: number;
  segment_started_at: string | null;
  /** Start of the latest counting segment (kept after it ends: idle reaches back into it). */
  counting_since: string | null;
  paused_ms: number;
  /** Set while the away question is open: idle since this instant. */
  idle_since: string | null;
  /** Focus time counted after idle_since that discard takes back (0 when the timer paused at idle_since). */
  idle_counted_ms: number;
  /** The last instant the owning process was known alive (heartbeat). */
  alive_at: string | null;
  /** A session the core closed for the timer at start-up (the UI tells the student once). */
  recovered: { session_id: string; end_time: string } | null;
}

export const IDLE_TIMER: TimerState = {
  status: 'idle', mode: null, session_id: null, class_id: null, plan: null, session_started_at: null, phase: null,
  phase_ends_at: null, phase_remaining_ms: null, paused_at: null, pause_reason: null, completed_focus: 0,
  segment_started_at: null, counting_since: null, paused_ms: 0, idle_since: null, idle_counted_ms: 0, alive_at: null,
  recovered: null,
};

/** A transition the current state does not allow (the core answers CONFLICT). */
export class TimerConflict extends Error {
  override readonly name = 'TimerConflict';
}

/** What stop hands to `sessions.end`. */
export interface TimerStop {
  session_id: string;
  end_time: string;
  paused_seconds: number;
}

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const clamp = (t: number, lo: number, hi: number) => Math.min(Math.max(t, lo), hi);

export const isCounting = (s: TimerState) => s.status === 'focus';
export const isRunning = (s: TimerState) => s.status !== 'idle';

function breakLength(plan: TimerPlan, phase: 'short_break' | 'long_break'): number {
  return phase === 'long_break' ? plan.long_break_ms : plan.short_break_ms;
}

function requireRunning(s: TimerState): asserts s is TimerState & { session_id: string; plan: TimerPlan; mode: TimerMode } {
  if (s.status === 'idle' || !s.session_id || !s.plan || !s.mode) throw new TimerConflict('the timer is not running');
}

export interface StartTimer {
  mode: TimerMode;
  session_id: string;
  class_id: string | null;
  plan: TimerPlan;
}

export function startTimer(s: TimerState, now: string, start: StartTimer): TimerState {
  if (s.status !== 'idle') throw new TimerConflict('the timer is already running: stop it first');
  if (start.mode !== 'stopwatch' && !(start.plan.focus_ms && start.plan.focus_ms > 0)) {
    throw new TimerConflict(`a ${start.mode} timer needs a focus length`);
  }
  const plan = start.mode === 'stopwatch' ? { ...start.plan, focus_ms: null } : start.plan;
  return {
    ...IDLE_TIMER,
    status: 'focus', mode: start.mode, session_id: start.session_id, class_id: start.class_id, plan,
    session_started_at: now, phase: 'focus', phase_ends_at: plan.focus_ms === null ? null : iso(ms(now) + plan.focus_ms),
    segment_started_at: now, counting_since: now, alive_at: now,
  };
}

/** Applies every phase end due by `now`, each at its own due instant. */
export function advance(s: TimerState, now: string): TimerState {
  let state = s;
  for (;;) {
    if (!state.plan || !state.phase_ends_at || ms(state.phase_ends_at) > ms(now)) return state;
    const due = state.phase_ends_at;
    if (state.status === 'focus') {
      if (state.mode === 'countdown') {
        state = { ...state, status: 'paused', phase_ends_at: null, phase_remaining_ms: 0, paused_at: due,
          pause_reason: 'finished', segment_started_at: due };
        continue;
      }
      const completed = state.completed_focus + 1;
      const phase = completed % state.plan.long_break_every === 0 ? 'long_break' : 'short_break';
      state = { ...state, status: phase, phase, completed_focus: completed, segment_started_at: due,
        phase_ends_at: iso(ms(due) + breakLength(state.plan, phase)) };
    } else if (state.status === 'short_break' || state.status === 'long_break') {
      state = { ...state, status: 'paused', phase: 'focus', phase_ends_at: null, phase_remaining_ms: state.plan.focus_ms,
        paused_at: due, pause_reason: 'break_over' };
    } else {
      return state;
    }
  }
}

/**
 * Pauses a running focus at `at` (≤ now; a suspend or lock reported a moment late). During a
 * break, or when already paused, nothing changes: breaks run on the wall clock.
 */
export function pauseTimer(s: TimerState, now: string, at: string = now, reason: 'user' | 'suspend' = 'user'): TimerState {
  requireRunning(s);
  const state = advance(s, now);
  if (state.status !== 'focus') return state;
  const t = iso(clamp(ms(at), ms(state.counting_since ?? now), ms(now)));
  return {
    ...state, status: 'paused', paused_at: t, pause_reason: reason, segment_started_at: t, phase_ends_at: null,
    phase_remaining_ms: state.phase_ends_at ? ms(state.phase_ends_at) - ms(t) : null,
  };
}

/** Starts counting again; an open away question counts as discarded. */
export function resumeTimer(s: TimerState, now: string): TimerState {
  requireRunning(s);
  let state = advance(s, now);
  if (state.status !== 'paused') throw new TimerConflict(`the timer is not paused (${state.status})`);
  if (state.pause_reason === 'finished') throw new TimerConflict('the countdown has finished: stop it to save the session');
  state = settleIdle(state, 'discard');
  const t = ms(now);
  return {
    ...state, status: 'focus', phase: 'focus', paused_at: null, pause_reason: null, segment_started_at: now,
    counting_since: now, paused_ms: state.paused_ms + (t - ms(state.segment_started_at!)), phase_remaining_ms: null,
    phase_ends_at: state.phase_remaining_ms === null ? null : iso(t + state.phase_remaining_ms),
  };
}

/** Pomodoro only: ends the focus (its break starts now) or the break (the next focus starts now). */
export function skipPhase(s: TimerState, now: string): TimerState {
  requireRunning(s);
  if (s.mode !== 'pomodoro') throw new TimerConflict(`a ${s.mode} timer has no phases to skip`);
  let state = settleIdle(advance(s, now), 'discard');
  const plan = state.plan!;
  if (state.status === 'short_break' || state.status === 'long_break' || state.pause_reason === 'break_over') {
    return resumeTimer({ ...state, status: 'paused', phase: 'focus', phase_ends_at: null, phase_remaining_ms: plan.focus_ms,
      paused_at: state.paused_at ?? state.segment_started_at, pause_reason: 'break_over' }, now);
  }
  // The focus ends now (running) or stays ended where it was paused: either way it counts as done.
  const completed = state.completed_focus + 1;
  const phase = completed % plan.long_break_every === 0 ? 'long_break' : 'short_break';
  state = { ...state, status: phase, phase, completed_focus: completed, paused_at: null, pause_reason: null,
    phase_remaining_ms: null, phase_ends_at: iso(ms(now) + breakLength(plan, phase)),
    segment_started_at: state.status === 'focus' ? now : state.segment_started_at };
  return state;
}

/**
 * The host saw no input since `since`. A running focus pauses there and asks; if the focus has
 * already ended, the focus time after `since` is what the answer decides about.
 */
export function reportIdle(s: TimerState, now: string, since: string): TimerState {
  requireRunning(s);
  const state = advance(s, now);
  if (state.idle_since !== null) return state; // one question at a time: the first idle instant stands
  const countingFrom = ms(state.counting_since!);
  if (state.status === 'focus') {
    const t = clamp(ms(since), countingFrom, ms(now));
    const paused = pauseTimer(state, now, iso(t));
    return { ...paused, pause_reason: 'idle', idle_since: iso(t), idle_counted_ms: 0 };
  }
  // Not counting now: the last counting stretch was [counting_since, segment_started_at].
  const countedUntil = ms(state.segment_started_at!);
  const from = Math.max(ms(since), countingFrom);
  if (from >= countedUntil) return state; // idle began after study stopped: nothing to ask
  return { ...state, idle_since: iso(from), idle_counted_ms: countedUntil - from };
}

/** keep: the idle span was study after all; discard: it is paused time (the timer stays paused). */
export function settleIdle(s: TimerState, answer: 'keep' | 'discard'): TimerState {
  if (s.idle_since === null) return s;
  const cleared = { ...s, idle_since: null, idle_counted_ms: 0 };
  if (s.status === 'paused' && s.pause_reason === 'idle') {
    if (answer === 'discard') return { ...cleared, pause_reason: 'user' };
    // As if never paused: the phase keeps its due time and counting its start.
    return {
      ...cleared, status: 'focus', paused_at: null, pause_reason: null, phase_remaining_ms: null,
      segment_started_at: s.counting_since,
      phase_ends_at: s.phase_remaining_ms === null ? null : iso(ms(s.paused_at!) + s.phase_remaining_ms),
    };
  }
  return answer === 'discard' ? { ...cleared, paused_ms: s.paused_ms + s.idle_counted_ms } : cleared;
}

export function keepIdle(s: TimerState, now: string): TimerState {
  requireRunning(s);
  if (s.idle_since === null) throw new TimerConflict('there is no idle time to keep');
  return advance(settleIdle(s, 'keep'), now);
}

export function discardIdle(s: TimerState, now: string): TimerState {
  requireRunning(s);
  if (s.idle_since === null) throw new TimerConflict('there is no idle time to discard');
  return advance(settleIdle(s, 'discard'), now);
}

/**
 * Ends the run. The session ends when study ended (now, or where the current break/pause began);
 * an unanswered away question counts as discarded.
 */
export function stopTimer(s: TimerState, now: string): { state: TimerState; stop: TimerStop } {
  requireRunning(s);
  const state = settleIdle(advance(s, now), 'discard');
  const start = ms(state.session_started_at!);
  let end = isCounting(state) ? ms(now) : ms(state.segment_started_at!);
  // A run that never counted still needs a session that ends after it starts.
  if (end - start < 1000) end = start + 1000;
  const paused = Math.min(state.paused_ms, end - start);
  return {
    state: IDLE_TIMER,
    stop: { session_id: s.session_id, end_time: iso(end), paused_seconds: Math.round(paused / 1000) },
  };
}

/** Non-counting time of the session so far. */
export function pausedMs(s: TimerState, now: string): number {
  if (s.status === 'idle' || !s.segment_started_at) return 0;
  const open = isCounting(s) ? 0 : Math.max(0, ms(now) - ms(s.segment_started_at));
  return s.paused_ms + open;
}

/** Focus time of the session so far. */
export function focusMs(s: TimerState, now: string): number {
  if (s.status === 'idle' || !s.session_started_at) return 0;
  return Math.max(0, ms(now) - ms(s.session_started_at) - pausedMs(s, now));
}

/** Time left in the current phase (frozen while paused); null for the stopwatch and when idle. */
export function remainingMs(s: TimerState, now: string): number | null {
  if (s.status === 'paused') return s.phase_remaining_ms;
  if (!s.phase_ends_at) return null;
  return Math.max(0, ms(s.phase_ends_at) - ms(now));
}

/** When the state changes next by itself, if ever. */
export function nextChangeAt(s: TimerState): string | null {
  return s.status === 'idle' || s.status === 'paused' ? null : s.phase_ends_at;
}

export const HEARTBEAT_MS = 30_000;
/** Beyond this silence the process was frozen or gone: the silent time never counts as study. */
export const SILENCE_MS = 2 * HEARTBEAT_MS + 5_000;
/** A run silent for longer than this (app closed, machine off) ends at its last heartbeat. */
export const ABANDON_AFTER_MS = 5 * 60_000;
/** A pause longer than this ends the session where the pause began (no session outlives a day). */
export const MAX_PAUSE_MS = 12 * 3_600_000;

export type Reconciled = { state: TimerState; stop: TimerStop | null };

/**
 * What the timer becomes after its owner was silent since `alive_at` (at start-up, and on each
 * heartbeat in case the process was frozen): a short silence is paused time and the timer goes
 * on; a long one, or an overlong pause, ends the session at the last instant it was known alive.
 */
export function reconcile(s: TimerState, now: string): Reconciled {
  if (s.status === 'idle') return { state: s, stop: null };
  const aliveAt = s.alive_at ?? now;
  const silence = ms(now) - ms(aliveAt);
  const atAlive = advance(s, aliveAt);
  if (atAlive.status === 'paused') {
    if (ms(now) - ms(atAlive.segment_started_at!) <= MAX_PAUSE_MS) return { state: { ...advance(s, now), alive_at: now }, stop: null };
    return closeAt(atAlive, aliveAt);
  }
  if (silence > ABANDON_AFTER_MS) return closeAt(atAlive, aliveAt);
  if (silence > SILENCE_MS && atAlive.status === 'focus') {
    const resumed = resumeTimer(pauseTimer(atAlive, aliveAt, aliveAt, 'suspend'), now);
    return { state: { ...advance(resumed, now), alive_at: now }, stop: null };
  }
  return { state: { ...advance(s, now), alive_at: now }, stop: null };
}

function closeAt(s: TimerState, at: string): Reconciled {
  const { stop } = stopTimer(s, at);
  return { state: { ...IDLE_TIMER, recovered: { session_id: stop.session_id, end_time: stop.end_time } }, stop };
}

/** The state with what the UI shows as of `now` (the UI's own tick only repaints). */
export interface TimerView extends TimerState {
  now: string;
  remaining_ms: number | null;
  focus_ms: number;
  paused_total_ms: number;
}

export function timerView(s: TimerState, now: string): TimerView {
  return { ...s, now, remaining_ms: remainingMs(s, now), focus_ms: focusMs(s, now), paused_total_ms: pausedMs(s, now) };
}
