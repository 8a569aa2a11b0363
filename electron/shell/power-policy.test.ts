import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import type { TimerView } from '../../shared/contract/timer';
import type { Core } from '../core/core';
import { openTestCore, type TestClock } from '../core/test-support/test-core';
import { type IdleReader, type IdleSupport, PowerIdlePolicy, watchPower } from './power-policy';
import { at, views } from './test-support/timer-views';

const noTimers = { setInterval: () => 1, clearInterval: () => undefined };
const flush = () => new Promise((r) => setImmediate(r));

function fake(view: TimerView, idleSeconds: () => number, now: () => number, idle: Partial<IdleReader> = {}) {
  const calls: [string, unknown][] = [];
  const support: IdleSupport[] = [];
  const policy = new PowerIdlePolicy({
    invoke: async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, data: { ...view, idle_since: channel === 'timer.idle' ? (input as { since: string }).since : null } } as Result<unknown>;
    },
    idle: { read: idleSeconds, platform: 'linux', sessionType: 'x11', ...idle },
    clock: now,
    timers: noTimers,
    onSupportChange: (s) => support.push(s),
  });
  policy.setTimer(view);
  return { policy, calls, support };
}

describe('power and idle policy (scripted core)', () => {
  it('pauses a running focus at the instant the suspend arrived', async () => {
    const T = Date.parse(at(7));
    const { policy, calls } = fake(views.focus(7), () => 0, () => T);
    await policy.suspend();
    expect(calls).toEqual([['timer.pause', { at: at(7), reason: 'suspend' }]]);
  });

  it('does not pause a break (breaks run on the wall clock) and recomputes on resume', async () => {
    const { policy, calls } = fake(views.shortBreak(), () => 0, () => Date.parse(at(27)));
    await policy.suspend();
    await policy.resume();
    expect(calls).toEqual([['timer.state', {}]]);
  });

  it('reports idleness since the last input once the threshold is passed, once', async () => {
    let idle = 299;
    const now = Date.parse(at(20));
    const { policy, calls } = fake(views.focus(20), () => idle, () => now);
    policy.setThresholds(300, 900);
    await policy.poll();
    expect(calls).toEqual([]);
    idle = 360;
    await policy.poll();
    await policy.poll();
    expect(calls).toEqual([['timer.idle', { since: at(14) }]]);
  });

  it('uses the longer threshold while the student reads or watches a video', async () => {
    const { policy, calls } = fake(views.focus(20), () => 600, () => Date.parse(at(20)));
    policy.setThresholds(300, 900);
    policy.setMediaActivity(true);
    await policy.poll();
    expect(calls).toEqual([]);
  });

  it('treats Wayland zero readings as unsupported, until a real reading appears', async () => {
    let idle = 0;
    const { policy, calls, support } = fake(views.focus(20), () => idle, () => Date.parse(at(20)), { sessionType: 'wayland' });
    policy.setThresholds(60, 60);
    expect(policy.support).toBe('unsupported');
    await policy.poll();
    idle = 120;
    await policy.poll();
    expect(policy.support).toBe('supported');
    expect(support).toEqual(['supported']);
    expect(calls).toEqual([['timer.idle', { since: at(18) }]]);
  });

  it('calls a reader that throws unsupported', async () => {
    const { policy, calls } = fake(views.focus(30), () => {
      throw new Error('no idle API');
    }, () => 0);
    await policy.poll();
    expect(policy.support).toBe('unsupported');
    expect(calls).toEqual([]);
  });
});

