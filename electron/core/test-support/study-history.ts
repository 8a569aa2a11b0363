import type { Core } from '../core';
import type { TestClock } from './test-core';

/**
 * A few weeks of varied study history through the channels: classes (one archived), assignments,
 * sessions with activities, a deleted session, goals with progress (one retargeted after it), the
 * achievements and awards that follow, changed settings, and text that looks like SQL or is not
 * ASCII. `start` is the first day; the clock ends a little after the last session.
 */
export async function addStudyHistory(core: Core, clock: TestClock, start = '2026-02-02T08:00:00Z', days = 12): Promise<{ sessions: string[] }> {
  const day = (n: number, hour: number, minute = 0) => new Date(Date.parse(start) + n * 86_400_000 + hour * 3_600_000 + minute * 60_000).toISOString();
  clock.set(day(0, 0));
  const bio = (await core.call('classes.create', { name: 'Biology', code: 'BIO 101', color: '#2e7d32' })).class.id;
  const calc = (await core.call('classes.create', { name: 'Calculus — Ünïcode ✓' })).class.id;
  const old = (await core.call('classes.create', { name: 'Old class' })).class.id;
  await core.call('classes.archive', { class_id: old });
  await core.call('settings.update', { focus_minutes: 30, day_rollover_hour: 5 });
  const lab = (await core.call('assignments.create', { title: 'Lab report', class_id: bio, due_at: day(days, 20) })).assignment.id;
  await core.call('assignments.create', { title: "Robert'); DROP TABLE study_sessions;--", description: 'x'.repeat(300) });
  const goal = (await core.call('goals.create', { goal_type: 'study_time', goal_name: 'Ten hours', target_value: 600, start_date: start.slice(0, 10), target_date: day(days + 20, 0).slice(0, 10) })).goal.goal_id;
  const custom = (await core.call('goals.create', { goal_type: 'custom', goal_name: 'Chapters', target_value: 10, unit: 'chapters', target_date: day(days + 20, 0).slice(0, 10) })).goal.goal_id;

  const sessions: string[] = [];
  for (let n = 0; n < days; n++) {
    clock.set(day(n, 20));
    const s = (await core.call('sessions.createManual', {
      start_time: day(n, 9),
      end_time: day(n, 10, 15 + n),
      class_id: n % 2 ? calc : bio,
      paused_seconds: n * 30,
      mood_rating: (n % 5) + 1,
      notes: n === 3 ? "'; DELETE FROM point_awards; --" : n === 4 ? 'Zusammenfassung: Ökologie 🌱\nline two, "quoted"' : null,
    })).session.id;
    sessions.push(s);
    await core.call('sessions.logActivity', { session_id: s, activity_type: 'testing', start_time: day(n, 9, 5), end_time: day(n, 9, 35), items_completed: 30, items_correct: 10 + n });
    await core.call('sessions.logActivity', { session_id: s, activity_type: 'reading', start_time: day(n, 9, 40), duration_minutes: 20, metadata: { pages: n, chapter: `ch-${n}`, tags: ['a', 'b'] } });
    if (n % 4 === 0) await core.call('goals.recordProgress', { goal_id: custom, progress_value: n / 2 + 1, recorded_date: day(n, 12).slice(0, 10) });
  }
  await core.call('sessions.delete', { session_id: sessions[2]! });
  await core.call('goals.update', { goal_id: custom, target_value: 8 }); // progress rows keep their old percentages
  await core.call('goals.update', { goal_id: goal, priority: 'high' });
  await core.call('assignments.setStatus', { assignment_id: lab, status: 'completed' });
  clock.set(day(days, 21));
  return { sessions };
}
