import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from './core';
import { openTestCore, type TestClock } from './test-support/test-core';

// A student in America/New_York (rollover 04:00, streak minimum 10 minutes). Every expected
// number below is worked out by hand from these sessions, not read back from the code.
//
// Week 2026-W10 (Mon 2 – Sun 8 March) holds the US spring-forward night (8 March, 02:00 -> 03:00):
//   A  Mon 2  18:00-19:00 EST, Calculus, productivity 4            60 min  (day 2)   30 pts
//   B  Sat 7  23:00 EST -> Sun 8 01:30 EST, no class, across midnight 150 min (day 7)   75 pts
//   C  Sun 8  01:30 EST (06:30Z) -> 05:00 EDT (09:00Z), Biology     150 min wall, crosses the 04:00
//      rollover at 08:00Z: 90 min on day 7, 60 on day 8; test 8/10 (80 %) ending with it: day 8  75 + 8
//   D  Sun 8  20:00-21:00 EDT, 10 min paused, Calculus, prod. 2      50 min  (day 8)   25 pts;
//      flashcards 15/20 (75 %) in its last 30 minutes: day 8                            15 pts
// Days: 2 -> 60, 7 -> 150 + 90 = 240, 8 -> 60 + 50 = 110; week 410 min, 4 sessions, 228 points.
let core: Core;
let clock: TestClock;
let calc: string;
let bio: string;

beforeAll(async () => {
  ({ core, clock } = await openTestCore('2026-04-02T16:00:00Z', 'America/New_York'));
  calc = (await core.call('classes.create', { name: 'Calculus' })).class.id;
  bio = (await core.call('classes.create', { name: 'Biology' })).class.id;
  const add = async (input: Parameters<Core['call']>[1] & object) =>
    (await core.call('sessions.createManual', input as never)).session.id as string;
  await add({ class_id: calc, start_time: '2026-03-02T18:00:00-05:00', end_time: '2026-03-02T19:00:00-05:00', productivity_rating: 4 });
  await add({ start_time: '2026-03-07T23:00:00-05:00', end_time: '2026-03-08T01:30:00-05:00' });
  const c = await add({ class_id: bio, start_time: '2026-03-08T01:30:00-05:00', end_time: '2026-03-08T05:00:00-04:00' });
  await core.call('sessions.logActivity', { session_id: c, activity_type: 'testing', items_completed: 10, items_correct: 8, duration_minutes: 20 });
  const d = await add({ class_id: calc, start_time: '2026-03-08T20:00:00-04:00', end_time: '2026-03-08T21:00:00-04:00', paused_seconds: 600, productivity_rating: 2 });
  await core.call('sessions.logActivity', { session_id: d, activity_type: 'flashcards', items_completed: 20, items_correct: 15, duration_minutes: 30 });
});
afterAll(async () => core.close());

