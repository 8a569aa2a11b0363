import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from './core';
import { ledgerMismatches, outboxMismatches } from './test-support/invariants';
import { openTestCore, type TestClock } from './test-support/test-core';

let core: Core;
let clock: TestClock;

beforeEach(async () => {
  ({ core, clock } = await openTestCore('2026-03-10T14:00:00Z', 'America/New_York'));
});
afterEach(async () => {
  expect(await ledgerMismatches(core.db)).toEqual([]);
  expect(await outboxMismatches(core.db)).toEqual([]);
  await core.close();
});

describe('the platform flow', () => {
  it('scores a 90-minute session with an 18/20 test at 63 points, level 3', async () => {
    const started = await core.call('sessions.start', { session_type: 'solo' });
    expect(started.start_time).toBe('2026-03-10T14:00:00.000Z');

    const activity = await core.call('sessions.logActivity', {
      session_id: started.session_id,
      activity_type: 'testing',
      items_completed: 20,
      items_correct: 18,
    });
    expect(activity.accuracy_percentage).toBe(90);
    expect(activity.points_earned).toBe(18);

    clock.advanceMinutes(90);
    const ended = await core.call('sessions.end', { session_id: started.session_id, mood_rating: 4, productivity_rating: 5 });
    expect(ended.duration_minutes).toBe(90);
    expect(ended.points_earned).toBe(45);

    const points = await core.call('points.summary', {});
    expect(points).toMatchObject({ total_points: 63, level: 3, streak_days: 1, today_points: 63 });
  });

  it('refuses to end a session twice or to start a second one, changing nothing', async () => {
    const { session_id } = await core.call('sessions.start', {});
    const second = await core.invoke('sessions.start', {});
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    clock.advanceMinutes(30);
    await core.call('sessions.end', { session_id });
    const outbox = await core.db.query('SELECT count(*) AS n FROM sync_outbox');
    const again = await core.invoke('sessions.end', { session_id });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await core.db.query('SELECT count(*) AS n FROM sync_outbox')).rows).toEqual(outbox.rows);
  });

  it('takes past start and end times for backfills', async () => {
    const { session_id } = await core.call('sessions.start', { start_time: '2026-03-10T08:00:00-05:00' });
    const ended = await core.call('sessions.end', { session_id, end_time: '2026-03-10T08:45:00-05:00' });
    expect(ended.duration_minutes).toBe(45);
    const future = await core.invoke('sessions.start', { start_time: '2026-03-10T15:00:00Z' });
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rejects an end before the start', async () => {
    const { session_id } = await core.call('sessions.start', { start_time: '2026-03-10T13:00:00Z' });
    const bad = await core.invoke('sessions.end', { session_id, end_time: '2026-03-10T12:59:00Z' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await core.call('sessions.active', {})).session?.id).toBe(session_id);
  });
});

