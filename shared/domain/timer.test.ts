import { describe, expect, it } from 'vitest';
import {
  advance, discardIdle, focusMs, IDLE_TIMER, keepIdle, nextChangeAt, pausedMs, pauseTimer, reconcile, remainingMs,
  reportIdle, resumeTimer, skipPhase, startTimer, stopTimer, TimerConflict, type TimerMode, type TimerPlan, type TimerState,
  timerView, ABANDON_AFTER_MS, MAX_PAUSE_MS,
} from './timer';

const MIN = 60_000;
const T0 = Date.parse('2026-03-10T14:00:00Z');
/** The instant `m` minutes (and `s` seconds) after 14:00. */
const at = (m: number, s = 0) => new Date(T0 + m * MIN + s * 1000).toISOString();
const PLAN: TimerPlan = { focus_ms: 25 * MIN, short_break_ms: 5 * MIN, long_break_ms: 15 * MIN, long_break_every: 4 };
const SESSION = '0190a000-0000-7000-8000-000000000001';

const start = (mode: TimerMode = 'pomodoro', plan: TimerPlan = PLAN) =>
  startTimer(IDLE_TIMER, at(0), { mode, session_id: SESSION, class_id: null, plan });

/** Focus and paused minutes as of `m`, the two numbers a session ends with. */
const split = (s: TimerState, m: number) => ({ focus: focusMs(s, at(m)) / MIN, paused: pausedMs(s, at(m)) / MIN });

describe('starting', () => {
  it('starts a 25-minute focus whose remaining time is a function of now', () => {
    const s = start();
    expect(s).toMatchObject({ status: 'focus', phase: 'focus', phase_ends_at: at(25), completed_focus: 0 });
    expect(remainingMs(s, at(0))).toBe(25 * MIN);
    expect(remainingMs(s, at(10, 30))).toBe(14.5 * MIN);
    expect(nextChangeAt(s)).toBe(at(25));
  });

  it('refuses a second start and a timed mode without a length', () => {
    expect(() => startTimer(start(), at(1), { mode: 'pomodoro', session_id: SESSION, class_id: null, plan: PLAN }))
      .toThrow(TimerConflict);
    expect(() => start('countdown', { ...PLAN, focus_ms: null })).toThrow(TimerConflict);
  });

  it('runs a stopwatch with no phases and no remaining time', () => {
    const s = start('stopwatch');
    expect(s.plan!.focus_ms).toBeNull();
    expect(remainingMs(s, at(500))).toBeNull();
    expect(advance(s, at(500))).toEqual(s);
    expect(split(s, 90)).toEqual({ focus: 90, paused: 0 });
    expect(() => skipPhase(s, at(1))).toThrow(TimerConflict);
  });

  it('refuses every transition while idle', () => {
    for (const f of [(s: TimerState) => pauseTimer(s, at(1)), (s: TimerState) => resumeTimer(s, at(1)),
      (s: TimerState) => skipPhase(s, at(1)), (s: TimerState) => stopTimer(s, at(1)),
      (s: TimerState) => reportIdle(s, at(1), at(0)), (s: TimerState) => keepIdle(s, at(1)),
      (s: TimerState) => discardIdle(s, at(1))]) {
      expect(() => f(IDLE_TIMER)).toThrow(TimerConflict);
    }
  });
});

