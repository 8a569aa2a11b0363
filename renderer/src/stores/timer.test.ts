import { describe, expect, it } from 'vitest';
import { IDLE_TIMER, pauseTimer, startTimer, timerView } from '../../../shared/domain/timer';
import { useTimerStore } from './timer';

const T0 = '2026-11-24T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const plan = { focus_ms: 25 * 60_000, short_break_ms: 5 * 60_000, long_break_ms: 15 * 60_000, long_break_every: 4 };
const running = startTimer(IDLE_TIMER, T0, { mode: 'pomodoro', session_id: '01900000-0000-7000-8000-000000000001', class_id: null, plan });

describe('useTimerStore.receive', () => {
  it('keeps the newest view by the core clock, so a late answer never winds the timer back', () => {
    const paused = timerView(pauseTimer(running, at(60)), at(60));
    const before = timerView(running, at(30));
    useTimerStore.getState().receive(paused);
    useTimerStore.getState().receive(before); // an answer computed earlier, arriving after the event
    expect(useTimerStore.getState().view?.status).toBe('paused');
  });

  it('measures the core clock against the local one when a view arrives', () => {
    const future = timerView(running, new Date(Date.now() + 3_600_000).toISOString());
    useTimerStore.getState().receive(future);
    expect(useTimerStore.getState().skewMs).toBeGreaterThan(3_590_000);
    expect(useTimerStore.getState().skewMs).toBeLessThanOrEqual(3_600_000);
  });
});
