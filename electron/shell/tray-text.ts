import type { TimerView } from '../../shared/contract/timer';

export interface TrayText {
  /** macOS menu-bar title (monospaced digits); empty when the timer is idle. */
  title: string;
  tooltip: string;
  /** What the drawn icon shows on Linux/Windows (minutes), null for the plain app icon. */
  badge: string | null;
  /** Colour family of the drawn icon. */
  tone: 'focus' | 'break' | 'paused' | null;
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
};

const minutesBadge = (ms: number) => {
  const m = Math.ceil(Math.max(0, ms) / 60_000);
  return m > 99 ? '99' : String(m);
};

/**
 * The time shown in the tray as of `now`: remaining time of a timed phase, elapsed focus for the
 * stopwatch. Computed from the view's instants (DESIGN §7: never from tick counts).
 */
export function trayText(view: TimerView | null, now: number): TrayText {
  if (!view || view.status === 'idle') return { title: '', tooltip: 'Study Desk', badge: null, tone: null };
  const since = Math.max(0, now - Date.parse(view.now));
  if (view.status === 'paused') {
    const shown = view.phase_remaining_ms ?? view.focus_ms;
    const label = view.pause_reason === 'break_over' ? 'Break over' : view.pause_reason === 'finished' ? 'Countdown finished' : 'Paused';
    return { title: `⏸ ${clock(shown)}`, tooltip: `Study Desk: ${label} (${clock(shown)})`, badge: minutesBadge(shown), tone: 'paused' };
  }
  const inBreak = view.status !== 'focus';
  const phase = view.status === 'focus' ? 'Focus' : view.status === 'short_break' ? 'Short break' : 'Long break';
  if (view.phase_ends_at) {
    const left = Date.parse(view.phase_ends_at) - now;
    return { title: clock(left), tooltip: `Study Desk: ${phase}, ${clock(left)} left`, badge: minutesBadge(left), tone: inBreak ? 'break' : 'focus' };
  }
  const focused = view.focus_ms + since; // the stopwatch counts up
  return { title: clock(focused), tooltip: `Study Desk: ${phase}, ${clock(focused)} so far`, badge: minutesBadge(focused), tone: 'focus' };
}