describe('the pomodoro cycle', () => {
  it('goes from focus to a short break at the due instant, and waits after the break', () => {
    const s = start();
    const inBreak = advance(s, at(27));
    expect(inBreak).toMatchObject({ status: 'short_break', completed_focus: 1, segment_started_at: at(25), phase_ends_at: at(30) });
    expect(remainingMs(inBreak, at(27))).toBe(3 * MIN);
    const waiting = advance(s, at(31));
    expect(waiting).toMatchObject({ status: 'paused', pause_reason: 'break_over', phase: 'focus', paused_at: at(30),
      phase_remaining_ms: 25 * MIN });
    expect(split(waiting, 40)).toEqual({ focus: 25, paused: 15 }); // the break and the wait are paused time
    expect(nextChangeAt(waiting)).toBeNull();
  });

  it('gives a long break after every fourth focus and keeps counting the cycle', () => {
    let s = start();
    const kinds: string[] = [];
    let m = 0;
    for (let i = 0; i < 8; i++) {
      m += 25;
      s = advance(s, at(m));
      kinds.push(s.status);
      m += s.status === 'long_break' ? 15 : 5;
      s = resumeTimer(advance(s, at(m)), at(m));
    }
    expect(kinds).toEqual(['short_break', 'short_break', 'short_break', 'long_break',
      'short_break', 'short_break', 'short_break', 'long_break']);
    expect(s.completed_focus).toBe(8);
    expect(split(s, m)).toEqual({ focus: 8 * 25, paused: 6 * 5 + 2 * 15 });
  });

  it('honours long_break_every = 1 and other phase lengths', () => {
    const s = advance(start('pomodoro', { focus_ms: 50 * MIN, short_break_ms: 10 * MIN, long_break_ms: 30 * MIN, long_break_every: 1 }), at(50));
    expect(s).toMatchObject({ status: 'long_break', phase_ends_at: at(80) });
  });

  it('skips a focus into its break now, and a break into the next focus now', () => {
    const skipped = skipPhase(start(), at(10));
    expect(skipped).toMatchObject({ status: 'short_break', completed_focus: 1, segment_started_at: at(10), phase_ends_at: at(15) });
    const focus = skipPhase(skipped, at(12));
    expect(focus).toMatchObject({ status: 'focus', phase_ends_at: at(37) });
    expect(split(focus, 37)).toEqual({ focus: 35, paused: 2 });
  });

  it('skipping a paused focus starts its break without counting the pause', () => {
    const s = skipPhase(pauseTimer(start(), at(10)), at(14));
    expect(s).toMatchObject({ status: 'short_break', phase_ends_at: at(19), segment_started_at: at(10) });
    expect(split(s, 19)).toEqual({ focus: 10, paused: 9 });
  });

  it('skipping the wait after a break starts the focus like resume', () => {
    const waiting = advance(start(), at(35));
    expect(skipPhase(waiting, at(35))).toEqual(resumeTimer(waiting, at(35)));
  });
});

describe('pause and resume', () => {
  it('freezes the remaining time and adds the pause to paused time', () => {
    const paused = pauseTimer(start(), at(10));
    expect(paused).toMatchObject({ status: 'paused', pause_reason: 'user', paused_at: at(10), phase_remaining_ms: 15 * MIN });
    expect(remainingMs(paused, at(50))).toBe(15 * MIN);
    expect(split(paused, 50)).toEqual({ focus: 10, paused: 40 });
    const resumed = resumeTimer(paused, at(50));
    expect(resumed).toMatchObject({ status: 'focus', phase_ends_at: at(65), paused_ms: 40 * MIN });
    expect(advance(resumed, at(65)).status).toBe('short_break');
    expect(split(resumed, 65)).toEqual({ focus: 25, paused: 40 });
  });

  it('pauses at the instant given (suspend reported late), never before counting began or after now', () => {
    const s = pauseTimer(start(), at(20), at(12), 'suspend');
    expect(s).toMatchObject({ paused_at: at(12), pause_reason: 'suspend', phase_remaining_ms: 13 * MIN });
    expect(pauseTimer(start(), at(5), at(-30)).paused_at).toBe(at(0));
    expect(pauseTimer(start(), at(5), at(9)).paused_at).toBe(at(5));
  });

  it('leaves breaks running on the wall clock, and a second pause changes nothing', () => {
    const inBreak = advance(start(), at(26));
    expect(pauseTimer(inBreak, at(26), at(26), 'suspend')).toEqual(inBreak);
    const paused = pauseTimer(start(), at(3));
    expect(pauseTimer(paused, at(8))).toEqual(paused);
  });

  it('refuses resume unless paused, and after a finished countdown', () => {
    expect(() => resumeTimer(start(), at(1))).toThrow(TimerConflict);
    expect(() => resumeTimer(advance(start(), at(26)), at(26))).toThrow(TimerConflict);
    expect(() => resumeTimer(start('countdown', { ...PLAN, focus_ms: 45 * MIN }), at(50))).toThrow(/finished/);
  });

  it('pauses and resumes a stopwatch', () => {
    const s = resumeTimer(pauseTimer(start('stopwatch'), at(30)), at(45));
    expect(split(s, 60)).toEqual({ focus: 45, paused: 15 });
  });
});

