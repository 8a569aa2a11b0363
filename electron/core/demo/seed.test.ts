import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../core';
import { ledgerMismatches, outboxMismatches } from '../test-support/invariants';
import { planDemo } from './plan';
import { type SeedCounts, seedDemo } from './seed';

const END = '2026-11-20T18:00:00Z';
const openCore = () => Core.open({ dataDir: null, clock: () => new Date(END), timeZone: 'Europe/Berlin', maintenance: false });

const SESSIONS = `
  SELECT id, class_id, start_time, end_time, duration_minutes, paused_seconds, points_earned, session_type, focus_mode,
         location, notes, mood_rating, productivity_rating, time_zone, source
    FROM study_sessions ORDER BY id`;
const ACTIVITIES = `
  SELECT id, session_id, activity_type, content_type, content_id, start_time, end_time, duration_minutes,
         items_completed, items_correct, accuracy_percentage, points_earned, metadata
    FROM session_activities ORDER BY id`;
const OTHERS = [
  'SELECT id, name, code, color, archived_at FROM classes ORDER BY id',
  'SELECT id, class_id, title, due_at, status, completed_at FROM assignments ORDER BY id',
  `SELECT id, goal_type, goal_name, target_value, current_value, start_date, target_date, status, milestones_reached,
          previous_goal_id FROM study_goals ORDER BY id`,
];

