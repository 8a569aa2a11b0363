import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../shared/contract/channels';
import type { PerformanceComparison } from '../../shared/contract/performance';
import type { Core } from './core';
import { openTestCore, type TestClock } from './test-support/test-core';

// An exchange student, rollover 04:00, 'today' = Mon 6 April 2026 (12:00 in New York). Every
// expected number below is worked out by hand from these rows, not read back from the code.
//
// Week 2026-W10 (2–8 March) in America/New_York holds the US spring-forward night (8 March):
//   S1  Mon 2   18:00-19:00 EST, Calculus                              60 min on day 2
//       reading 40 min
//   S2  Sat 7   23:00 EST -> Sun 8 01:30 EST, no class, across midnight 150 min on day 7
//   S3  Sun 8   01:30 EST (06:30Z) -> 05:00 EDT (09:00Z), Biology: 150 min of wall time; the 04:00
//       rollover (08:00Z) splits it: 90 min on day 7, 60 on day 8 (it is listed on day 7).
//       test 8/10 (80 %), 20 min from 08:30Z: day 8
//   S4  Sun 8   20:00-21:00 EDT, 10 min paused, Calculus                50 min on day 8
//       flashcards deck-1 15/20 (75 %), 30 min
//   W10: 60 + (150 + 90) + (60 + 50) = 410 min, 4 sessions, 1 test (80), 20 cards (75 %)
//        by class: Biology 150, no class 150, Calculus 110
// Week 2026-W13 (23–29 March) in Europe/Berlin holds the EU spring-forward night (29 March):
//   S5  Mon 23  20:00-21:30 CET, Biology                                90 min on day 23
//       test 18/20 (90 %), 25 min
//   S6  Sun 29  01:00 CET (00:00Z) -> 04:30 CEST (02:30Z), Calculus: the clock says 3.5 h, 150 min
//       passed; rollover 04:00 CEST = 02:00Z: 120 min on day 28, 30 on day 29
//   W13: 90 + 120 + 30 = 240 min, 2 sessions, 1 test (90)
// Week 2026-W14 (30 March – 5 April): the student moves from Berlin to New York on Wednesday:
//   S7  Tue 31  21:00-22:00 CEST (Berlin), Calculus                     60 min on day 31
//       flashcards deck-1 10/10 (100 %), 15 min
//   S8  Thu 2 April 22:00 EDT -> Fri 3 00:30 EDT (New York), Biology   150 min on day 2 (in UTC, and in
//       Berlin, it would be the 3rd); test 6/10 (60 %), 20 min from 23:00 EDT
//   W14: 60 + 150 = 210 min, 2 sessions, 1 test (60), 10 cards (100 %)
// Assignments (due dates in the student's zone, now New York):
//   Lab report, Biology, due Thu 5 March 23:59 EST, completed     -> W10
//   Problem set, Calculus, due Fri 6 March 17:00 EST, pending      -> W10
//   Essay, Biology, due Fri 3 April 23:00 EDT, completed           -> W14
// Classes: Calculus, Biology, Art (never studied), Latin (archived, never studied).

let core: Core;
let clock: TestClock;
const ids: Record<string, string> = {};

async function session(zone: string, input: ChannelInput<'sessions.createManual'>): Promise<string> {
  if (core.settings.time_zone !== zone) await core.call('settings.update', { time_zone: zone });
  return (await core.call('sessions.createManual', input)).session.id;
}

async function activity(input: ChannelInput<'sessions.logActivity'>): Promise<void> {
  await core.call('sessions.logActivity', input);
}