describe('a countdown', () => {
  it('waits at zero from its due instant for stop, which ends the session then', () => {
    const s = advance(start('countdown', { ...PLAN, focus_ms: 45 * MIN }), at(70));
    expect(s).toMatchObject({ status: 'paused', pause_reason: 'finished', paused_at: at(45), phase_remaining_ms: 0 });
    expect(stopTimer(s, at(70)).stop).toEqual({ session_id: SESSION, end_time: at(45), paused_seconds: 0 });
  });
});

describe('stop', () => {
  it('ends at now while focus runs, with the paused seconds so far', () => {
    const s = resumeTimer(pauseTimer(start(), at(10)), at(12, 30));
    const { state, stop } = stopTimer(s, at(20));
    expect(state).toEqual(IDLE_TIMER);
    expect(stop).toEqual({ session_id: SESSION, end_time: at(20), paused_seconds: 150 });
  });

  it('ends where the break or pause began: a non-counting tail is not part of the session', () => {
    expect(stopTimer(advance(start(), at(28)), at(28)).stop).toMatchObject({ end_time: at(25), paused_seconds: 0 });
    expect(stopTimer(pauseTimer(start(), at(7)), at(90)).stop).toMatchObject({ end_time: at(7), paused_seconds: 0 });
    // Two full pomodoros, the second break cut short by stop: the first break stays inside the session.
    const second = resumeTimer(advance(start(), at(30)), at(30));
    expect(stopTimer(advance(second, at(57)), at(57)).stop).toMatchObject({ end_time: at(55), paused_seconds: 300 });
  });

  it('keeps a run that never counted one second long, never zero', () => {
    expect(stopTimer(pauseTimer(start(), at(0)), at(5)).stop).toMatchObject({ end_time: at(0, 1), paused_seconds: 0 });
  });
});

describe('idle', () => {
  it('pauses a running focus at the instant idleness began and asks', () => {
    const s = reportIdle(start(), at(15), at(10));
    expect(s).toMatchObject({ status: 'paused', pause_reason: 'idle', paused_at: at(10), idle_since: at(10), idle_counted_ms: 0,
      phase_remaining_ms: 15 * MIN });
    expect(split(s, 15)).toEqual({ focus: 10, paused: 5 });
    expect(reportIdle(s, at(16), at(12))).toEqual(s); // one question at a time
  });

  it('discard takes exactly the idle span out of study and stays paused', () => {
    const s = discardIdle(reportIdle(start(), at(15, 20), at(10, 7)), at(18, 45));
    expect(s).toMatchObject({ status: 'paused', pause_reason: 'user', idle_since: null, paused_at: at(10, 7) });
    const resumed = resumeTimer(s, at(18, 45));
    expect(pausedMs(resumed, at(30))).toBe((8 * 60 + 38) * 1000); // 10:07 → 18:45
    expect(resumed.phase_ends_at).toBe(at(33, 38)); // the 14:53 left at 10:07, from 18:45
  });

  it('keep counts the idle span as study, as if the timer had never paused', () => {
    const s = keepIdle(reportIdle(start(), at(15), at(10)), at(18));
    expect(s).toMatchObject({ status: 'focus', phase_ends_at: at(25), paused_ms: 0, segment_started_at: at(0) });
    expect(split(s, 18)).toEqual({ focus: 18, paused: 0 });
  });

  it('keep after the focus would have ended moves on to the break at its due instant', () => {
    const s = keepIdle(reportIdle(start(), at(22), at(20)), at(28));
    expect(s).toMatchObject({ status: 'short_break', segment_started_at: at(25), phase_ends_at: at(30) });
  });

  it('idle that began in a focus which has since ended asks about the focus minutes after it', () => {
    const inBreak = reportIdle(start(), at(27), at(22));
    expect(inBreak).toMatchObject({ status: 'short_break', idle_since: at(22), idle_counted_ms: 3 * MIN });
    expect(split(discardIdle(inBreak, at(28)), 28)).toEqual({ focus: 22, paused: 6 });
    expect(split(keepIdle(inBreak, at(28)), 28)).toEqual({ focus: 25, paused: 3 });
  });

  it('ignores idle that began after study stopped', () => {
    const paused = pauseTimer(start(), at(5));
    expect(reportIdle(paused, at(20), at(8))).toEqual(paused);
    const inBreak = advance(start(), at(27));
    expect(reportIdle(inBreak, at(27), at(26))).toEqual(inBreak);
  });

  it('an unanswered question counts as discarded on resume and on stop', () => {
    const asked = reportIdle(start(), at(15), at(10));
    expect(split(resumeTimer(asked, at(20)), 20)).toEqual({ focus: 10, paused: 10 });
    expect(stopTimer(asked, at(20)).stop).toMatchObject({ end_time: at(10), paused_seconds: 0 });
    const inBreak = reportIdle(start(), at(27), at(22));
    expect(stopTimer(inBreak, at(27)).stop).toMatchObject({ end_time: at(25), paused_seconds: 180 });
  });

  it('refuses keep or discard with no question open', () => {
    expect(() => keepIdle(start(), at(1))).toThrow(TimerConflict);
    expect(() => discardIdle(start(), at(1))).toThrow(TimerConflict);
  });
});

