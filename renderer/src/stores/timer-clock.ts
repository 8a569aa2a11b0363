// What the timer shows at an instant, derived from the core's last view and the local clock. The
// view carries timestamps (phase_ends_at, segment starts), so any instant can be computed from it;
// the page's tick only asks again, it never counts.
import type { TimerView } from '../../../shared/contract/timer';
import { advance, timerView } from '../../../shared/domain/timer';
import { clock } from '../lib/format';

export type ClockKind = 'remaining' | 'elapsed';

export interface TimerDisplay {
  /** The view moved on to `now`: a phase that ended since the core spoke has already changed here. */
  view: TimerView;
  kind: ClockKind;
  /** The number shown: time left in the phase, or the stopwatch's focus time. */
  ms: number;
  text: string;
  /** Length of the phase being timed (for the ring), null for the stopwatch. */
  totalMs: number | null;
  /** Short name of where the timer is: "Focus", "Short break", "Paused"… */
  label: string;
  /** Whether the number moves by itself (repaints needed). */
  moving: boolean;
}

/**
 * The core's clock as the local clock reads it: `skewMs` is (core now − local now) measured when a
 * view arrived, so a core on a fixed or distant clock still gets a consistent countdown.
 */
export const coreNowMs = (skewMs: number, localMs: number): number => localMs + skewMs;

/** Counting down shows whole seconds still to go (25:00 until a full second has passed); up, whole seconds done. */
export function timerText(ms: number, kind: ClockKind): string {
  const seconds = kind === 'remaining' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  return clock(Math.max(0, seconds) * 1000);
}

export function statusLabel(view: Pick<TimerView, 'status' | 'pause_reason'>): string {
  switch (view.status) {
    case 'idle':
      return 'Ready';
    case 'focus':
      return 'Focus';
    case 'short_break':
      return 'Short break';
    case 'long_break':
      return 'Long break';
    case 'paused':
      if (view.pause_reason === 'break_over') return 'Break over';
      if (view.pause_reason === 'finished') return 'Countdown finished';
      if (view.pause_reason === 'idle') return 'Paused while you were away';
      if (view.pause_reason === 'suspend') return 'Paused (computer asleep)';
      return 'Paused';
  }
}

function phaseLength(view: TimerView): number | null {
  const plan = view.plan;
  if (!plan || view.mode === 'stopwatch') return null;
  if (view.status === 'short_break') return plan.short_break_ms;
  if (view.status === 'long_break') return plan.long_break_ms;
  return plan.focus_ms;
}

/** The display at core instant `nowMs` (never earlier than the view itself). */
export function displayAt(view: TimerView, nowMs: number): TimerDisplay {
  const now = new Date(Math.max(nowMs, Date.parse(view.now))).toISOString();
  const current = view.status === 'idle' ? { ...view, now } : timerView(advance(view, now), now);
  const stopwatch = current.mode === 'stopwatch';
  const kind: ClockKind = stopwatch ? 'elapsed' : 'remaining';
  const ms = stopwatch ? current.focus_ms : (current.remaining_ms ?? 0);
  return {
    view: current,
    kind,
    ms,
    text: timerText(ms, kind),
    totalMs: phaseLength(current),
    label: statusLabel(current),
    moving: current.status === 'focus' || current.status === 'short_break' || current.status === 'long_break',
  };
}

/** Small margin so a repaint lands just after the second changes, not a hair before it. */
const MARGIN_MS = 20;

/** How long until the shown second changes; null when the number stands still. */
export function nextRepaintInMs(display: Pick<TimerDisplay, 'kind' | 'ms' | 'moving'>): number | null {
  if (!display.moving) return null;
  const into = ((display.ms % 1000) + 1000) % 1000;
  const wait = display.kind === 'remaining' ? into || 1000 : 1000 - into;
  return wait + MARGIN_MS;
}