beforeAll(async () => {
  ({ core, clock } = await openTestCore('2026-04-06T16:00:00Z', 'America/New_York'));
  const cls = async (name: string) => (await core.call('classes.create', { name })).class.id;
  ids.calc = await cls('Calculus');
  ids.bio = await cls('Biology');
  ids.art = await cls('Art');
  ids.latin = await cls('Latin');
  await core.call('classes.archive', { class_id: ids.latin });

  const NY = 'America/New_York';
  const BERLIN = 'Europe/Berlin';
  const s1 = await session(NY, { class_id: ids.calc, start_time: '2026-03-02T18:00:00-05:00', end_time: '2026-03-02T19:00:00-05:00' });
  await activity({ session_id: s1, activity_type: 'reading', start_time: '2026-03-02T18:05:00-05:00', duration_minutes: 40 });
  await session(NY, { start_time: '2026-03-07T23:00:00-05:00', end_time: '2026-03-08T01:30:00-05:00' });
  const s3 = await session(NY, { class_id: ids.bio, start_time: '2026-03-08T01:30:00-05:00', end_time: '2026-03-08T05:00:00-04:00' });
  await activity({ session_id: s3, activity_type: 'testing', start_time: '2026-03-08T08:30:00Z', duration_minutes: 20, items_completed: 10, items_correct: 8 });
  const s4 = await session(NY, {
    class_id: ids.calc, start_time: '2026-03-08T20:00:00-04:00', end_time: '2026-03-08T21:00:00-04:00', paused_seconds: 600,
  });
  await activity({
    session_id: s4, activity_type: 'flashcards', content_id: 'deck-1', start_time: '2026-03-08T20:20:00-04:00', duration_minutes: 30,
    items_completed: 20, items_correct: 15,
  });

  const s5 = await session(BERLIN, { class_id: ids.bio, start_time: '2026-03-23T20:00:00+01:00', end_time: '2026-03-23T21:30:00+01:00' });
  await activity({ session_id: s5, activity_type: 'testing', start_time: '2026-03-23T20:10:00+01:00', duration_minutes: 25, items_completed: 20, items_correct: 18 });
  ids.s6 = await session(BERLIN, { class_id: ids.calc, start_time: '2026-03-29T01:00:00+01:00', end_time: '2026-03-29T04:30:00+02:00' });
  const s7 = await session(BERLIN, { class_id: ids.calc, start_time: '2026-03-31T21:00:00+02:00', end_time: '2026-03-31T22:00:00+02:00' });
  await activity({
    session_id: s7, activity_type: 'flashcards', content_id: 'deck-1', start_time: '2026-03-31T21:10:00+02:00', duration_minutes: 15,
    items_completed: 10, items_correct: 10,
  });
  const s8 = await session(NY, { class_id: ids.bio, start_time: '2026-04-02T22:00:00-04:00', end_time: '2026-04-03T00:30:00-04:00' });
  await activity({ session_id: s8, activity_type: 'testing', start_time: '2026-04-02T23:00:00-04:00', duration_minutes: 20, items_completed: 10, items_correct: 6 });

  const assignment = async (title: string, classId: string, due: string, done: boolean) => {
    const { assignment: a } = await core.call('assignments.create', { title, class_id: classId, due_at: due });
    if (done) await core.call('assignments.setStatus', { assignment_id: a.id, status: 'completed' });
  };
  await assignment('Lab report', ids.bio, '2026-03-05T23:59:00-05:00', true);
  await assignment('Problem set', ids.calc, '2026-03-06T17:00:00-05:00', false);
  await assignment('Essay', ids.bio, '2026-04-03T23:00:00-04:00', true);
});
afterAll(async () => core.close());

/** performance.comparison, its output narrowed to the kind asked for. */
async function compare<K extends PerformanceComparison['compare_by']>(
  on: Core,
  input: ChannelInput<'performance.comparison'> & { compare_by: K },
): Promise<Extract<PerformanceComparison, { compare_by: K }>> {
  const out = await on.call('performance.comparison', input);
  if (out.compare_by !== input.compare_by) throw new Error(`asked for ${input.compare_by}, got ${out.compare_by}`);
  return out as Extract<PerformanceComparison, { compare_by: K }>;
}

const noNaN = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/NaN|Infinity/);