describe('power events and idle polling', () => {
  it('maps suspend and lock to a pause at that instant, resume and unlock to a recompute', async () => {
    const listeners = new Map<string, () => void>();
    let now = Date.parse(at(7));
    const { policy, calls } = fake(views.focus(7), () => 0, () => now);
    watchPower({ on: (event, listener) => listeners.set(event, listener) }, policy);
    expect([...listeners.keys()].sort()).toEqual(['lock-screen', 'resume', 'suspend', 'unlock-screen']);
    listeners.get('lock-screen')!();
    await flush();
    expect(calls).toEqual([['timer.pause', { at: at(7), reason: 'suspend' }]]);
    now = Date.parse(at(60));
    listeners.get('unlock-screen')!();
    await flush();
    expect(calls.at(-1)).toEqual(['timer.state', {}]);
    policy.setTimer(views.stopwatch(61)); // focusing again (a stopwatch: no phase has ended)
    listeners.get('suspend')!();
    await flush();
    expect(calls.at(-1)).toEqual(['timer.pause', { at: at(60), reason: 'suspend' }]);
    listeners.get('resume')!();
    await flush();
    expect(calls.at(-1)).toEqual(['timer.state', {}]);
    expect(calls).toHaveLength(4);
  });

  it('hands every view a power event produced to main (the tray and the window follow)', async () => {
    const seen: TimerView[] = [];
    const paused = views.paused();
    const policy = new PowerIdlePolicy({
      invoke: async () => ({ ok: true, data: paused }) as Result<unknown>,
      idle: { read: () => 0, platform: 'darwin' },
      timers: noTimers,
      onView: (v) => seen.push(v),
    });
    policy.setTimer(views.focus(3));
    await policy.suspend();
    await policy.resume();
    expect(seen).toEqual([paused, paused]);
  });

  it('polls idleness only while a phase runs', async () => {
    const intervals = new Map<number, () => void>();
    let seq = 0;
    const timers = {
      setInterval: (fn: () => void) => (intervals.set(++seq, fn), seq),
      clearInterval: (h: unknown) => void intervals.delete(h as number),
    };
    const calls: string[] = [];
    const policy = new PowerIdlePolicy({
      invoke: async (channel) => (calls.push(channel), { ok: true, data: { ...views.away() } }) as Result<unknown>,
      idle: { read: () => 600, platform: 'win32' },
      clock: () => Date.parse(at(20)),
      timers,
    });
    policy.setTimer(views.idle());
    expect(intervals.size).toBe(0);
    policy.setTimer(views.focus(20));
    policy.setTimer(views.focus(20)); // one interval, however often the view comes
    expect(intervals.size).toBe(1);
    [...intervals.values()][0]!();
    await flush();
    expect(calls).toEqual(['timer.idle']);
    expect(intervals.size).toBe(0); // the core paused for idleness: no more polling
    policy.setTimer(views.shortBreak());
    expect(intervals.size).toBe(1);
    policy.stop();
    expect(intervals.size).toBe(0);
  });
});

describe('power and idle policy on a real core', () => {
  let core: Core;
  let clock: TestClock;
  afterEach(async () => core?.close());

  /** The core's heartbeat while the machine is awake: the timer state every 30 s up to `until`. */
  const awakeUntil = async (until: string) => {
    while (clock.now().getTime() < Date.parse(until)) {
      clock.set(new Date(Math.min(clock.now().getTime() + 30_000, Date.parse(until))).toISOString());
      await core.call('timer.state', {});
    }
  };

  const policyOn = (idleSeconds: () => number) => {
    const policy = new PowerIdlePolicy({
      invoke: (channel, input) => core.invoke(channel, input),
      idle: { read: idleSeconds, platform: 'linux', sessionType: 'x11' },
      clock: () => clock.now().getTime(),
      timers: noTimers,
    });
    policy.setThresholds(300, 900);
    return policy;
  };

  it('suspend at T pauses at T: the hours asleep are not study', async () => {
    ({ core, clock } = await openTestCore('2026-03-02T09:00:00.000Z', 'UTC', { timer: { scheduler: { setTimeout: () => 0, clearTimeout: () => undefined } } }));
    const policy = policyOn(() => 0);
    policy.setTimer(await core.call('timer.start', { mode: 'stopwatch' }));
    await awakeUntil('2026-03-02T09:40:00.000Z');
    await policy.suspend();
    clock.set('2026-03-02T10:40:00.000Z'); // still within the pause limit: the run goes on
    await policy.resume();
    const view = await core.call('timer.state', {});
    expect(view).toMatchObject({ status: 'paused', pause_reason: 'suspend', paused_at: '2026-03-02T09:40:00.000Z', focus_ms: 40 * 60_000 });
  });

  it('idle since T, discarded, takes away exactly the idle span', async () => {
    ({ core, clock } = await openTestCore('2026-03-02T09:00:00.000Z', 'UTC', { timer: { scheduler: { setTimeout: () => 0, clearTimeout: () => undefined } } }));
    const policy = policyOn(() => 7 * 60 + 30); // no input for 7.5 minutes
    policy.setTimer(await core.call('timer.start', { mode: 'stopwatch' }));
    await awakeUntil('2026-03-02T09:20:00.000Z');
    await policy.poll();
    const asked = await core.call('timer.state', {});
    expect(asked).toMatchObject({ status: 'paused', pause_reason: 'idle', idle_since: '2026-03-02T09:12:30.000Z' });
    await awakeUntil('2026-03-02T09:21:00.000Z');
    const after = await core.call('timer.discardIdle', {});
    expect(after.focus_ms).toBe(12.5 * 60_000);
    expect(after.paused_total_ms).toBe(8.5 * 60_000);
  });
});
