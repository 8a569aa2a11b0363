import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TimerView } from '../../../shared/contract/timer';
import { Core } from '../core';
import { openTestCore, TestClock } from '../test-support/test-core';
import { timerOf } from './engine';
import { FakeScheduler } from '../test-support/fake-scheduler';

const START = '2026-03-10T14:00:00.000Z';
const at = (m: number, s = 0) => new Date(Date.parse(START) + m * 60_000 + s * 1000).toISOString();

let core: Core;
let clock: TestClock;
let scheduler: FakeScheduler;
let changes: TimerView[] = [];

const pass = (minutes: number) => scheduler.advance(minutes, () => timerOf(core).settled());

async function session(id: string) {
  const { rows } = await core.db.query<{ end_time: string | null; paused_seconds: number; duration_minutes: number | null;
    last_heartbeat_at: string; focus_mode: string; class_id: string | null; mood_rating: number | null }>(
    `SELECT end_time, paused_seconds, duration_minutes, last_heartbeat_at, focus_mode, class_id, mood_rating
       FROM study_sessions WHERE id = $1`, [id]);
  return rows[0]!;
}

const outboxCount = async () => (await core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_outbox')).rows[0]!.n;

async function stopAny(): Promise<void> {
  if ((await core.call('timer.state', {})).status !== 'idle') await core.call('timer.stop', {});
}

describe('the timer engine on a real core', () => {
  beforeAll(async () => {
    clock = new TestClock(START);
    scheduler = new FakeScheduler(clock);
    ({ core } = await openTestCore(START, 'Europe/Berlin', { clock: clock.now, timer: { scheduler } }));
    core.events.on('timer.changed', (v) => changes.push(v));
  });
  afterAll(() => core?.close());
  beforeEach(async () => {
    await stopAny();
    clock.advanceMinutes(60);
    changes = [];
  });

  it('starts a pomodoro with its study session and goes to the break at the due instant', async () => {
    const { class: bio } = await core.call('classes.create', { name: 'Biology' });
    const t0 = clock.iso();
    const started = await core.call('timer.start', { class_id: bio.id });
    expect(started).toMatchObject({ status: 'focus', mode: 'pomodoro', class_id: bio.id, remaining_ms: 25 * 60_000 });
    expect(await session(started.session_id!)).toMatchObject({ focus_mode: 'pomodoro', class_id: bio.id, end_time: null });
    expect(changes.map((c) => c.status)).toEqual(['focus']);

    await pass(26);
    const inBreak = await core.call('timer.state', {});
    expect(inBreak).toMatchObject({ status: 'short_break', completed_focus: 1, segment_started_at: new Date(Date.parse(t0) + 25 * 60_000).toISOString() });
    expect(changes.at(-1)).toMatchObject({ status: 'short_break' });
    await pass(5);
    expect(await core.call('timer.state', {})).toMatchObject({ status: 'paused', pause_reason: 'break_over' });
    // The break is paused time of the one session the cycle keeps.
    expect((await session(started.session_id!)).paused_seconds).toBe(0);
    await core.call('timer.resume', {});
    expect((await session(started.session_id!)).paused_seconds).toBeGreaterThanOrEqual(5 * 60);
  });

  it('writes a heartbeat every 30 s that the sync outbox ignores', async () => {
    const { session_id } = await core.call('timer.start', { mode: 'stopwatch' });
    const outbox = await outboxCount();
    await pass(2);
    const row = await session(session_id!);
    expect(row.last_heartbeat_at).toBe(clock.iso());
    expect(await outboxCount()).toBe(outbox);
    expect(changes).toHaveLength(1); // heartbeats publish nothing: only the start did
  });

  it('pauses, resumes and stops with ratings; the session keeps exactly the paused time', async () => {
    const { session_id } = await core.call('timer.start', { mode: 'stopwatch' });
    await pass(10);
    await core.call('timer.pause', {});
    await pass(3.5);
    await core.call('timer.resume', {});
    await pass(20);
    const stopped = await core.call('timer.stop', { mood_rating: 4, productivity_rating: 5, notes: 'Chapter 4' });
    expect(stopped).toMatchObject({ session_id, duration_minutes: 30, timer: { status: 'idle' } });
    expect(await session(session_id!)).toMatchObject({ paused_seconds: 210, mood_rating: 4, end_time: clock.iso() });
    expect(scheduler.size).toBe(0); // nothing left ticking
  });

  it('answers what the stop earned: the goal milestones it crossed, and no achievement twice', async () => {
    const { class: chem } = await core.call('classes.create', { name: 'Chemistry' });
    const { goal } = await core.call('goals.create', {
      goal_type: 'study_time', goal_name: 'Stop milestones', class_id: chem.id, target_value: 40, target_date: '2026-12-31',
    });
    await core.call('timer.start', { mode: 'stopwatch', class_id: chem.id });
    await pass(21);
    const stopped = await core.call('timer.stop', {});
    expect(stopped.duration_minutes).toBe(21);
    expect(stopped.milestones.filter((m) => m.goal_id === goal.goal_id).map((m) => m.milestone)).toEqual([25, 50]);
    // first_session was earned by an earlier stop in this file: reported then, never twice.
    expect(stopped.achievements).toEqual([]);
    await core.call('goals.delete', { goal_id: goal.goal_id });
  });

  it('starts again at once after a stop within a second of its start (no overlap with the one-second session)', async () => {
    const first = await core.call('timer.start', { mode: 'stopwatch' });
    clock.advanceMinutes(0.4 / 60);
    const stopped = await core.call('timer.stop', {});
    const again = await core.call('timer.start', { mode: 'stopwatch' });
    expect(again.status).toBe('focus');
    const ended = await session(stopped.session_id);
    expect(Date.parse(ended.end_time!) - Date.parse(first.session_started_at!)).toBe(1000);
    const { rows } = await core.db.query<{ start_time: string }>('SELECT start_time FROM study_sessions WHERE id = $1', [again.session_id]);
    expect(rows[0]!.start_time).toBe(ended.end_time);
  });

  it('idle since T pauses at T; discard removes exactly the idle span', async () => {
    const t0 = Date.parse(clock.iso());
    const { session_id } = await core.call('timer.start', {});
    await pass(10);
    const since = new Date(t0 + 4 * 60_000 + 7_000).toISOString();
    const asked = await core.call('timer.idle', { since });
    expect(asked).toMatchObject({ status: 'paused', pause_reason: 'idle', idle_since: since, paused_at: since });
    await pass(2);
    await core.call('timer.discardIdle', {});
    await core.call('timer.resume', {});
    await pass(5);
    await core.call('timer.stop', {});
    const row = await session(session_id!);
    expect(row.paused_seconds).toBe(12 * 60 - (4 * 60 + 7)); // from 4:07 to 12:00
    expect(row.duration_minutes).toBe(9); // 4:07 before the idle span, 5:00 after
  });

  it('keep counts the idle span as study', async () => {
    const { session_id } = await core.call('timer.start', {});
    await pass(10);
    await core.call('timer.idle', { since: new Date(Date.parse(clock.iso()) - 6 * 60_000).toISOString() });
    await pass(1);
    expect(await core.call('timer.keepIdle', {})).toMatchObject({ status: 'focus', paused_ms: 0 });
    await pass(4);
    await core.call('timer.stop', {});
    expect(await session(session_id!)).toMatchObject({ paused_seconds: 0, duration_minutes: 15 });
  });

  it('a suspend reported late pauses at the instant it happened', async () => {
    await core.call('timer.start', {});
    await pass(10);
    const view = await core.call('timer.pause', { at: new Date(Date.parse(clock.iso()) - 90_000).toISOString(), reason: 'suspend' });
    expect(view).toMatchObject({ status: 'paused', pause_reason: 'suspend', phase_remaining_ms: 16.5 * 60_000 });
  });

  it('answers CONFLICT for transitions the state does not allow, and changes nothing', async () => {
    for (const channel of ['timer.pause', 'timer.resume', 'timer.skip', 'timer.stop', 'timer.keepIdle', 'timer.discardIdle'] as const) {
      expect((await core.invoke(channel, {})).ok ? 'ok' : 'refused', channel).toBe('refused');
    }
    const { session_id } = await core.call('timer.start', { mode: 'stopwatch' });
    const second = await core.invoke('timer.start', {});
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.invoke('timer.skip', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await core.call('sessions.active', {})).session?.id).toBe(session_id);
  });

  it('refuses to start while a session started elsewhere is open', async () => {
    const { session_id } = await core.call('sessions.start', {});
    expect(await core.invoke('timer.start', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.call('timer.state', {})).toMatchObject({ status: 'idle' });
    clock.advanceMinutes(5);
    await core.call('sessions.end', { session_id });
  });

  it('lets go of a session that was ended behind its back', async () => {
    const { session_id } = await core.call('timer.start', {});
    await pass(5);
    await core.call('sessions.end', { session_id: session_id! });
    expect(await core.call('timer.state', {})).toMatchObject({ status: 'idle' });
    await pass(30);
    expect(scheduler.size).toBe(0);
  });
});

describe('recovery when the core opens again', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'study-desk-timer-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function reopen(c: TestClock) {
    const s = new FakeScheduler(c);
    const opened = await Core.open({ dataDir: join(dir, 'pgdata'), clock: c.now, timeZone: 'UTC', maintenance: false,
      backupsDir: null, timer: { scheduler: s } });
    /** Lets time pass with the heartbeats ticking, as in a live app. */
    const live = (minutes: number) => s.advance(minutes, () => timerOf(opened).settled());
    return { core: opened, live };
  }

  it('resumes a run after a quick restart, and closes it at the last heartbeat after a long absence', async () => {
    const c = new TestClock(START);
    let app = await reopen(c);
    const started = await app.core.call('timer.start', {});
    await app.live(10);
    await app.core.close(); // the last heartbeat is written at 14:10

    c.set(at(10, 40)); // a restart: back within the heartbeat window, the timer goes on as it was
    app = await reopen(c);
    expect(await app.core.call('timer.state', {})).toMatchObject({ status: 'focus', phase_ends_at: at(25), paused_ms: 0 });
    await app.live(1 + 1 / 3);
    await app.core.close();

    c.set(at(14)); // silent for two minutes: that time is paused, the phase moves with it
    app = await reopen(c);
    expect(await app.core.call('timer.state', {})).toMatchObject({ status: 'focus', phase_ends_at: at(27), paused_ms: 120_000 });
    await app.live(1);
    await app.core.close();

    c.set(at(15 + 9 * 60)); // the next morning: the session ended at 14:15, never hours later
    app = await reopen(c);
    try {
      const view = await app.core.call('timer.state', {});
      expect(view).toMatchObject({ status: 'idle', recovered: { session_id: started.session_id, end_time: at(15) } });
      const session = await app.core.call('sessions.get', { session_id: started.session_id! });
      expect(session).toMatchObject({ end_time: at(15), paused_seconds: 120, duration_minutes: 13, last_heartbeat_at: at(15) });
    } finally {
      await app.core.close();
    }
  });
});