describe('performance.overview', () => {
  it('measures the US DST week to the minute, split at midnight-crossing and rollover-crossing sessions', async () => {
    const o = await core.call('performance.overview', { period: 'weekly', date: '2026-03-04' });
    expect(o.period).toEqual({ type: 'weekly', start_date: '2026-03-02', end_date: '2026-03-08', days_elapsed: 7 });
    expect(o.metrics).toEqual({
      // 410 / 7 = 58.57. Trend: W05..W10 ended before the first study day (2 March) except W10: one point.
      study_time: { total_minutes: 410, avg_per_day: 58.6, sessions: 4, trend: 'insufficient_data', trend_percentage: 0 },
      test_performance: { tests_taken: 1, avg_score: 80, trend: 'insufficient_data', trend_percentage: 0 },
      // deck-1's latest review this week scored 75 %: not mastered.
      flashcard_mastery: { cards_reviewed: 20, accuracy: 75, mastered_count: 0, trend: 'insufficient_data', trend_percentage: 0 },
      assignment_completion: { total_assignments: 2, completed: 1, completion_rate: 50 },
    });
    expect(o.strengths).toEqual([]);
    // Classes this week: Biology 150, Calculus 110, Art 0 (Latin is archived). 0 < 150 x 25 %.
    expect(o.areas_for_improvement).toEqual([
      'Completed 1 of 2 assignments due this week (50%).',
      'Art got 0 minutes this week, Biology 150 minutes.',
    ]);
    expect(o.recommendations).toEqual(['Schedule a session for Art: 0 minutes this week against 150 for Biology.']);
  });

  it('measures the EU DST week and fits the trend over the six weeks ending with it', async () => {
    const o = await core.call('performance.overview', { period: 'weekly', date: '2026-03-29' });
    expect(o.period).toEqual({ type: 'weekly', start_date: '2026-03-23', end_date: '2026-03-29', days_elapsed: 7 });
    // Minutes per day of W10..W13 (W08, W09 ended before the first study day): 410, 0, 0, 240 (/7).
    // x̄ = 1.5, ȳ = 162.5; Σdx·dy = −1.5·247.5 − 0.5·(−162.5) + 0.5·(−162.5) + 1.5·77.5 = −255, Σdx² = 5
    // slope −51, change −51 × 3 = −153 = −94.2 % of the mean: declining.
    expect(o.metrics.study_time).toEqual({ total_minutes: 240, avg_per_day: 34.3, sessions: 2, trend: 'declining', trend_percentage: -94.2 });
    // Tests in W10 (80) and W13 (90): two points.
    expect(o.metrics.test_performance).toEqual({ tests_taken: 1, avg_score: 90, trend: 'insufficient_data', trend_percentage: 0 });
    expect(o.metrics.flashcard_mastery).toEqual({ cards_reviewed: 0, accuracy: null, mastered_count: 0, trend: 'insufficient_data', trend_percentage: 0 });
    expect(o.metrics.assignment_completion).toEqual({ total_assignments: 0, completed: 0, completion_rate: null });
    expect(o.strengths).toEqual(['Test average 90% across 1 test.']);
    expect(o.areas_for_improvement).toEqual([
      'Study time is down 94.2% over the last 6 weeks: 34.3 minutes a day this week.',
      'Art got 0 minutes this week, Calculus 150 minutes.',
    ]);
    // 34.3 a day is above the window's mean (650 / 28 = 23.2): no "get back to your average".
    expect(o.recommendations).toEqual(['Schedule a session for Art: 0 minutes this week against 150 for Calculus.']);
  });

  it('follows the student across the move from Berlin to New York', async () => {
    const o = await core.call('performance.overview', { period: 'weekly', date: '2026-04-01' });
    expect(o.metrics.study_time).toMatchObject({ total_minutes: 210, avg_per_day: 30, sessions: 2 });
    // S8 (22:00 EDT on 2 April) is 02:00Z on the 3rd: its own zone keeps it on Thursday the 2nd.
    const thu = await core.call('performance.overview', { period: 'daily', date: '2026-04-02' });
    const fri = await core.call('performance.overview', { period: 'daily', date: '2026-04-03' });
    expect([thu.metrics.study_time.total_minutes, fri.metrics.study_time.total_minutes]).toEqual([150, 0]);
    // Minutes of W10..W14: 410, 0, 0, 240, 210; ȳ = 172, Σdx·dy = −2·238 − 1·(−172) + 0 + 1·68 + 2·38 = −160,
    // Σdx² = 10: slope −16, change −64 = −37.2 %.
    expect(o.metrics.study_time).toMatchObject({ trend: 'declining', trend_percentage: -37.2 });
    // Tests of W10, W13, W14: 80, 90, 60; ȳ = 76.67, Σdx·dy = −3.33 − 16.67 = −20, slope −10, change −20 = −26.1 %.
    expect(o.metrics.test_performance).toEqual({ tests_taken: 1, avg_score: 60, trend: 'declining', trend_percentage: -26.1 });
    // deck-1's latest review this week (S7) scored 100 %.
    expect(o.metrics.flashcard_mastery).toEqual({ cards_reviewed: 10, accuracy: 100, mastered_count: 1, trend: 'insufficient_data', trend_percentage: 0 });
    expect(o.metrics.assignment_completion).toEqual({ total_assignments: 1, completed: 1, completion_rate: 100 });
    expect(o.strengths).toEqual([
      'Flashcard accuracy 100% over 10 cards.',
      '1 flashcard deck mastered (90% or better on the latest review).',
      'Completed 1 of 1 assignments due this week (100%).',
    ]);
    expect(o.areas_for_improvement).toEqual([
      'Study time is down 37.2% over the last 6 weeks: 30 minutes a day this week.',
      'Test average 60% across 1 test is below 70%.',
      'Test scores are down 26.1% over the last 6 weeks.',
      'Test average 60% is below your flashcard accuracy 100%.',
      'Art got 0 minutes this week, Biology 150 minutes.',
    ]);
    // Window mean: (410 + 0 + 0 + 240 + 210) / 7 / 5 = 24.57 minutes a day; 30 now is above it.
    expect(o.recommendations).toEqual([
      'Practise with timed tests: 60% on tests against 100% on flashcards.',
      'Go over the questions you missed: tests averaged 60% this week.',
      'Schedule a session for Art: 0 minutes this week against 150 for Biology.',
    ]);
  });

  it('filters by class', async () => {
    const o = await core.call('performance.overview', { period: 'weekly', date: '2026-03-08', class_id: ids.calc });
    // Calculus in W10: S1 60 + S4 50; deck-1 15/20.
    expect(o.class_id).toBe(ids.calc);
    expect(o.metrics).toMatchObject({
      study_time: { total_minutes: 110, avg_per_day: 15.7, sessions: 2 },
      test_performance: { tests_taken: 0, avg_score: null },
      flashcard_mastery: { cards_reviewed: 20, accuracy: 75, mastered_count: 0 },
      assignment_completion: { total_assignments: 1, completed: 0, completion_rate: 0 },
    });
    expect(o.recommendations).toEqual(['Keep your pace of 15.7 minutes a day this week.']);
  });

  it('sums March, both DST nights and the move included', async () => {
    const o = await core.call('performance.overview', { period: 'monthly', date: '2026-03-15' });
    // W10 410 + W13 240 + S7 60 (31 March) = 710 over 31 days = 22.9; sessions S1..S7.
    // Tests 80 and 90 → 85; cards 20 + 10 → 25 / 30 = 83.33 %; deck-1 last reviewed on the 31st at 100 %.
    expect(o.metrics).toEqual({
      study_time: { total_minutes: 710, avg_per_day: 22.9, sessions: 7, trend: 'insufficient_data', trend_percentage: 0 },
      test_performance: { tests_taken: 2, avg_score: 85, trend: 'insufficient_data', trend_percentage: 0 },
      flashcard_mastery: { cards_reviewed: 30, accuracy: 83.33, mastered_count: 1, trend: 'insufficient_data', trend_percentage: 0 },
      assignment_completion: { total_assignments: 2, completed: 1, completion_rate: 50 },
    });
  });

  it('splits a day at the rollover hour, not at midnight', async () => {
    const sat = await core.call('performance.overview', { period: 'daily', date: '2026-03-07' });
    // S2 (23:00-01:30) and the first 90 minutes of S3 (01:30-04:00 EDT) belong to Saturday.
    // Days 2..7: 60, 0, 0, 0, 0, 240; ȳ = 50, Σdx·dy = −2.5·10 + 1.5·50 + 0.5·50 − 0.5·50 − 1.5·50 + 2.5·190
    // = 450, Σdx² = 17.5: slope 25.71, change × 5 = 128.57 = +257.1 %.
    expect(sat.metrics.study_time).toEqual({ total_minutes: 240, avg_per_day: 240, sessions: 2, trend: 'improving', trend_percentage: 257.1 });
    expect(sat.metrics.test_performance.tests_taken).toBe(0);
    const sun = await core.call('performance.overview', { period: 'daily', date: '2026-03-08' });
    // S3's last 60 minutes and S4; only S4 started on Sunday. S3's test began at 04:30 EDT: Sunday.
    expect(sun.metrics.study_time).toMatchObject({ total_minutes: 110, sessions: 1 });
    expect(sun.metrics.test_performance).toMatchObject({ tests_taken: 1, avg_score: 80 });
  });

  it('covers all of history from the first study day to today', async () => {
    const o = await core.call('performance.overview', { period: 'all_time' });
    // 2 March .. 6 April = 36 days; 860 minutes → 23.9 a day. Tests 80, 90, 60 → 76.67.
    // All three assignments are due by today; two are done. Monthly trend: March is the only
    // finished month with data (April is still running).
    expect(o.period).toEqual({ type: 'all_time', start_date: '2026-03-02', end_date: '2026-04-06', days_elapsed: 36 });
    expect(o.metrics).toEqual({
      study_time: { total_minutes: 860, avg_per_day: 23.9, sessions: 8, trend: 'insufficient_data', trend_percentage: 0 },
      test_performance: { tests_taken: 3, avg_score: 76.67, trend: 'insufficient_data', trend_percentage: 0 },
      flashcard_mastery: { cards_reviewed: 30, accuracy: 83.33, mastered_count: 1, trend: 'insufficient_data', trend_percentage: 0 },
      assignment_completion: { total_assignments: 3, completed: 2, completion_rate: 66.67 },
    });
    // Biology 390, Calculus 320, Art 0.
    expect(o.areas_for_improvement).toEqual(['Art got 0 minutes overall, Biology 390 minutes.']);
    expect(o.recommendations).toEqual([
      '1 of 3 assignments due overall is not completed yet.',
      'Schedule a session for Art: 0 minutes overall against 390 for Biology.',
    ]);
  });

  it('is zeros and insufficient_data for an empty week, never NaN', async () => {
    const o = await core.call('performance.overview', { period: 'weekly', date: '2026-01-28' });
    expect(o.metrics).toEqual({
      study_time: { total_minutes: 0, avg_per_day: 0, sessions: 0, trend: 'insufficient_data', trend_percentage: 0 },
      test_performance: { tests_taken: 0, avg_score: null, trend: 'insufficient_data', trend_percentage: 0 },
      flashcard_mastery: { cards_reviewed: 0, accuracy: null, mastered_count: 0, trend: 'insufficient_data', trend_percentage: 0 },
      assignment_completion: { total_assignments: 0, completed: 0, completion_rate: null },
    });
    expect(o.strengths).toEqual([]);
    expect(o.areas_for_improvement).toEqual(['No study time recorded this week.']);
    expect(o.recommendations).toEqual(['Start with one 25-minute focus session.']);
    noNaN(o);
  });

  it('rejects a date after today and a class that does not exist', async () => {
    await expect(core.call('performance.overview', { period: 'daily', date: '2026-04-07' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(core.call('performance.overview', { class_id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('performance.trends', () => {
  it('lists weekly study minutes and fits minutes per day', async () => {
    const t = await core.call('performance.trends', { metric_type: 'study_time', period: 'weekly', count: 6, date: '2026-04-01' });
    expect(t.data_points.map((p) => [p.week, p.period_start, p.value, p.sample_size, p.in_progress])).toEqual([
      ['2026-W09', '2026-02-23', 0, 0, false],
      ['2026-W10', '2026-03-02', 410, 4, false],
      ['2026-W11', '2026-03-09', 0, 0, false],
      ['2026-W12', '2026-03-16', 0, 0, false],
      ['2026-W13', '2026-03-23', 240, 2, false],
      ['2026-W14', '2026-03-30', 210, 2, false],
    ]);
    // W09 ended before the first study day; the other five as in the overview: −37.2 %.
    expect([t.overall_trend, t.trend_percentage]).toEqual(['declining', -37.2]);
  });

  it('leaves weeks without tests out of the test-average fit', async () => {
    const t = await core.call('performance.trends', { metric_type: 'test_average', period: 'weekly', count: 6, date: '2026-04-01' });
    expect(t.data_points.map((p) => [p.week, p.value, p.sample_size])).toEqual([
      ['2026-W09', null, 0], ['2026-W10', 80, 1], ['2026-W11', null, 0], ['2026-W12', null, 0], ['2026-W13', 90, 1], ['2026-W14', 60, 1],
    ]);
    expect([t.overall_trend, t.trend_percentage]).toEqual(['declining', -26.1]);
  });

  it('shows flashcard accuracy and assignment completion with their samples', async () => {
    const cards = await core.call('performance.trends', { metric_type: 'flashcard_mastery', period: 'weekly', count: 6, date: '2026-04-01' });
    expect(cards.data_points.filter((p) => p.sample_size > 0).map((p) => [p.week, p.value, p.sample_size])).toEqual([
      ['2026-W10', 75, 20], ['2026-W14', 100, 10],
    ]);
    expect(cards.overall_trend).toBe('insufficient_data');
    const due = await core.call('performance.trends', { metric_type: 'assignment_completion', period: 'monthly', count: 3 });
    // February: none due; March: 1 of 2; April (running): the essay, done.
    expect(due.data_points.map((p) => [p.month, p.value, p.sample_size, p.in_progress])).toEqual([
      ['2026-02', null, 0, false], ['2026-03', 50, 2, false], ['2026-04', 100, 1, true],
    ]);
    expect(due.overall_trend).toBe('insufficient_data');
  });

  it('filters by class', async () => {
    const t = await core.call('performance.trends', { metric_type: 'study_time', period: 'monthly', count: 2, class_id: ids.bio });
    // Biology: March S3 150 + S5 90; April S8 150.
    expect(t.data_points.map((p) => [p.month, p.value, p.sample_size])).toEqual([['2026-03', 240, 2], ['2026-04', 150, 1]]);
  });
});

describe('performance.comparison', () => {
  it('ranks every class by minutes over all time, the unstudied one and "No class" included', async () => {
    const c = await compare(core, { compare_by: 'class', period: 'all_time' });
    expect(c.comparisons).toEqual([
      // Biology: S3 150 + S5 90 + S8 150; tests 80, 90, 60.
      { class_id: ids.bio, class_name: 'Biology', study_minutes: 390, sessions: 3, tests_taken: 3, avg_test_score: 76.67, cards_reviewed: 0, accuracy: null, rank: 1 },
      // Calculus: S1 60 + S4 50 + S6 150 + S7 60; cards 15/20 + 10/10.
      { class_id: ids.calc, class_name: 'Calculus', study_minutes: 320, sessions: 4, tests_taken: 0, avg_test_score: null, cards_reviewed: 30, accuracy: 83.33, rank: 2 },
      { class_id: null, class_name: 'No class', study_minutes: 150, sessions: 1, tests_taken: 0, avg_test_score: null, cards_reviewed: 0, accuracy: null, rank: 3 },
      { class_id: ids.art, class_name: 'Art', study_minutes: 0, sessions: 0, tests_taken: 0, avg_test_score: null, cards_reviewed: 0, accuracy: null, rank: 4 },
    ]);
  });

  it('breaks a tie in minutes by name', async () => {
    const c = await compare(core, { compare_by: 'class', period: 'weekly', date: '2026-03-05' });
    expect(c.comparisons.map((r) => [r.class_name, r.study_minutes, r.rank])).toEqual([
      ['Biology', 150, 1], ['No class', 150, 2], ['Calculus', 110, 3], ['Art', 0, 4],
    ]);
  });

  it('compares a week with the one before', async () => {
    const c = await compare(core, { compare_by: 'period', period: 'weekly', date: '2026-04-01' });
    expect([c.period.start_date, c.previous_period.start_date]).toEqual(['2026-03-30', '2026-03-23']);
    expect(c.comparisons).toEqual([
      { metric: 'study_minutes', current: 210, previous: 240, change: -30, change_percentage: -12.5 },
      { metric: 'sessions', current: 2, previous: 2, change: 0, change_percentage: 0 },
      { metric: 'avg_test_score', current: 60, previous: 90, change: -30, change_percentage: -33.3 },
      { metric: 'flashcard_accuracy', current: 100, previous: null, change: null, change_percentage: null },
    ]);
  });

  it('ranks activity types by minutes with their accuracy', async () => {
    const c = await compare(core, { compare_by: 'activity_type', period: 'monthly', date: '2026-03-01' });
    // March: tests 20 + 25 min, 26/30; flashcards 30 + 15 min, 25/30; reading 40 min.
    expect(c.comparisons).toEqual([
      { activity_type: 'flashcards', activities: 2, minutes: 45, items_completed: 30, accuracy: 83.33, rank: 1 },
      { activity_type: 'testing', activities: 2, minutes: 45, items_completed: 30, accuracy: 86.67, rank: 2 },
      { activity_type: 'reading', activities: 1, minutes: 40, items_completed: 0, accuracy: null, rank: 3 },
      { activity_type: 'assignment', activities: 0, minutes: 0, items_completed: 0, accuracy: null, rank: 4 },
      { activity_type: 'chat', activities: 0, minutes: 0, items_completed: 0, accuracy: null, rank: 5 },
      { activity_type: 'notes', activities: 0, minutes: 0, items_completed: 0, accuracy: null, rank: 6 },
      { activity_type: 'video', activities: 0, minutes: 0, items_completed: 0, accuracy: null, rank: 7 },
    ]);
    const all = await compare(core, { compare_by: 'activity_type', period: 'all_time' });
    // All of history adds April's test (20 min, 6/10): testing 65 min, 32/40 = 80 %.
    expect(all.comparisons.slice(0, 3)).toEqual([
      { activity_type: 'testing', activities: 3, minutes: 65, items_completed: 40, accuracy: 80, rank: 1 },
      { activity_type: 'flashcards', activities: 2, minutes: 45, items_completed: 30, accuracy: 83.33, rank: 2 },
      { activity_type: 'reading', activities: 1, minutes: 40, items_completed: 0, accuracy: null, rank: 3 },
    ]);
  });

  it('has no previous period for all_time', async () => {
    await expect(core.call('performance.comparison', { compare_by: 'period', period: 'all_time' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('cached periods', () => {
  const cachedRows = async () =>
    (await core.db.query<{ metric_period: string; period_start: string; class_id: string | null; metric_type: string; id: string }>(
      `SELECT metric_period, period_start::text, class_id, metric_type, id FROM performance_metrics ORDER BY 1, 2, 3, 4`,
    )).rows;

  it('stores closed periods with their sums, samples and trends', async () => {
    await core.call('performance.trends', { metric_type: 'study_time', period: 'weekly', count: 6, date: '2026-04-01' });
    const { rows } = await core.db.query(
      `SELECT metric_type, metric_value, sample_size, value_sum, trend FROM performance_metrics
        WHERE metric_period = 'weekly' AND period_start = '2026-03-30' AND class_id IS NULL ORDER BY metric_type`,
    );
    expect(rows).toEqual([
      { metric_type: 'assignment_completion', metric_value: 100, sample_size: 1, value_sum: 1, trend: 'insufficient_data' },
      { metric_type: 'flashcard_mastery', metric_value: 100, sample_size: 10, value_sum: 10, trend: 'insufficient_data' },
      { metric_type: 'study_time', metric_value: 210, sample_size: 2, value_sum: 210, trend: 'declining' },
      { metric_type: 'test_average', metric_value: 60, sample_size: 1, value_sum: 60, trend: 'declining' },
    ]);
  });

  it('gives the same numbers from the cache as from scratch', async () => {
    const calls: Array<[string, unknown]> = [
      ['performance.overview', { period: 'weekly', date: '2026-03-29' }],
      ['performance.overview', { period: 'monthly', date: '2026-03-01', class_id: ids.calc }],
      ['performance.overview', { period: 'all_time' }],
      ['performance.trends', { metric_type: 'test_average', period: 'weekly', count: 10 }],
      ['performance.comparison', { compare_by: 'class', period: 'all_time' }],
      ['performance.comparison', { compare_by: 'activity_type', period: 'all_time' }],
    ];
    const run = async () => Promise.all(calls.map(([channel, input]) => core.invoke(channel, input)));
    const warm = await run();
    expect(warm.every((r) => r.ok)).toBe(true);
    expect((await cachedRows()).length).toBeGreaterThan(0);
    await core.db.exec('DELETE FROM performance_metrics');
    expect(await run()).toEqual(warm);
    expect(await run()).toEqual(warm);
  });

  it('drops only the periods from a changed study day on', async () => {
    await core.call('performance.overview', { period: 'all_time' });
    await core.call('performance.trends', { metric_type: 'study_time', period: 'weekly', count: 10 });
    const before = await cachedRows();
    const has = (rows: typeof before, period: string, start: string) => rows.some((r) => r.metric_period === period && r.period_start === start);
    expect(has(before, 'weekly', '2026-03-23') && has(before, 'monthly', '2026-03-01') && has(before, 'weekly', '2026-03-02')).toBe(true);

    // S6 belongs to Saturday 28 March: W13 and March (and later) go, W10 and February stay as they were.
    await core.call('sessions.update', { session_id: ids.s6!, end_time: '2026-03-29T04:00:00+02:00' });
    const after = await cachedRows();
    expect(has(after, 'weekly', '2026-03-23') || has(after, 'monthly', '2026-03-01') || has(after, 'weekly', '2026-03-30')).toBe(false);
    const kept = before.filter((r) => r.period_start < '2026-03-23' && !(r.metric_period === 'monthly' && r.period_start === '2026-03-01'));
    expect(after).toEqual(kept);

    // 30 minutes less on the 29th (S6 now ends at 04:00 CEST, the rollover).
    const o = await core.call('performance.overview', { period: 'weekly', date: '2026-03-29' });
    expect(o.metrics.study_time).toMatchObject({ total_minutes: 210, sessions: 2 });
    await core.call('sessions.update', { session_id: ids.s6!, end_time: '2026-03-29T04:30:00+02:00' });
    expect((await core.call('performance.overview', { period: 'weekly', date: '2026-03-29' })).metrics.study_time.total_minutes).toBe(240);
  });
});

describe('the period in progress', () => {
  it('adds the closed days of the week from the cache to today, and sees a change to an earlier day', async () => {
    // Wednesday 8 April, 11:00 EDT. Mon 6: 45 min; Wed 8: 30 min; an assignment due Friday.
    clock.set('2026-04-08T15:00:00Z');
    await session('America/New_York', { class_id: ids.calc, start_time: '2026-04-06T09:00:00-04:00', end_time: '2026-04-06T09:45:00-04:00' });
    await session('America/New_York', { class_id: ids.calc, start_time: '2026-04-08T10:00:00-04:00', end_time: '2026-04-08T10:30:00-04:00' });
    await core.call('assignments.create', { title: 'Quiz prep', class_id: ids.calc, due_at: '2026-04-10T17:00:00-04:00' });

    const o = await core.call('performance.overview', { period: 'weekly' });
    expect(o.period).toEqual({ type: 'weekly', start_date: '2026-04-06', end_date: '2026-04-12', days_elapsed: 3 });
    // 75 / 3 = 25 a day. The running week stays out of the study-time fit: W10..W14 as before.
    expect(o.metrics.study_time).toEqual({ total_minutes: 75, avg_per_day: 25, sessions: 2, trend: 'declining', trend_percentage: -37.2 });
    // Due Friday, not done yet: counted, but not held against the week while it runs.
    expect(o.metrics.assignment_completion).toEqual({ total_assignments: 1, completed: 0, completion_rate: 0 });
    expect(o.areas_for_improvement).not.toContain('Completed 0 of 1 assignments due this week (0%).');
    expect(o.recommendations).toContain('1 of 1 assignments due this week is not completed yet.');
    const { rows } = await core.db.query<{ day: string }>(
      `SELECT DISTINCT period_start::text AS day FROM performance_metrics WHERE metric_period = 'daily' AND period_start >= '2026-04-06' ORDER BY 1`,
    );
    expect(rows.map((r) => r.day)).toEqual(['2026-04-06', '2026-04-07']); // today is live

    // Tuesday was cached as empty; a session added to it now counts.
    await session('America/New_York', { start_time: '2026-04-07T20:00:00-04:00', end_time: '2026-04-07T20:20:00-04:00' });
    expect((await core.call('performance.overview', { period: 'weekly' })).metrics.study_time).toMatchObject({ total_minutes: 95, sessions: 3 });
  });
});

describe('a student with no history', () => {
  let empty: Core;
  beforeAll(async () => {
    ({ core: empty } = await openTestCore('2026-04-06T16:00:00Z', 'Europe/Berlin'));
  });
  afterAll(async () => empty.close());

  it('answers every channel with zeros, nulls and insufficient_data', async () => {
    const all = await empty.call('performance.overview', { period: 'all_time' });
    expect(all.period).toEqual({ type: 'all_time', start_date: '2026-04-06', end_date: '2026-04-06', days_elapsed: 1 });
    expect(all.metrics.study_time).toEqual({ total_minutes: 0, avg_per_day: 0, sessions: 0, trend: 'insufficient_data', trend_percentage: 0 });
    expect(all.metrics.test_performance.avg_score).toBeNull();
    for (const period of ['daily', 'weekly', 'monthly'] as const) noNaN(await empty.call('performance.overview', { period }));
    for (const metric_type of ['study_time', 'test_average', 'flashcard_mastery', 'assignment_completion'] as const) {
      const t = await empty.call('performance.trends', { metric_type, period: 'monthly', count: 4 });
      expect([t.overall_trend, t.trend_percentage]).toEqual(['insufficient_data', 0]);
      expect(t.data_points.every((p) => (metric_type === 'study_time' ? p.value === 0 : p.value === null) && p.sample_size === 0)).toBe(true);
    }
    const byClass = await compare(empty, { compare_by: 'class', period: 'all_time' });
    expect(byClass.comparisons).toEqual([]);
    const byPeriod = await compare(empty, { compare_by: 'period', period: 'monthly' });
    expect(byPeriod.comparisons.map((c) => [c.current, c.previous, c.change, c.change_percentage])).toEqual([
      [0, 0, 0, null], [0, 0, 0, null], [null, null, null, null], [null, null, null, null],
    ]);
    const byType = await compare(empty, { compare_by: 'activity_type', period: 'weekly' });
    expect(byType.comparisons.every((c) => c.minutes === 0 && c.accuracy === null)).toBe(true);
  });
});
