import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from './core';
import { openTestCore, type TestClock } from './test-support/test-core';

let core: Core;
let clock: TestClock;

beforeEach(async () => {
  ({ core, clock } = await openTestCore('2026-03-10T14:00:00Z', 'Europe/Berlin'));
});
afterEach(async () => core.close());

async function study(minutes: number): Promise<Awaited<ReturnType<Core['call']>> & object> {
  const { session_id } = await core.call('sessions.start', {});
  clock.advanceMinutes(minutes);
  return core.call('sessions.end', { session_id });
}

describe('a study_time goal', () => {
  it('follows the sessions: 75 % after 90 of 120 minutes, each milestone reported once, then completes', async () => {
    const { goal } = await core.call('goals.create', {
      goal_type: 'study_time',
      goal_name: 'Two hours of calculus',
      target_value: 120,
      target_date: '2026-03-20',
    });
    expect(goal).toMatchObject({ unit: 'minutes', start_date: '2026-03-10', status: 'active', percentage_complete: 0 });

    const milestones: number[] = [];
    core.events.on('goal.milestone', (m) => milestones.push(m.milestone));

    const first = (await study(90)) as { milestones: Array<{ milestone: number; milestone_name: string }> };
    expect(first.milestones.map((m) => m.milestone_name)).toEqual(['25% reached', '50% reached', '75% reached']);
    let [listed] = (await core.call('goals.list', {})).goals;
    expect(listed).toMatchObject({ current_value: 90, percentage_complete: 75, status: 'active', milestones_reached: [25, 50, 75] });

    clock.advanceMinutes(60);
    const second = (await study(10)) as { milestones: unknown[] };
    expect(second.milestones).toEqual([]); // still 83 %: nothing new

    clock.advanceMinutes(60);
    const endOfThird = new Date(Date.parse(clock.iso()) + 20 * 60_000).toISOString();
    const third = (await study(20)) as { milestones: Array<{ milestone: number }> };
    expect(third.milestones.map((m) => m.milestone)).toEqual([100]);
    [listed] = (await core.call('goals.list', {})).goals;
    expect(listed).toMatchObject({ status: 'completed', completed_at: endOfThird, current_value: 120, percentage_complete: 100 });
    expect(milestones).toEqual([25, 50, 75, 100]);

    const progress = await core.db.query<{ recorded_date: string; progress_value: number; milestone_name: string | null }>(
      'SELECT recorded_date, progress_value, milestone_name FROM goal_progress ORDER BY recorded_date',
    );
    expect(progress.rows).toEqual([{ recorded_date: '2026-03-10', progress_value: 120, milestone_name: 'Goal complete' }]);
  });

  it('reopens when a deleted session takes it back below target', async () => {
    const { goal } = await core.call('goals.create', { goal_type: 'study_time', goal_name: 'Hour', target_value: 60, target_date: '2026-03-12' });
    const done = (await study(60)) as { session_id: string };
    expect((await core.call('goals.list', {})).goals[0]!.status).toBe('completed');
    await core.call('sessions.delete', { session_id: done.session_id });
    const [after] = (await core.call('goals.list', {})).goals;
    expect(after).toMatchObject({ goal_id: goal.goal_id, status: 'active', current_value: 0, completed_at: null });
  });

  it('counts only its class and its date window', async () => {
    const bio = await core.call('classes.create', { name: 'Biology' });
    await core.call('goals.create', {
      goal_type: 'study_time', goal_name: 'Bio', class_id: bio.class.id, target_value: 100, start_date: '2026-03-10', target_date: '2026-03-11',
    });
    await core.call('sessions.createManual', { class_id: bio.class.id, start_time: '2026-03-09T10:00:00Z', end_time: '2026-03-09T11:00:00Z' });
    await core.call('sessions.createManual', { start_time: '2026-03-10T08:00:00Z', end_time: '2026-03-10T09:00:00Z' });
    await core.call('sessions.createManual', { class_id: bio.class.id, start_time: '2026-03-10T10:00:00Z', end_time: '2026-03-10T10:40:00Z' });
    const chem = await core.call('classes.create', { name: 'Chemistry' });
    // Recomputed from scratch (a manual session moves every goal of its kind): another class's
    // minutes inside the window do not count either.
    await core.call('sessions.createManual', { class_id: chem.class.id, start_time: '2026-03-10T12:00:00Z', end_time: '2026-03-10T12:30:00Z' });
    expect((await core.call('goals.list', {})).goals[0]!.current_value).toBe(40);
  });
});