describe('the weekly report', () => {
  it('totals a DST week to the minute, splitting at the rollover hour', async () => {
    const r = await core.call('reports.weekly', { week: '2026-W10' });
    expect([r.week_start, r.week_end]).toEqual(['2026-03-02', '2026-03-08']);
    expect(r.daily_breakdown.map((d) => [d.date.slice(8), d.minutes, d.sessions, d.points])).toEqual([
      ['02', 60, 1, 30], ['03', 0, 0, 0], ['04', 0, 0, 0], ['05', 0, 0, 0], ['06', 0, 0, 0],
      ['07', 240, 2, 150], ['08', 110, 1, 48],
    ]);
    expect(r.summary).toMatchObject({
      total_study_minutes: 410,
      total_sessions: 4,
      avg_daily_minutes: 58.6, // 410 / 7
      avg_session_duration: 102.5, // (60 + 150 + 150 + 50) / 4
      points_earned: 228,
      tests_taken: 1,
      avg_test_score: 80,
      flashcards_reviewed: 20,
      flashcard_accuracy: 75,
      days_studied: 3,
      streak_days: 2, // 8 and 7 March; the 6th is empty
      streak_maintained: false,
      // 40 x min(1, 410/420) + 20 x 3/7 + 20 x (3-1)/4 + 20 x 23/30 = 39.05 + 8.57 + 10 + 15.33
      productivity_score: 72.95,
    });
    expect(r.top_subjects.map((s) => [s.class_name, s.minutes, s.share])).toEqual([
      ['Biology', 150, 36.6], ['No class', 150, 36.6], ['Calculus', 110, 26.8],
    ]);
    expect(r.charts.minutes_per_activity_type).toEqual([
      { activity_type: 'flashcards', minutes: 30, count: 1 },
      { activity_type: 'testing', minutes: 20, count: 1 },
    ]);
    expect(r.charts.accuracy_per_day).toEqual([{ date: '2026-03-08', accuracy: 76.67, items: 30 }]);
    expect(r.sessions).toHaveLength(4);
  });

  it('spreads the heatmap over local hours, DST gap included', async () => {
    const r = await core.call('reports.weekly', { week: '2026-W10' });
    const cell = (weekday: number, hour: number) => r.charts.hour_heatmap.find((h) => h.weekday === weekday && h.hour === hour)?.minutes ?? 0;
    expect(cell(1, 18)).toBe(60); // A, Monday 18:00
    expect([cell(6, 23), cell(7, 0), cell(7, 1)]).toEqual([60, 60, 60]); // B 23:00-01:30, then C from 01:30
    expect(cell(7, 2)).toBe(0); // 02:00-03:00 did not exist that night
    expect([cell(7, 3), cell(7, 4)]).toEqual([60, 60]); // C until 05:00 EDT
    expect(cell(7, 20)).toBe(50); // D: 60 wall minutes, 50 active
    expect(r.charts.hour_heatmap.reduce((s, h) => s + h.minutes, 0)).toBe(410);
  });

  it('gives the same numbers from cached snapshots as from scratch', async () => {
    const first = await core.call('reports.weekly', { week: '2026-W10' });
    const { rows } = await core.db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM analytics_snapshots WHERE snapshot_type = 'daily' AND snapshot_date BETWEEN '2026-03-02' AND '2026-03-08'`,
    );
    expect(rows[0]!.n).toBe(7);
    expect(await core.call('reports.weekly', { week: '2026-W10' })).toEqual(first);
  });

  it('is all zeros for an empty week, never NaN', async () => {
    const r = await core.call('reports.weekly', { week: '2026-W05' });
    expect(r.summary).toMatchObject({
      total_study_minutes: 0, total_sessions: 0, avg_daily_minutes: 0, avg_session_duration: 0, avg_test_score: null,
      flashcard_accuracy: null, productivity_score: 0, streak_days: 0, streak_maintained: false,
    });
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(r.performance_highlights).toEqual(['No study recorded this week.']);
  });
});

describe('the daily report', () => {
  it('lists the sessions that started on the study day and the minutes that fell in it', async () => {
    const r = await core.call('reports.daily', { date: '2026-03-07' });
    expect(r.summary).toMatchObject({ total_study_minutes: 240, sessions_count: 2, points_earned: 150, tests_taken: 0 });
    expect(r.sessions.map((s) => s.duration_minutes).sort()).toEqual([150, 150]);
    const next = await core.call('reports.daily', { date: '2026-03-08' });
    expect(next.summary).toMatchObject({ total_study_minutes: 110, sessions_count: 1, points_earned: 48, tests_taken: 1, flashcards_reviewed: 20 });
  });
});

describe("the monthly report's comparison with the month before", () => {
  it('counts the month before to the minute, cached or not', async () => {
    const cachedMarch = async () =>
      (await core.db.query(`SELECT total_study_minutes FROM analytics_snapshots WHERE snapshot_type = 'monthly' AND snapshot_date = '2026-03-01'`)).rows;
    // 41 minutes in April against March's 410: (41 - 410) / 410 = -90 %.
    const april = (await core.call('sessions.createManual', { start_time: '2026-04-01T10:00:00-04:00', end_time: '2026-04-01T10:41:00-04:00' })).session.id;
    const sentence = '90% less study time than the period before (410 minutes).';
    try {
      expect(await cachedMarch()).toEqual([]);
      expect((await core.call('reports.monthly', { month: '2026-04' })).performance_highlights).toContain(sentence);
      await core.call('reports.monthly', { month: '2026-03' });
      expect(await cachedMarch()).toEqual([{ total_study_minutes: 410 }]);
      expect((await core.call('reports.monthly', { month: '2026-04' })).performance_highlights).toContain(sentence);
    } finally {
      await core.call('sessions.delete', { session_id: april });
    }
  });
});

describe('the monthly report', () => {
  it('sums the month and breaks it down by ISO week', async () => {
    const r = await core.call('reports.monthly', { month: '2026-03' });
    expect(r.summary).toMatchObject({ total_study_minutes: 410, total_sessions: 4, total_points: 228 });
    expect(r.weekly_breakdown.map((w) => [w.week, w.minutes])).toEqual([
      ['2026-W09', 0], ['2026-W10', 410], ['2026-W11', 0], ['2026-W12', 0], ['2026-W13', 0], ['2026-W14', 0],
    ]);
    expect(r.performance_summary).toMatchObject({ tests_taken: 1, avg_test_score: 80, flashcard_accuracy: 75 });
    expect(r.daily_breakdown).toHaveLength(31);
  });
});

describe('a student who moves', () => {
  it('keeps each session on its own zone’s study day', async () => {
    // Week 2026-W09: Tue 24 Feb 19:00-20:00 in Berlin (18:00Z), then Thu 26 Feb 19:00-20:30 in
    // New York (00:00Z on the 27th: a UTC calendar would put it on Friday).
    await core.call('settings.update', { time_zone: 'Europe/Berlin' });
    await core.call('sessions.createManual', { start_time: '2026-02-24T19:00:00+01:00', end_time: '2026-02-24T20:00:00+01:00' });
    await core.call('settings.update', { time_zone: 'America/New_York' });
    await core.call('sessions.createManual', { start_time: '2026-02-26T19:00:00-05:00', end_time: '2026-02-26T20:30:00-05:00' });
    const r = await core.call('reports.weekly', { week: '2026-W09' });
    expect(r.daily_breakdown.filter((d) => d.minutes > 0).map((d) => [d.date, d.minutes])).toEqual([
      ['2026-02-24', 60], ['2026-02-26', 90],
    ]);
    expect(r.summary.total_study_minutes).toBe(150);
  });
});

describe('the EU spring-forward night', () => {
  it('counts true elapsed minutes in Berlin', async () => {
    clock.set('2026-04-02T16:00:00Z');
    await core.call('settings.update', { time_zone: 'Europe/Berlin' });
    // 29 March 01:30 CET (00:30Z) -> 03:30 CEST (01:30Z): the clock says 2 h, 60 minutes passed;
    // 01:30 is before the 04:00 rollover, so it is Saturday the 28th's evening.
    await core.call('sessions.createManual', { start_time: '2026-03-29T01:30:00+01:00', end_time: '2026-03-29T03:30:00+02:00' });
    const r = await core.call('reports.range', { start_date: '2026-03-28', end_date: '2026-03-29' });
    expect(r.daily_breakdown.map((d) => [d.date, d.minutes])).toEqual([['2026-03-28', 60], ['2026-03-29', 0]]);
    await core.call('settings.update', { time_zone: 'America/New_York' });
  });
});

describe('the report of the week under way', () => {
  it('is cached for the day only: the next day moves its streak, and a new session moves it again', async () => {
    // Berlin, rollover 04:00, minimum 10 minutes. 30 minutes on Sun 8 and Mon 9 March; today is
    // Tue 10 March (not studied yet, so the streak of 2 stands until the day is over).
    const { core: own, clock: ownClock } = await openTestCore('2026-03-10T14:00:00Z', 'Europe/Berlin');
    try {
      for (const day of ['2026-03-08', '2026-03-09']) {
        await own.call('sessions.createManual', { start_time: `${day}T10:00:00Z`, end_time: `${day}T10:30:00Z` });
      }
      const week = async () => (await own.call('reports.weekly', { week: '2026-W11' })).summary;
      expect(await week()).toMatchObject({ streak_days: 2, total_study_minutes: 30 });
      expect(await week()).toMatchObject({ streak_days: 2, total_study_minutes: 30 }); // from the cache

      ownClock.set('2026-03-12T14:00:00Z'); // Tue 10 and Wed 11 missed: the streak is broken
      expect(await week()).toMatchObject({ streak_days: 0, total_study_minutes: 30 });

      await own.call('sessions.createManual', { start_time: '2026-03-12T12:00:00Z', end_time: '2026-03-12T12:45:00Z' });
      expect(await week()).toMatchObject({ streak_days: 1, total_study_minutes: 75, days_studied: 2 });
    } finally {
      await own.close();
    }
  });
});

describe("the monthly report's weekly breakdown", () => {
  it('equals each ISO week on its own, the weeks that straddle the month included', async () => {
    // By now the file has put sessions in late February (W09, which ends on 1 March) and in March.
    for (const month of ['2026-02', '2026-03']) {
      const r = await core.call('reports.monthly', { month });
      expect(r.weekly_breakdown.length).toBeGreaterThanOrEqual(4);
      for (const w of r.weekly_breakdown) {
        const week = await core.call('reports.weekly', { week: w.week });
        expect(w, `${month} ${w.week}`).toEqual({
          week: w.week,
          week_start: week.week_start,
          minutes: week.summary.total_study_minutes,
          sessions: week.summary.total_sessions,
        });
      }
    }
    const feb = await core.call('reports.monthly', { month: '2026-02' });
    expect(feb.weekly_breakdown.find((w) => w.week === '2026-W09')!.minutes).toBeGreaterThan(0);
  });
});

describe('snapshot_rows', () => {
  it('refuses weeks and months that do not start on their first day (rows join their period by it)', async () => {
    const call = (grain: string, from: string) =>
      core.db.query(`SELECT * FROM snapshot_rows($1, $2, $3, '2026-03-31', '2026-03-31', false)`, [core.userId, grain, from]);
    await expect(call('week', '2026-03-04')).rejects.toThrow(/a week starts on its first day, not on 2026-03-04/);
    await expect(call('month', '2026-03-02')).rejects.toThrow(/a month starts on its first day/);
    expect((await call('week', '2026-03-02')).rows).toHaveLength(5);
    expect((await call('month', '2026-03-01')).rows).toHaveLength(1);
  });
});
