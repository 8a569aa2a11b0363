import { describe, expect, it } from 'vitest';
import type { TimerView } from '../../../shared/contract/timer';
import { IDLE_TIMER, pauseTimer, startTimer, timerView } from '../../../shared/domain/timer';
import { coreNowMs, displayAt, nextRepaintInMs, statusLabel, timerText } from './timer-clock';

const T0 = '2026-11-24T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const ms = (seconds: number) => Date.parse(at(seconds));
const plan = { focus_ms: 25 * 60_000, short_break_ms: 5 * 60_000, long_break_ms: 15 * 60_000, long_break_every: 4 };
const SESSION = '01900000-0000-7000-8000-000000000001';

function started(mode: 'pomodoro' | 'stopwatch' | 'countdown', viewAt = 0): TimerView {
  const state = startTimer(IDLE_TIMER, T0, { mode, session_id: SESSION, class_id: null, plan });
  return timerView(state, at(viewAt));
}

describe('timerText', () => {
  it('counts down in whole seconds still to go, so a fresh 25 minutes shows 25:00', () => {
    expect(timerText(25 * 60_000, 'remaining')).toBe('25:00');
    expect(timerText(25 * 60_000 - 1, 'remaining')).toBe('25:00');
    expect(timerText(24 * 60_000 + 59_000, 'remaining')).toBe('24:59');
    expect(timerText(1, 'remaining')).toBe('00:01');
    expect(timerText(0, 'remaining')).toBe('00:00');
  });

  it('counts up in whole seconds done, with hours past the hour', () => {
    expect(timerText(999, 'elapsed')).toBe('00:00');
    expect(timerText(61_500, 'elapsed')).toBe('01:01');
    expect(timerText(3_723_000, 'elapsed')).toBe('1:02:03');
  });
});

describe('displayAt', () => {
  it('derives the remaining focus time from phase_ends_at, not from how often it was asked', () => {
    const view = started('pomodoro');
    const d = displayAt(view, ms(90));
    expect(d.kind).toBe('remaining');
    expect(d.text).toBe('23:30');
    expect(d.label).toBe('Focus');
    expect(d.totalMs).toBe(plan.focus_ms);
    expect(d.moving).toBe(true);
  });

  it('resumes mid-focus from a view fetched after a reload, however late it is read', () => {
    const afterReload = started('pomodoro', 600); // the core answered timer.state 10 minutes in
    expect(displayAt(afterReload, ms(600)).text).toBe('15:00');
    expect(displayAt(afterReload, ms(601)).text).toBe('14:59');
  });

  it('moves into the short break when the focus ends between two core events', () => {
    const d = displayAt(started('pomodoro'), ms(25 * 60 + 30));
    expect(d.view.status).toBe('short_break');
    expect(d.view.completed_focus).toBe(1);
    expect(d.label).toBe('Short break');
    expect(d.text).toBe('04:30');
    expect(d.totalMs).toBe(plan.short_break_ms);
  });

  it('freezes the remaining time while paused', () => {
    const paused = timerView(pauseTimer(started('pomodoro'), at(300)), at(300));
    const later = displayAt(paused, ms(3600));
    expect(later.text).toBe('20:00');
    expect(later.moving).toBe(false);
    expect(later.label).toBe('Paused');
    expect(nextRepaintInMs(later)).toBeNull();
  });

  it('shows the stopwatch as focus time elapsed, without pauses', () => {
    const paused = timerView(pauseTimer(started('stopwatch'), at(125)), at(125));
    const d = displayAt(paused, ms(500));
    expect(d.kind).toBe('elapsed');
    expect(d.text).toBe('02:05');
    expect(d.totalMs).toBeNull();
    expect(displayAt(started('stopwatch'), ms(75)).text).toBe('01:15');
  });

  it('stops a finished countdown at zero and waits for stop', () => {
    const d = displayAt(started('countdown'), ms(26 * 60));
    expect(d.view.status).toBe('paused');
    expect(d.label).toBe('Countdown finished');
    expect(d.text).toBe('00:00');
    expect(d.moving).toBe(false);
  });

  it('never shows an instant earlier than the view itself (a local clock behind the core)', () => {
    expect(displayAt(started('pomodoro', 60), ms(0)).text).toBe('24:00');
  });
});

describe('coreNowMs', () => {
  it('reads the core clock through the measured skew', () => {
    expect(coreNowMs(-5000, 1_000_000)).toBe(995_000);
  });
});

describe('nextRepaintInMs', () => {
  it('wakes just after the shown second changes, counting down or up', () => {
    expect(nextRepaintInMs({ kind: 'remaining', ms: 90_250, moving: true })).toBe(270);
    expect(nextRepaintInMs({ kind: 'remaining', ms: 90_000, moving: true })).toBe(1020);
    expect(nextRepaintInMs({ kind: 'elapsed', ms: 90_250, moving: true })).toBe(770);
    expect(nextRepaintInMs({ kind: 'elapsed', ms: 0, moving: false })).toBeNull();
  });
});

describe('statusLabel', () => {
  it('names why the timer is paused', () => {
    expect(statusLabel({ status: 'paused', pause_reason: 'break_over' })).toBe('Break over');
    expect(statusLabel({ status: 'paused', pause_reason: 'idle' })).toBe('Paused while you were away');
    expect(statusLabel({ status: 'idle', pause_reason: null })).toBe('Ready');
  });
});