describe('the demo seed', () => {
  let first: Core;
  let second: Core;
  let counts: SeedCounts;

  beforeAll(async () => {
    first = await openCore();
    second = await openCore();
    counts = await seedDemo(first, { years: 0.1, end: END });
    await seedDemo(second, { years: 0.1, end: END });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const rows = async (core: Core, sql: string) => (await core.db.query(sql)).rows;

  it('writes the same rows, ids included, for the same options', async () => {
    const sessions = await rows(first, SESSIONS);
    expect(sessions.length).toBe(counts.sessions);
    expect(sessions.length).toBeGreaterThan(100);
    expect(await rows(second, SESSIONS)).toEqual(sessions);
    const activities = await rows(first, ACTIVITIES);
    expect(activities.length).toBe(counts.activities);
    expect(await rows(second, ACTIVITIES)).toEqual(activities);
    for (const sql of OTHERS) expect(await rows(second, sql)).toEqual(await rows(first, sql));
    expect(sessions.every((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(s.id)))).toBe(true);
  });

  it('gives a different history for a different seed', () => {
    const opts = { years: 0.1, end: END, timeZone: 'Europe/Berlin', rolloverHour: 4, streakMinMinutes: 10 };
    const a = planDemo({ ...opts, seed: 1 }).days[0]!.sessions[0]!;
    const b = planDemo({ ...opts, seed: 2 }).days[0]!.sessions[0]!;
    expect(a.id).not.toBe(b.id);
  });

  it('never overlaps two sessions, nor runs one past 24 hours or past the end', async () => {
    const [check] = await rows(
      first,
      `SELECT count(*) FILTER (WHERE start_time < previous_end)::integer AS overlaps,
              count(*) FILTER (WHERE end_time - start_time > interval '24 hours')::integer AS too_long,
              max(end_time) AS last_end
         FROM (SELECT start_time, end_time, lag(end_time) OVER (ORDER BY start_time) AS previous_end
                 FROM study_sessions) s`,
    );
    expect(check).toMatchObject({ overlaps: 0, too_long: 0 });
    expect(Date.parse(String(check!.last_end))).toBeLessThanOrEqual(Date.parse(END));
  });

  it('keeps every activity inside its session, with correct items never above completed ones', async () => {
    const [check] = await rows(
      first,
      `SELECT count(*) FILTER (WHERE a.start_time < s.start_time OR a.end_time > s.end_time)::integer AS outside,
              count(*) FILTER (WHERE a.items_correct > a.items_completed)::integer AS impossible
         FROM session_activities a JOIN study_sessions s ON s.id = a.session_id`,
    );
    expect(check).toEqual({ outside: 0, impossible: 0 });
  });

  it('awards each session exactly its points, through the ledger triggers', async () => {
    const mismatched = await rows(
      first,
      `SELECT s.id FROM study_sessions s
         LEFT JOIN (SELECT reference_id, sum(delta) AS total FROM point_awards WHERE reference_type = 'session'
                     GROUP BY reference_id) p ON p.reference_id = s.id
        WHERE coalesce(p.total, 0) <> s.points_earned`,
    );
    expect(mismatched).toEqual([]);
    expect(await ledgerMismatches(first.db)).toEqual([]);
    // Awards carry the instant of the day they were earned, not the seed's "now".
    const [days] = await rows(first, `SELECT count(DISTINCT created_at::date)::integer AS n FROM point_awards`);
    expect(days!.n).toBeGreaterThan(20);
  });

  it('puts every row it wrote in the sync outbox', async () => {
    expect(await outboxMismatches(first.db)).toEqual([]);
  });

  it('covers what the rules must handle: every activity type, a trip abroad, midnight, awkward notes', async () => {
    const [shape] = await rows(
      first,
      `SELECT (SELECT count(DISTINCT activity_type) FROM session_activities)::integer AS activity_types,
              (SELECT count(DISTINCT time_zone) FROM study_sessions)::integer AS zones,
              (SELECT count(*) FROM study_sessions
                WHERE (start_time AT TIME ZONE time_zone)::date <> (end_time AT TIME ZONE time_zone)::date)::integer
                AS across_midnight,
              (SELECT count(*) FROM study_sessions WHERE paused_seconds > 0)::integer AS paused,
              (SELECT count(*) FROM study_sessions WHERE notes ~ '[",]' OR notes LIKE '%' || chr(10) || '%')::integer
                AS awkward_notes,
              (SELECT count(*) FROM session_activities
                WHERE activity_type = 'testing' AND items_completed >= 10 AND items_correct = items_completed)::integer
                AS perfect_tests,
              (SELECT count(DISTINCT goal_type) FROM study_goals)::integer AS goal_types,
              (SELECT count(*) FROM achievements)::integer AS achievements`,
    );
    expect(shape).toMatchObject({ activity_types: 7, zones: 2, goal_types: 6 });
    for (const key of ['across_midnight', 'paused', 'awkward_notes', 'perfect_tests', 'achievements'] as const) {
      expect(shape![key], key).toBeGreaterThan(0);
    }
  });

  it('refuses to seed over existing study data', async () => {
    await expect(seedDemo(first, { years: 0.1, end: END })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses the data.seedDemo channel over existing study data without a step or a row', async () => {
    const steps: unknown[] = [];
    const off = first.events.on('task.progress', (p) => steps.push(p));
    const before = await rows(first, 'SELECT count(*)::integer AS n FROM study_sessions');
    const result = await first.invoke('data.seedDemo', { years: 1 });
    off();
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await rows(first, 'SELECT count(*)::integer AS n FROM study_sessions')).toEqual(before);
    expect(steps).toEqual([]);
  });
});

describe('data.seedDemo (Settings → Data)', () => {
  it('fills an empty profile, reporting every step in order as task.progress, then data.changed', async () => {
    const core = await openCore();
    try {
      const seen: string[] = [];
      const steps: Array<{ task: string; done: number; total: number; label: string }> = [];
      const offProgress = core.events.on('task.progress', (p) => (steps.push(p), seen.push('progress')));
      const offChanged = core.events.on('data.changed', () => seen.push('changed'));
      const counts = await core.call('data.seedDemo', { years: 1 });
      offProgress();
      offChanged();

      expect(counts.sessions).toBeGreaterThan(1000);
      const n = (await core.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM study_sessions')).rows[0]!.n;
      expect(counts.sessions).toBe(n);
      // One day batch per ~2,000 rows: a year gives several, so the bar moves more than once.
      const total = steps[0]!.total;
      expect(total).toBeGreaterThan(6);
      expect(steps.map((s) => s.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(steps.every((s) => s.task === 'seed_demo' && s.total === total && s.label.length > 0)).toBe(true);
      // The pages reload once the last step is done.
      expect(seen.lastIndexOf('changed')).toBeGreaterThan(seen.lastIndexOf('progress'));
    } finally {
      await core.close();
    }
  });
});

describe('the heavy plan (DESIGN §9)', () => {
  it('is four years of a heavy user: ~6,000 sessions, ~60,000 activities, 12 classes, ~40 goals', () => {
    const plan = planDemo({ years: 4, end: END, seed: 20_260_301, timeZone: 'Europe/Berlin', rolloverHour: 4, streakMinMinutes: 10 });
    const sessions = plan.days.flatMap((d) => d.sessions);
    const activities = plan.days.reduce((n, d) => n + d.activities.length, 0);
    expect(sessions.length).toBeGreaterThan(5500);
    expect(sessions.length).toBeLessThan(6500);
    expect(activities).toBeGreaterThan(55_000);
    expect(activities).toBeLessThan(65_000);
    expect(plan.classes).toHaveLength(12);
    expect(plan.goals.goals.length).toBeGreaterThanOrEqual(35);
    expect(plan.goals.goals.length).toBeLessThanOrEqual(50);
    expect(plan.assignments.length).toBeGreaterThan(100);
    const studyDays = plan.days.length / (Date.parse(END) - Date.parse(plan.firstDay)) * 86_400_000;
    expect(studyDays).toBeGreaterThan(0.7);
    expect(studyDays).toBeLessThan(0.8);
  });
});