describe('editing history keeps the point ledger exact', () => {
  it('re-scores an edited session and takes the points back on delete, returning them on restore', async () => {
    const { session } = await core.call('sessions.createManual', {
      start_time: '2026-03-09T18:00:00Z',
      end_time: '2026-03-09T19:00:00Z',
    });
    expect(session).toMatchObject({ duration_minutes: 60, points_earned: 30, source: 'manual', study_date: '2026-03-09' });
    await core.call('sessions.logActivity', {
      session_id: session.id,
      activity_type: 'flashcards',
      items_completed: 40,
      items_correct: 30,
      duration_minutes: 20,
    });
    expect((await core.call('points.summary', {})).total_points).toBe(60);

    const edited = await core.call('sessions.update', { session_id: session.id, end_time: '2026-03-09T20:00:00Z', paused_seconds: 600 });
    expect(edited.session).toMatchObject({ duration_minutes: 110, points_earned: 55 });
    expect((await core.call('points.summary', {})).total_points).toBe(85);

    await core.call('sessions.delete', { session_id: session.id });
    expect((await core.call('points.summary', {})).total_points).toBe(0);
    expect((await core.call('sessions.list', {})).total_count).toBe(0);

    const restored = await core.call('sessions.restore', { session_id: session.id });
    expect(restored.session.activities_count).toBe(1);
    expect((await core.call('points.summary', {})).total_points).toBe(85);

    const { rows } = await core.db.query<{ reason: string; delta: number }>(
      `SELECT reason, delta FROM point_awards WHERE reference_type = 'session' ORDER BY created_at, reason`,
    );
    expect(rows.map((r) => r.delta).reduce((a, b) => a + b, 0)).toBe(55);
  });

  it('corrects, deletes and restores an activity: points and a test-score goal follow, the ledger stays exact', async () => {
    const session = await core.call('sessions.createManual', { start_time: '2026-03-10T12:00:00Z', end_time: '2026-03-10T13:00:00Z' });
    const { goal } = await core.call('goals.create', { goal_type: 'test_score', goal_name: 'Tests', target_value: 90, target_date: '2026-03-31' });
    const logged = await core.call('sessions.logActivity', {
      session_id: session.session.id, activity_type: 'testing', start_time: '2026-03-10T12:10:00Z', items_completed: 20, items_correct: 12,
    });
    const goalValue = async () => (await core.call('goals.list', {})).goals.find((g) => g.goal_id === goal.goal_id)!.current_value;
    // Session minutes (30) + the activity's correct items + bonuses (completing the goal earns one).
    const bonuses = async () => (await core.call('achievements.list', {})).achievements.reduce((n, a) => n + (a.earned ? a.bonus_points : 0), 0);
    const total = async () => (await core.call('points.summary', {})).total_points - (await bonuses());
    expect(await goalValue()).toBe(60);

    const fixed = await core.call('sessions.updateActivity', { activity_id: logged.activity_id, items_correct: 19 });
    expect(fixed.activity).toMatchObject({ items_completed: 20, items_correct: 19, accuracy_percentage: 95, points_earned: 19 });
    expect(fixed.milestones.map((m) => m.milestone)).toEqual([75, 100]); // 60 of 90 had reached 25 and 50
    expect(await goalValue()).toBe(95);
    expect(await total()).toBe(30 + 19);

    const wrong = await core.invoke('sessions.updateActivity', { activity_id: logged.activity_id, items_completed: 10 });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'items_correct' }] } });

    await core.call('sessions.deleteActivity', { activity_id: logged.activity_id });
    expect((await core.call('sessions.get', { session_id: session.session.id })).activities).toEqual([]);
    expect(await goalValue()).toBe(0);
    expect(await total()).toBe(30);
    expect(await core.invoke('sessions.deleteActivity', { activity_id: logged.activity_id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const back = await core.call('sessions.restoreActivity', { activity_id: logged.activity_id });
    expect(back.activity.points_earned).toBe(19);
    expect(await goalValue()).toBe(95);
    expect(await total()).toBe(30 + 19);
  });

  it('refuses a hand-added session that overlaps another', async () => {
    await core.call('sessions.createManual', { start_time: '2026-03-09T18:00:00Z', end_time: '2026-03-09T19:00:00Z' });
    const overlapping = await core.invoke('sessions.createManual', {
      start_time: '2026-03-09T18:30:00Z',
      end_time: '2026-03-09T20:00:00Z',
    });
    expect(overlapping).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('announces what changed', async () => {
    const seen: string[][] = [];
    core.events.on('data.changed', (e) => seen.push(e.entities));
    const { session_id } = await core.call('sessions.start', {});
    clock.advanceMinutes(20);
    await core.call('sessions.end', { session_id });
    expect(seen[0]).toEqual(['sessions']);
    expect(seen[1]).toEqual(expect.arrayContaining(['sessions', 'points', 'achievements']));
  });
});

describe('listing', () => {
  it('filters by class and study-day range and totals the whole filter', async () => {
    const math = await core.call('classes.create', { name: 'Calculus', color: '#3366ff' });
    for (const [day, minutes, classId] of [
      ['2026-03-05', 30, math.class.id],
      ['2026-03-06', 45, null],
      ['2026-03-07', 60, math.class.id],
    ] as const) {
      const start = `${day}T15:00:00Z`;
      await core.call('sessions.createManual', {
        class_id: classId,
        start_time: start,
        end_time: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
      });
    }
    const all = await core.call('sessions.list', { limit: 2 });
    // floor(0.5 x minutes) per session: 15 + 22 + 30.
    expect(all).toMatchObject({ total_count: 3, total_minutes: 135, total_points: 67, avg_duration: 45 });
    expect(all.sessions.map((s) => s.study_date)).toEqual(['2026-03-07', '2026-03-06']);

    const calc = await core.call('sessions.list', { class_id: math.class.id, start_date: '2026-03-06', end_date: '2026-03-07' });
    expect(calc.sessions.map((s) => [s.class_name, s.duration_minutes])).toEqual([['Calculus', 60]]);
    expect(calc.total_minutes).toBe(60);
    expect(calc.total_points).toBe(30);
  });
});
