import type { TimerView } from '../../../shared/contract/timer';
import { advance, IDLE_TIMER, pauseTimer, reportIdle, startTimer, type TimerMode, type TimerState, timerView } from '../../../shared/domain/timer';

export const T0 = '2026-03-02T09:00:00.000Z';
export const at = (minutes: number, base = T0) => new Date(Date.parse(base) + minutes * 60_000).toISOString();

const PLAN = { focus_ms: 25 * 60_000, short_break_ms: 5 * 60_000, long_break_ms: 15 * 60_000, long_break_every: 4 };

export function started(mode: TimerMode = 'pomodoro', classId: string | null = null): TimerState {
  return startTimer(IDLE_TIMER, T0, { mode, session_id: '0190e0a0-0000-7000-8000-000000000001', class_id: classId, plan: PLAN });
}

/** The view of each state the tray must show, as of `minutes` after T0. */
const viewAt = (s: TimerState, now: string): TimerView => timerView(advance(s, now), now);

export const views = {
  idle: (): TimerView => timerView(IDLE_TIMER, T0),
  focus: (minutes = 0, classId: string | null = null): TimerView => viewAt(started('pomodoro', classId), at(minutes)),
  shortBreak: (): TimerView => viewAt(started(), at(26)),
  longBreak: (): TimerView => viewAt({ ...started(), completed_focus: 3 }, at(26)),
  breakOver: (): TimerView => viewAt(started(), at(31)),
  paused: (): TimerView => viewAt(pauseTimer(started(), at(10)), at(12)),
  away: (): TimerView => viewAt(reportIdle(started(), at(20), at(14)), at(20)),
  stopwatch: (minutes = 0): TimerView => viewAt(started('stopwatch'), at(minutes)),
  countdownDone: (): TimerView => viewAt(started('countdown'), at(30)),
};