describe("the goals a timed session moves", () => {
  it("are its own class's, those of no class and every streak goal: each follows the session and its activities", async () => {
    const bio = (await core.call('classes.create', { name: 'Biology' })).class.id;
    const chem = (await core.call('classes.create', { name: 'Chemistry' })).class.id;
    const goal = (name: string, goal_type: string, target_value: number, class_id?: string) =>
      core.call('goals.create', { goal_type, goal_name: name, target_value, target_date: '2026-03-31', ...(class_id ? { class_id } : {}) } as never);
    await goal('Bio time', 'study_time', 600, bio);
    await goal('All time', 'study_time', 600);
    await goal('Chem tests', 'test_score', 90, chem);
    await goal('All tests', 'test_score', 90);
    await goal('Chem streak', 'streak', 5, chem);
    const values = async () => Object.fromEntries((await core.call('goals.list', {})).goals.map((g) => [g.goal_name, g.current_value]));
    const timed = async (class_id: string | null, minutes: number, test?: [number, number]) => {
      const { session_id } = await core.call('sessions.start', class_id ? { class_id } : {});
      clock.advanceMinutes(minutes);
      if (test) await core.call('sessions.logActivity', { session_id, activity_type: 'testing', items_completed: test[0], items_correct: test[1], duration_minutes: 5 });
      await core.call('sessions.end', { session_id });
    };

    await timed(bio, 30, [10, 8]); // Biology: 30 minutes, a test at 80 %; today now qualifies for the streak
    expect(await values()).toEqual({ 'Bio time': 30, 'All time': 30, 'Chem tests': 0, 'All tests': 80, 'Chem streak': 1 });
    await timed(null, 15); // no class: only the goals of no class
    expect(await values()).toEqual({ 'Bio time': 30, 'All time': 45, 'Chem tests': 0, 'All tests': 80, 'Chem streak': 1 });
    await timed(chem, 20, [10, 10]); // Chemistry: its test goal, and the average of both tests
    expect(await values()).toEqual({ 'Bio time': 30, 'All time': 65, 'Chem tests': 100, 'All tests': 90, 'Chem streak': 1 });
  });
});