describe('sleep, crashes and silence', () => {
  it('a focus that expired while nothing ticked went to its break at the due time, not at wake', () => {
    const woke = advance(start(), at(90));
    expect(woke).toMatchObject({ status: 'paused', pause_reason: 'break_over', paused_at: at(30) });
    expect(split(woke, 90)).toEqual({ focus: 25, paused: 65 });
  });

  it('a break runs on the wall clock across a suspend; no focus starts at wake', () => {
    const suspended = pauseTimer(advance(start(), at(26)), at(26), at(26), 'suspend');
    const woke = advance(suspended, at(200));
    expect(woke).toMatchObject({ status: 'paused', pause_reason: 'break_over', paused_at: at(30) });
  });

  it('a short silence is paused time and the timer goes on', () => {
    const s = { ...start(), alive_at: at(10) };
    const { state, stop } = reconcile(s, at(12));
    expect(stop).toBeNull();
    expect(state).toMatchObject({ status: 'focus', alive_at: at(12), phase_ends_at: at(27) });
    expect(split(state, 12)).toEqual({ focus: 10, paused: 2 });
  });

  it('heartbeats on time change nothing but alive_at', () => {
    const s = { ...start(), alive_at: at(10) };
    expect(reconcile(s, at(10, 30)).state).toEqual({ ...s, alive_at: at(10, 30) });
  });

  it('a long silence ends the session at the last heartbeat, never hours later', () => {
    const s = { ...resumeTimer(pauseTimer(start(), at(5)), at(6)), alive_at: at(20) };
    const { state, stop } = reconcile(s, at(20 + 8 * 60));
    expect(stop).toEqual({ session_id: SESSION, end_time: at(20), paused_seconds: 60 });
    expect(state).toMatchObject({ status: 'idle', recovered: { session_id: SESSION, end_time: at(20) } });
    expect(reconcile(s, new Date(Date.parse(at(20)) + ABANDON_AFTER_MS).toISOString()).stop).toBeNull();
  });

  it('a silence that began in a break ends the session where the focus ended', () => {
    const s = { ...advance(start(), at(27)), alive_at: at(27) };
    expect(reconcile(s, at(300)).stop).toMatchObject({ end_time: at(25), paused_seconds: 0 });
  });

  it('a pause survives a restart, until it is longer than the limit', () => {
    const paused = { ...pauseTimer(start(), at(10)), alive_at: at(11) };
    expect(reconcile(paused, at(180)).state).toMatchObject({ status: 'paused', paused_at: at(10), alive_at: at(180) });
    const late = new Date(Date.parse(at(10)) + MAX_PAUSE_MS + MIN).toISOString();
    expect(reconcile(paused, late).stop).toMatchObject({ end_time: at(10) });
  });
});

describe('the view', () => {
  it('adds what the UI shows as of now', () => {
    const v = timerView(pauseTimer(start(), at(10)), at(12));
    expect(v).toMatchObject({ now: at(12), remaining_ms: 15 * MIN, focus_ms: 10 * MIN, paused_total_ms: 2 * MIN });
    expect(timerView(IDLE_TIMER, at(0))).toMatchObject({ remaining_ms: null, focus_ms: 0, paused_total_ms: 0 });
  });
});