describe('goal lifecycle', () => {
  it('expires a goal whose target date passed short of target', async () => {
    await core.call('goals.create', { goal_type: 'study_time', goal_name: 'Short', target_value: 600, target_date: '2026-03-11' });
    await study(30);
    clock.set('2026-03-11T22:00:00Z'); // still the 11th in Berlin
    expect((await core.call('goals.list', {})).goals[0]!.status).toBe('active');
    clock.set('2026-03-12T04:30:00Z'); // 05:30 on the 12th in Berlin: past the 04:00 rollover
    const [goal] = (await core.call('goals.list', { status: 'expired' })).goals;
    expect(goal).toMatchObject({ goal_name: 'Short', status: 'expired', current_value: 30 });
  });

  it('opens the next period of a recurring goal', async () => {
    await core.call('goals.create', {
      goal_type: 'study_time', goal_name: 'Weekly 5h', target_value: 300, start_date: '2026-03-09', target_date: '2026-03-15',
      is_recurring: true, recurrence_pattern: 'weekly',
    });
    clock.set('2026-03-17T12:00:00Z');
    const goals = (await core.call('goals.list', {})).goals;
    expect(goals.map((g) => [g.start_date, g.target_date, g.status])).toEqual([
      ['2026-03-16', '2026-03-22', 'active'],
      ['2026-03-09', '2026-03-15', 'expired'],
    ]);
  });

  it('takes manual progress on custom goals only, with milestones', async () => {
    const { goal } = await core.call('goals.create', { goal_type: 'custom', goal_name: 'Read 10 chapters', target_value: 10, unit: 'chapters', target_date: '2026-04-01' });
    const half = await core.call('goals.recordProgress', { goal_id: goal.goal_id, progress_value: 5 });
    expect(half).toMatchObject({ percentage_complete: 50, milestone_reached: true, milestone_name: '50% reached', status: 'active' });
    const same = await core.call('goals.recordProgress', { goal_id: goal.goal_id, progress_value: 6 });
    expect(same).toMatchObject({ percentage_complete: 60, milestone_reached: false, milestone_name: null });
    const auto = await core.call('goals.create', { goal_type: 'study_time', goal_name: 'Auto', target_value: 10, target_date: '2026-04-01' });
    const refused = await core.invoke('goals.recordProgress', { goal_id: auto.goal.goal_id, progress_value: 5 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('re-evaluates completion when the target changes', async () => {
    const { goal } = await core.call('goals.create', { goal_type: 'study_time', goal_name: 'G', target_value: 200, target_date: '2026-03-20' });
    await study(100);
    const updated = await core.call('goals.update', { goal_id: goal.goal_id, target_value: 100 });
    expect(updated.goal).toMatchObject({ status: 'completed', percentage_complete: 100 });
    expect(updated.milestones.map((m) => m.milestone)).toEqual([75, 100]);
  });

  it('soft-deletes a goal', async () => {
    const { goal } = await core.call('goals.create', { goal_type: 'custom', goal_name: 'X', target_value: 1, target_date: '2026-03-20' });
    await core.call('goals.delete', { goal_id: goal.goal_id });
    expect((await core.call('goals.list', {})).goals).toEqual([]);
    expect(await core.invoke('goals.delete', { goal_id: goal.goal_id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('achievements', () => {
  it('awards a 3-day streak with its bonus exactly once', async () => {
    for (let day = 0; day < 3; day++) {
      clock.set(`2026-03-1${day}T10:00:00Z`);
      await study(15);
    }
    const list = (await core.call('achievements.list', {})).achievements.filter((a) => a.earned).map((a) => a.achievement_key);
    expect(list).toEqual(['first_session', 'streak_3']);
    const points = await core.call('points.summary', {});
    expect(points.streak_days).toBe(3);
    expect(points.total_points).toBe(3 * 7 + 10);
  });

  it('recognises a perfect test on at least ten items', async () => {
    const { session_id } = await core.call('sessions.start', {});
    const res = await core.call('sessions.logActivity', { session_id, activity_type: 'testing', items_completed: 10, items_correct: 10 });
    expect(res.achievements.map((a) => a.achievement_key)).toContain('perfect_test');
  });
});

describe('a streak goal', () => {
  // 30 minutes on each of the 20 days before today (2026-02-18 … 2026-03-09), nothing yet today.
  async function twentyDayStreak(): Promise<void> {
    for (let d = 1; d <= 20; d++) {
      const day = new Date(Date.parse('2026-03-10T10:00:00Z') - d * 86_400_000);
      await core.call('sessions.createManual', {
        start_time: day.toISOString(),
        end_time: new Date(day.getTime() + 30 * 60_000).toISOString(),
      });
    }
  }
  const valueOf = async (name: string) => (await core.call('goals.list', {})).goals.find((g) => g.goal_name === name)!.current_value;

  it('drops to the run left when a session inside it is deleted, even while capped', async () => {
    await twentyDayStreak();
    await core.call('goals.create', { goal_type: 'streak', goal_name: 'Late', target_value: 10, start_date: '2026-03-05', target_date: '2026-03-31' });
    await study(30); // 21 days; the late goal capped at its 6 days
    expect(await valueOf('Late')).toBe(6);
    const yesterday = (await core.call('sessions.list', { start_date: '2026-03-09', end_date: '2026-03-09' })).sessions[0]!;
    await core.call('sessions.delete', { session_id: yesterday.id });
    expect(await valueOf('Late')).toBe(1); // only today is left of the run
    await study(30); // below its cap now: read again, and yesterday's gap still counts
    expect(await valueOf('Late')).toBe(1);
  });

  it('counts the streak, but only the days inside its own window, and falls to 1 after a missed day', async () => {
    await twentyDayStreak();
    expect((await core.call('points.summary', {})).streak_days).toBe(20);
    // Started 2026-03-05: six days of its window have passed (today unfinished still counts them).
    await core.call('goals.create', { goal_type: 'streak', goal_name: 'Late', target_value: 10, start_date: '2026-03-05', target_date: '2026-03-31' });
    // Started long before the streak: the whole 20 days, longer than the first window read.
    await core.call('goals.create', { goal_type: 'streak', goal_name: 'Early', target_value: 30, start_date: '2026-02-01', target_date: '2026-03-31' });
    expect(await valueOf('Late')).toBe(6);
    expect(await valueOf('Early')).toBe(20);

    await study(30); // today qualifies: 21 days, capped at 6 for the late goal
    expect(await valueOf('Late')).toBe(6);
    expect(await valueOf('Early')).toBe(21);
    await study(20); // more time on a capped day moves nothing; the uncapped goal stays at 21 too
    expect([await valueOf('Late'), await valueOf('Early')]).toEqual([6, 21]);

    clock.set('2026-03-12T14:00:00Z'); // 2026-03-11 missed
    await study(30);
    expect(await valueOf('Late')).toBe(1);
    expect(await valueOf('Early')).toBe(1);
    expect((await core.call('points.summary', {})).streak_days).toBe(1);
  });
});
