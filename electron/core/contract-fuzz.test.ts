import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Channel, type ChannelInput, CHANNEL_NAMES, channels } from '../../shared/contract/channels';
import { ASSIGNMENT_STATUSES } from '../../shared/contract/classes';
import { ACTIVITY_TYPES, FOCUS_MODES, SESSION_TYPES } from '../../shared/contract/common';
import { ERROR_CODES, type ErrorCode } from '../../shared/contract/errors';
import type { Settings } from '../../shared/contract/gamification';
import { GOAL_STATUSES, GOAL_TYPES, PRIORITIES, RECURRENCES } from '../../shared/contract/goals';
import { TIMER_MODES } from '../../shared/domain/timer';
import { COMPARE_BY, METRIC_TYPES, PERFORMANCE_PERIODS, TREND_PERIODS } from '../../shared/contract/performance';
import { Core } from './core';
import { startSync } from './sync/registry';
import { MemoryTokenStore } from './sync/token-store';

const fakePlatformLogin = async (url: string) =>
  url.endsWith('/api/auth/login')
    ? new Response(JSON.stringify({ access_token: 'a.b.c', refresh_token: 'r', expires_in: 900, user_id: '01890000-0000-7000-8000-000000000001' }), { status: 200 })
    : new Response('{}', { status: 401 });

// DESIGN §2: bad input on any channel is a typed error and never changes a row. Every channel in
// the contract is fuzzed against one seeded in-memory core; the fingerprint of every table in the
// public schema must not move.

const NOW = Date.parse('2026-03-10T18:00:00Z'); // 14:00 in New York, two days after the DST change
const MIN = 60_000;
const at = (ms: number) => new Date(ms).toISOString();
const NIL_IDS = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];

let clock = NOW;
let transferDir = ''; // backups and exports of the data.* channels
let transferFile = '';
let restorePoint = NIL_IDS[0]!;
let core: Core;
let seed: Seed;
let running = ''; // the session the positive controls start and end
let seededFingerprint = '';
let tables: string[] = []; // quoted names of every table in the public schema
let fingerprintSql = '';
let seededSettings: Settings;
let events = 0;
let zonesPgLacks: string[] = [];

// ---------------------------------------------------------------- the seeded state

interface Seed {
  userId: string;
  biology: string;
  calculus: string;
  /** Ended sessions: 2026-03-08 14:00–15:30Z (Biology) and 2026-03-09 13:00–14:00Z (Calculus). */
  s1: string;
  s2: string;
  gone: string; // soft-deleted
  active: string; // started 17:30Z
  activities: string[];
  /** An activity deleted on its own (its session lives): what sessions.restoreActivity takes. */
  deletedActivity: string;
  goals: { studyTime: string; testScore: string; flashcards: string; streak: string; handIns: string; custom: string };
  lab: string;
  problemSet: string;
}

async function seedState(): Promise<Seed> {
  const biology = (await core.call('classes.create', { name: 'Biology', code: 'BIO 101', color: '#2e7d32' })).class.id;
  const calculus = (await core.call('classes.create', { name: 'Calculus', code: 'MATH 201' })).class.id;
  const manual = async (start: string, end: string, extra: { class_id?: string; session_type?: 'group' } = {}) =>
    (await core.call('sessions.createManual', { start_time: start, end_time: end, mood_rating: 4, ...extra })).session.id;
  const log = async (input: ChannelInput<'sessions.logActivity'>) =>
    (await core.call('sessions.logActivity', input)).activity_id;

  const s1 = await manual('2026-03-08T14:00:00Z', '2026-03-08T15:30:00Z', { class_id: biology });
  const s2 = await manual('2026-03-09T13:00:00Z', '2026-03-09T14:00:00Z', { class_id: calculus, session_type: 'group' });
  const gone = await manual('2026-03-09T20:00:00Z', '2026-03-09T20:45:00Z');
  await core.call('sessions.delete', { session_id: gone });
  const activities = [
    await log({ session_id: s1, activity_type: 'testing', start_time: '2026-03-08T14:10:00Z', end_time: '2026-03-08T14:40:00Z',
      items_completed: 20, items_correct: 18 }),
    await log({ session_id: s1, activity_type: 'flashcards', start_time: '2026-03-08T14:45:00Z', end_time: '2026-03-08T15:15:00Z',
      items_completed: 30, items_correct: 21 }),
    await log({ session_id: s2, activity_type: 'reading', start_time: '2026-03-09T13:05:00Z', duration_minutes: 30,
      content_type: 'chapter', content_id: 'ch-3' }),
  ];
  const deletedActivity = await log({ session_id: s2, activity_type: 'video', start_time: '2026-03-09T13:40:00Z', duration_minutes: 10 });
  await core.call('sessions.deleteActivity', { activity_id: deletedActivity });
  const started = await core.call('sessions.start', { class_id: biology, focus_mode: 'pomodoro', start_time: '2026-03-10T17:30:00Z' });
  const active = started.session_id;
  activities.push(await log({ session_id: active, activity_type: 'notes', start_time: '2026-03-10T17:35:00Z' }));

  const goal = async (input: ChannelInput<'goals.create'>) => (await core.call('goals.create', input)).goal.goal_id;
  const goals = {
    studyTime: await goal({ goal_type: 'study_time', goal_name: 'Study 10 hours in March', target_value: 600,
      start_date: '2026-03-01', target_date: '2026-03-31' }),
    testScore: await goal({ goal_type: 'test_score', goal_name: 'Average 90% on Biology tests', target_value: 90,
      class_id: biology, target_date: '2026-04-30' }),
    flashcards: await goal({ goal_type: 'flashcard_mastery', goal_name: 'Master the flashcards', target_value: 80,
      target_date: '2026-04-30' }),
    streak: await goal({ goal_type: 'streak', goal_name: 'Seven-day streak', target_value: 7, target_date: '2026-03-31' }),
    handIns: await goal({ goal_type: 'assignment_completion', goal_name: 'Hand in 3 assignments', target_value: 3,
      target_date: '2026-03-15', is_recurring: true, recurrence_pattern: 'weekly' }),
    custom: await goal({ goal_type: 'custom', goal_name: 'Read 5 chapters', target_value: 5, unit: 'chapters',
      start_date: '2026-03-05', target_date: '2026-03-20' }),
  };
  await core.call('goals.recordProgress', { goal_id: goals.custom, progress_value: 2, recorded_date: '2026-03-09' });
  const assignment = async (input: ChannelInput<'assignments.create'>) => (await core.call('assignments.create', input)).assignment.id;
  const lab = await assignment({ title: 'Lab report', class_id: biology, due_at: '2026-03-14T23:59:00-04:00' });
  const problemSet = await assignment({ title: 'Problem set 4', class_id: calculus });
  return { userId: core.userId, biology, calculus, s1, s2, gone, active, activities, deletedActivity, goals, lab, problemSet };
}

// ---------------------------------------------------------------- fingerprint and the verdict on one call

/** count(*) and md5 of every row of every user table, one query built from the catalogue. */
async function buildFingerprintSql(): Promise<string> {
  const { rows } = await core.db.query<{ q: string; name: string }>(
    `SELECT quote_ident(tablename) AS q, quote_literal(tablename) AS name
       FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(["'sync_outbox'", "'point_awards'", "'study_sessions'"]));
  tables = rows.map((r) => r.q);
  return rows
    .map((t) => `SELECT ${t.name} AS t, count(*)::int AS n,
                        md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS h
                   FROM public.${t.q} x`)
    .join('\nUNION ALL\n');
}

/**
 * A copy of the seeded rows, so input that wrongly succeeds (a bug the tests report) is undone
 * at once instead of failing every later test that relies on the seeded state.
 */
async function saveSeed(): Promise<void> {
  await core.db.exec(`CREATE SCHEMA fuzz_seed; ${tables.map((t) => `CREATE TABLE fuzz_seed.${t} AS TABLE public.${t};`).join(' ')}`);
}

async function restoreSeed(): Promise<void> {
  await core.db.transaction(async (tx) => {
    await tx.exec('SET LOCAL session_replication_role = replica'); // no triggers: the rows go back as they were
    await tx.exec(`TRUNCATE ${tables.map((t) => `public.${t}`).join(', ')}`);
    for (const t of tables) await tx.exec(`INSERT INTO public.${t} SELECT * FROM fuzz_seed.${t}`);
  });
  if (JSON.stringify(core.settings) !== JSON.stringify(seededSettings)) {
    await core.invoke('settings.update', seededSettings); // the core caches settings: reset the cache, then the rows
    await restoreSeed();
  }
}

async function fingerprint(): Promise<string> {
  const { rows } = await core.db.query<{ t: string; n: number; h: string }>(fingerprintSql);
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('\n');
}

interface Bad {
  input: unknown;
  code: ErrorCode;
  /** For VALIDATION: an issue must name one of these fields (or a path inside one). */
  paths?: readonly string[];
}

const show = (v: unknown) => fc.stringify(v).slice(0, 300);

/** Invokes with bad input and checks the typed error and that no row changed (undoing it if one did). */
async function expectRejected(channel: Channel, bad: Bad): Promise<void> {
  const eventsBefore = events;
  const result = await core.invoke(channel, bad.input);
  const changed = (await fingerprint()) !== seededFingerprint;
  if (changed) await restoreSeed();
  const what = `${channel} ${show(bad.input)}`;
  if (result.ok) expect.fail(`${what} succeeded${changed ? ' and changed rows' : ''}: ${show(result.data)}`);
  const { code, message, issues } = result.error;
  expect(ERROR_CODES, what).toContain(code);
  expect(code, `${what}: ${message}`).toBe(bad.code);
  expect(typeof message === 'string' && message.length > 0, `${what}: empty message`).toBe(true);
  if (code === 'VALIDATION') {
    expect(issues?.length ?? 0, `${what}: VALIDATION without issues: ${message}`).toBeGreaterThan(0);
    for (const issue of issues ?? []) {
      expect(issue.path.length > 0 && issue.message.length > 0, `${what}: issue ${show(issue)}`).toBe(true);
    }
    if (bad.paths) {
      const named = issues!.some((i) => bad.paths!.some((p) => i.path === p || i.path.startsWith(`${p}.`)));
      expect(named, `${what}: no issue at ${bad.paths.join('|')}: ${show(issues)}`).toBe(true);
    }
  }
  expect(changed, `${what} was rejected (${code}) but changed rows`).toBe(false);
  expect(events, `${what} published an event`).toBe(eventsBefore);
}

const check = (channel: Channel, arb: fc.Arbitrary<Bad>, numRuns: number) =>
  fc.assert(fc.asyncProperty(arb, (bad) => expectRejected(channel, bad)), { numRuns });

// ---------------------------------------------------------------- how each kind of field goes wrong

type Ref = 'session' | 'liveSession' | 'activity' | 'liveActivity' | 'class' | 'goal' | 'assignment' | 'backup';
type Field = { nullable?: boolean } & (
  | { kind: 'id'; ref: Ref | null } // ref null: a list filter, where an unknown id is just an empty result
  | { kind: 'instant' | 'day' | 'week' | 'month' | 'zone' | 'bool' | 'color' | 'metadata' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; positive?: boolean; cents?: boolean }
  | { kind: 'text'; max: number; nonEmpty?: boolean }
  | { kind: 'enum'; values: readonly string[] }
);

const id = (ref: Ref | null, nullable = false): Field => ({ kind: 'id', ref, nullable });
const text = (max: number, nullable = true): Field => ({ kind: 'text', max, nullable });
const name = (max: number): Field => ({ kind: 'text', max, nonEmpty: true });
const oneOf = (values: readonly string[], nullable = false): Field => ({ kind: 'enum', values, nullable });
const int = (min: number, max: number, nullable = false): Field => ({ kind: 'int', min, max, nullable });
const rating: Field = { kind: 'int', min: 1, max: 5, nullable: true };
const instant: Field = { kind: 'instant' };
const day: Field = { kind: 'day' };
const bool: Field = { kind: 'bool' };

const isText = (f: Field) => ['id', 'instant', 'day', 'week', 'month', 'zone', 'text', 'enum', 'color'].includes(f.kind);
const smallObject = fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 });

/** A value of another JS type than the field takes. */
function wrongType(f: Field): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [fc.array(fc.integer(), { maxLength: 2 }), fc.bigInt()];
  if (f.kind !== 'metadata') options.push(smallObject);
  if (!f.nullable) options.push(fc.constant(null));
  if (isText(f)) options.push(fc.integer(), fc.double(), fc.boolean());
  else if (f.kind === 'bool') options.push(fc.constantFrom('true', 'false', 'yes', 0, 1), fc.string(), fc.integer());
  else if (f.kind === 'metadata') options.push(fc.string(), fc.integer(), fc.boolean());
  else options.push(fc.integer().map(String), fc.string(), fc.boolean()); // numbers
  return fc.oneof(...options);
}

function intlKnowsZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const longerThan = (max: number) => fc.integer({ min: 1, max: 40 }).map((extra) => 'x'.repeat(max + extra));
const above = (max: number) =>
  fc.oneof(fc.constantFrom(max + 1, max + 0.5, 1e12, Number.MAX_VALUE), fc.integer({ min: max + 1 }));
const notANumber = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

/** A value of the right type that the contract rejects: malformed, out of range, too long. */
function malformed(f: Field): fc.Arbitrary<unknown> | null {
  switch (f.kind) {
    case 'id':
      return fc.oneof(
        fc.constantFrom('', 'abc', '42', 'null', '{00000000-0000-0000-0000-000000000000}', 'g0000000-0000-4000-8000-000000000000'),
        fc.uuid().map((u) => u.replace(/-/g, '')),
        fc.uuid().map((u) => u.slice(0, -1)),
        fc.uuid().map((u) => `${u}0`),
        fc.uuid().map((u) => ` ${u}`),
        fc.string().filter((s) => !UUID_RE.test(s)),
      );
    case 'instant':
      return fc.oneof(
        fc.constantFrom('', 'now', 'yesterday', '2026-03-10', '2026-03-10T14:00:00', '2026-03-10 14:00:00Z', '2026-03-10T14:00Z',
          '2026-13-01T00:00:00Z', '2026-02-30T10:00:00Z', '2026-03-10T24:00:00Z', '2026-03-10T10:60:00Z',
          '2026-03-10T10:00:00+25:00', '10/03/2026 10:00', '+002026-03-10T10:00:00Z', '2026-03-10T10:00:00.000Z '),
        fc.date({ noInvalidDate: true }).map((d) => d.toString()),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, -1)),
        fc.date({ noInvalidDate: true }).map((d) => String(d.getTime())),
      );
    case 'day':
      return fc.oneof(
        fc.constantFrom('', '2026-3-1', '2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-03-32', '20260310',
          '2026-W11', '2026-W11-2', '10/03/2026', '2026-03-10 ', 'today'),
        fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      );
    case 'week': // 2026 has a week 53, 2025 does not
      return fc.constantFrom('', '2025-W53', '2026-W00', '2026-W54', '2026-W99', '2026-w11', '2026W11', '2026-W1', '2026-W011',
        '2026-W11-2', '2026-11', '2026-03-10', 'W11', 'this week');
    case 'month':
      return fc.constantFrom('', '2026-13', '2026-00', '2026-3', '202603', '2026/03', '2026-03-01', '03-2026', 'March', '2026-003');
    case 'zone':
      return fc.oneof(
        fc.constantFrom('', 'Mars/Olympus', 'America/NewYork', 'UTC+5', '+05:00', '-03:30', 'Europe/Berlin ', 'x'.repeat(65)),
        fc.string({ maxLength: 3 }).filter((s) => /^[+-]/.test(s) || !intlKnowsZone(s)),
      );
    case 'int':
      return fc.oneof(
        fc.constantFrom(f.min - 1, f.min + 0.5, 2 ** 53, -(2 ** 53)),
        fc.integer({ max: f.min - 1 }),
        f.max < Number.MAX_SAFE_INTEGER ? above(f.max) : fc.constant(Number.MAX_VALUE),
        fc.double({ min: f.min, max: Math.min(f.max, 1e6), noInteger: true, noNaN: true }),
        notANumber,
      );
    case 'number':
      return fc.oneof(
        f.positive ? fc.constantFrom(0, -0, -1, -Number.MIN_VALUE) : fc.constantFrom(f.min - 1, f.min - 0.01),
        fc.double({ max: f.min, noNaN: true, noDefaultInfinity: true }).filter((n) => (f.positive ? n <= 0 : n < f.min)),
        above(f.max),
        notANumber,
      );
    case 'text':
      return f.nonEmpty ? fc.oneof(longerThan(f.max), fc.constantFrom('', ' ', '\t \n')) : longerThan(f.max);
    case 'enum':
      return fc.oneof(
        fc.string().filter((s) => !f.values.includes(s)),
        fc.constantFrom(...f.values.map((v) => v.toUpperCase()), ...f.values.map((v) => ` ${v}`)),
      );
    case 'color':
      return fc.constantFrom('red', '#fff', '#GGGGGG', '000000', '#0000000', '', 'rgb(0, 0, 0)');
    case 'metadata':
      return fc.oneof(
        fc.array(fc.integer(), { maxLength: 3 }),
        longerThan(100).map((k) => ({ [k]: 1 })),
        fc.integer({ min: 10_001, max: 20_000 }).map((n) => ({ blob: 'x'.repeat(n) })),
      );
    case 'bool':
      return null;
  }
}

const nulInside = (max: number) =>
  fc.tuple(fc.string({ maxLength: Math.min(max, 20) - 1 }), fc.nat()).map(([s, i]) => {
    const cut = i % (s.length + 1);
    return `${s.slice(0, cut)}\u0000${s.slice(cut)}`;
  });

/**
 * Values the contract lets through today but PostgreSQL cannot store as given. DESIGN §2: bad
 * input never reaches SQL, so each must be a VALIDATION error with issues, like any other.
 */
const BEYOND_POSTGRES: ReadonlyArray<{ what: string; values: (f: Field) => fc.Arbitrary<unknown> | null }> = [
  {
    what: 'a NUL character',
    values: (f) => {
      if (f.kind === 'text') return nulInside(f.max);
      return f.kind === 'metadata' ? fc.constantFrom({ note: 'a\u0000b' }, { 'k\u0000': 1 }) : null;
    },
  },
  {
    what: 'a lone UTF-16 surrogate',
    values: (f) => {
      if (f.kind === 'text') return fc.constantFrom('a\uD800', '\uDFFFb', 'x\uDBFF');
      return f.kind === 'metadata' ? fc.constant({ note: '\uD83D' }) : null;
    },
  },
  {
    what: 'year 0',
    values: (f) => {
      if (f.kind === 'day') return fc.constantFrom('0000-01-01', '0000-02-29', '0000-12-31');
      if (f.kind === 'week') return fc.constantFrom('0000-W01', '0000-W26', '0000-W52');
      if (f.kind === 'month') return fc.constantFrom('0000-01', '0000-06', '0000-12');
      if (f.kind !== 'instant') return null;
      return fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('0000-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    },
  },
  {
    what: 'a target that rounds to 0.00',
    values: (f) => (f.kind === 'number' && f.cents ? fc.double({ min: Number.MIN_VALUE, max: 0.0049, noNaN: true }) : null),
  },
  {
    what: 'a time zone PostgreSQL does not know',
    values: (f) => (f.kind === 'zone' ? fc.constantFrom(...(zonesPgLacks.length > 0 ? zonesPgLacks : ['Mars/Olympus'])) : null),
  },
];

/** Ids that exist nowhere, or name another kind of row (or a deleted session where a live one is needed). */
function missingId(ref: Ref): fc.Arbitrary<string> {
  const s = seed;
  const kinds: Record<Ref, string[]> = {
    session: [s.s1, s.s2, s.gone, s.active],
    liveSession: [s.s1, s.s2, s.active],
    activity: [...s.activities, s.deletedActivity],
    liveActivity: s.activities,
    class: [s.biology, s.calculus],
    goal: Object.values(s.goals),
    assignment: [s.lab, s.problemSet],
    backup: [], // every id names no backup: the positive control makes its own
  };
  const own = new Set(kinds[ref]);
  const others = [...new Set([...Object.values(kinds).flat(), s.userId])].filter((x) => !own.has(x));
  return fc.oneof(fc.uuid(), fc.constantFrom(...NIL_IDS), fc.constantFrom(...others));
}

// ---------------------------------------------------------------- the channels

interface Spec {
  /** Every key the input accepts (checked against the schema, so a new field needs a line here). */
  fields: Record<string, Field>;
  /** A valid input against the seeded state; each defect below is applied to it. */
  valid: (s: Seed) => Record<string, unknown>;
  mutates: boolean;
  /** Tables a read may fill as a cache (closed periods in analytics_snapshots, performance_metrics). */
  cache?: readonly string[];
  /** Defects only the data reveals, with the code they must give. */
  semantic?: (s: Seed) => fc.Arbitrary<Bad>;
  /** The positive control (default: `valid`), after `prepare` made it possible. */
  control?: (s: Seed) => Record<string, unknown>;
  prepare?: (s: Seed) => Promise<void>;
}

const SNAPSHOTS = ['analytics_snapshots'];
const METRICS = ['performance_metrics', 'performance_activity_metrics'];
const minutes = (min: number, max: number) => fc.integer({ min, max }).map((m) => m * MIN);
const future = minutes(6, 60 * 24 * 800).map((d) => at(clock + d)); // beyond the 5-minute tolerance
const issueAt = (code: ErrorCode, ...paths: string[]) => (input: unknown): Bad => ({ input, code, paths });

const S1_START = Date.parse('2026-03-08T14:00:00Z');
const S1_END = Date.parse('2026-03-08T15:30:00Z');
const ACTIVE_START = Date.parse('2026-03-10T17:30:00Z');
const FREE = { start_time: '2026-03-10T10:00:00Z', end_time: '2026-03-10T11:00:00Z' };

const sessionEdit = {
  class_id: id('class', true), session_type: oneOf(SESSION_TYPES), focus_mode: oneOf(FOCUS_MODES, true), location: text(100),
  start_time: instant, end_time: instant, mood_rating: rating, productivity_rating: rating, notes: text(10_000),
  paused_seconds: int(0, 86_400),
};
const goalFields = {
  goal_name: name(200), goal_description: text(5000), class_id: id('class', true),
  target_value: { kind: 'number', min: 0, max: 99_999_999, positive: true, cents: true } satisfies Field,
  unit: text(30), start_date: day, target_date: day, priority: oneOf(PRIORITIES), is_recurring: bool,
  recurrence_pattern: oneOf(RECURRENCES, true), reminder_enabled: bool,
};

async function endRunningSession(): Promise<void> {
  const { session } = await core.call('sessions.active', {});
  if (!session) return;
  clock += MIN;
  await core.call('sessions.end', { session_id: session.id, paused_seconds: 0 });
}

/** A running pomodoro (the seeded session ended first), a minute old: heartbeats are not due yet. */
async function runTimer(): Promise<void> {
  if ((await core.call('timer.state', {})).status !== 'idle') await core.call('timer.stop', {});
  await endRunningSession();
  clock += MIN;
  await core.call('timer.start', {});
  clock += MIN;
}

const specs: { [C in Channel]: Spec } = {
  'sessions.start': {
    fields: {
      class_id: id('class', true), session_type: oneOf(SESSION_TYPES), focus_mode: oneOf(FOCUS_MODES, true), location: text(100),
      start_time: instant,
    },
    valid: () => ({ session_type: 'solo' }),
    mutates: true,
    // A future start is bad whatever the state; it outranks the seeded active session's CONFLICT.
    semantic: () => future.map((t) => issueAt('VALIDATION', 'start_time')({ start_time: t })),
    prepare: endRunningSession,
    control: () => ({ session_type: 'group', focus_mode: 'pomodoro', location: 'Library' }),
  },
  'sessions.end': {
    fields: {
      session_id: id('liveSession'), mood_rating: rating, productivity_rating: rating, notes: text(10_000), end_time: instant,
      paused_seconds: int(0, 86_400),
    },
    valid: (s) => ({ session_id: s.active }),
    mutates: true,
    semantic: (s) => {
      const v = (...paths: string[]) => issueAt('VALIDATION', ...paths);
      return fc.oneof(
        minutes(0, 60 * 24 * 30).map((d) => v('end_time')({ session_id: s.active, end_time: at(ACTIVE_START - d) })),
        future.map((t) => v('end_time')({ session_id: s.active, end_time: t })),
        fc.integer({ min: (clock - ACTIVE_START) / 1000 + 1, max: 86_400 })
          .map((p) => v('paused_seconds')({ session_id: s.active, paused_seconds: p })),
      );
    },
    async prepare() {
      const { session } = await core.call('sessions.active', {});
      if (session) running = session.id;
      else {
        clock += MIN;
        running = (await core.call('sessions.start', {})).session_id;
      }
      clock += 25 * MIN;
    },
    control: () => ({ session_id: running, mood_rating: 5, productivity_rating: 4, notes: 'Finished the problem set' }),
  },
  'sessions.logActivity': {
    fields: {
      session_id: id('liveSession'), activity_type: oneOf(ACTIVITY_TYPES), content_type: text(50), content_id: text(100),
      start_time: instant, end_time: instant, duration_minutes: int(0, 1440), items_completed: int(0, 100_000, true),
      items_correct: int(0, 100_000, true), metadata: { kind: 'metadata' },
    },
    valid: (s) => ({ session_id: s.s1, activity_type: 'testing', start_time: '2026-03-08T15:16:00Z', items_completed: 10,
      items_correct: 7 }),
    mutates: true,
    semantic: (s) => {
      const v = (...paths: string[]) => issueAt('VALIDATION', ...paths);
      const base = { session_id: s.s1, activity_type: 'testing' };
      const inSession = minutes(0, 89).map((d) => S1_START + d);
      return fc.oneof(
        fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 1000 }))
          .map(([n, k]) => v('items_correct')({ ...base, items_completed: n, items_correct: Math.min(n + k, 100_000) })),
        fc.integer({ min: 0, max: 100 }).map((n) => v('items_correct')({ ...base, items_correct: n })),
        fc.tuple(inSession, minutes(1, 600)).map(([t, d]) => v('end_time')({ ...base, start_time: at(t), end_time: at(t - d) })),
        future.map((t) => v('start_time')({ ...base, start_time: t })),
        fc.tuple(inSession, future).map(([t, e]) => v('end_time')({ ...base, start_time: at(t), end_time: e })),
        minutes(2, 60 * 24 * 30).map((d) => v('start_time')({ ...base, start_time: at(S1_START - d) })),
        // On the running session a duration alone counts back from now, to before the session began.
        fc.integer({ min: Math.ceil((clock - ACTIVE_START) / MIN) + 2, max: 1440 })
          .map((m) => v('start_time')({ session_id: s.active, activity_type: 'reading', duration_minutes: m })),
      );
    },
    control: (s) => ({ session_id: s.s1, activity_type: 'flashcards', start_time: '2026-03-08T15:16:00Z', duration_minutes: 10,
      items_completed: 10, items_correct: 9 }),
  },
  'sessions.updateActivity': {
    fields: {
      activity_id: id('liveActivity'), activity_type: oneOf(ACTIVITY_TYPES), content_type: text(50), content_id: text(100),
      start_time: instant, end_time: { ...instant, nullable: true }, duration_minutes: int(0, 1440, true),
      items_completed: int(0, 100_000, true), items_correct: int(0, 100_000, true), metadata: { kind: 'metadata' },
    },
    valid: (s) => ({ activity_id: s.activities[0], items_correct: 17 }),
    mutates: true,
    semantic: (s) => {
      const v = (...paths: string[]) => issueAt('VALIDATION', ...paths);
      const test = { activity_id: s.activities[0] }; // 20 items, 14:10-14:40 in s1 (14:00-15:30)
      return fc.oneof(
        fc.integer({ min: 21, max: 100_000 }).map((n) => v('items_correct')({ ...test, items_correct: n })),
        fc.integer({ min: 0, max: 100 }).map((n) => v('items_correct')({ ...test, items_completed: null, items_correct: n })),
        minutes(31, 600).map((d) => v('end_time')({ ...test, end_time: at(Date.parse('2026-03-08T14:10:00Z') - d + 30 * MIN) })),
        future.map((t) => v('start_time')({ ...test, start_time: t })),
        minutes(2, 60 * 24 * 30).map((d) => v('start_time')({ ...test, start_time: at(S1_START - d), end_time: null })),
      );
    },
    control: (s) => ({ activity_id: s.activities[1], activity_type: 'testing', items_completed: 30, items_correct: 25,
      metadata: { description: 'Chapter 2 quiz' } }),
  },
  'sessions.deleteActivity': { fields: { activity_id: id('liveActivity') }, valid: (s) => ({ activity_id: s.activities[2] }), mutates: true },
  'sessions.restoreActivity': {
    fields: { activity_id: id('activity') },
    valid: (s) => ({ activity_id: s.deletedActivity }),
    mutates: true,
    semantic: (s) => fc.constantFrom(...s.activities).map((a) => issueAt('CONFLICT')({ activity_id: a })),
  },
  'sessions.list': {
    fields: {
      class_id: id(null), start_date: day, end_date: day, limit: int(1, 1000), offset: int(0, Number.MAX_SAFE_INTEGER),
      include_deleted: bool,
    },
    valid: () => ({}),
    mutates: false,
    semantic: () => fc.tuple(fc.integer({ min: -3650, max: 3650 }), fc.integer({ min: 1, max: 3650 }))
      .map(([from, back]) => issueAt('VALIDATION', 'end_date')({
        start_date: shiftDay('2026-03-10', from), end_date: shiftDay('2026-03-10', from - back),
      })),
    control: (s) => ({ class_id: s.biology, start_date: '2026-03-01', end_date: '2026-03-31', include_deleted: true }),
  },
  'sessions.get': { fields: { session_id: id('session') }, valid: (s) => ({ session_id: s.s1 }), mutates: false },
  'sessions.active': { fields: {}, valid: () => ({}), mutates: false },
  'sessions.update': {
    fields: { session_id: id('liveSession'), ...sessionEdit },
    valid: (s) => ({ session_id: s.s1 }),
    mutates: true,
    semantic: (s) => {
      const v = (...paths: string[]) => issueAt('VALIDATION', ...paths);
      return fc.oneof(
        minutes(0, 60 * 24).map((d) => v('start_time', 'end_time')({ session_id: s.s1, start_time: at(S1_END + d) })),
        minutes(0, 60 * 24).map((d) => v('start_time', 'end_time')({ session_id: s.s1, end_time: at(S1_START - d) })),
        fc.tuple(minutes(0, 60 * 24 * 30), minutes(1, 600)).map(([d, len]) =>
          v('start_time', 'end_time')({ session_id: s.s1, start_time: at(S1_START - d), end_time: at(S1_START - d - len) })),
        future.map((t) => v('end_time')({ session_id: s.s1, end_time: t })),
        future.map((t) => v('start_time')({ session_id: s.active, start_time: t })),
        minutes(1, 60 * 24 * 30) // longer than 24 hours
          .map((d) => v('start_time', 'end_time')({ session_id: s.s1, start_time: at(S1_END - 24 * 60 * MIN - d) })),
        fc.integer({ min: 5401, max: 86_400 }).map((p) => v('paused_seconds')({ session_id: s.s1, paused_seconds: p })),
        // The running session has run 30 minutes: it cannot have been paused for longer.
        fc.integer({ min: (clock - ACTIVE_START) / 1000 + 1, max: 86_400 })
          .map((p) => v('paused_seconds')({ session_id: s.active, paused_seconds: p })),
      );
    },
    control: (s) => ({ session_id: s.s1, notes: 'Reviewed chapter 3', productivity_rating: 3 }),
  },
  'sessions.delete': { fields: { session_id: id('liveSession') }, valid: (s) => ({ session_id: s.s2 }), mutates: true },
  'sessions.restore': { fields: { session_id: id('session') }, valid: (s) => ({ session_id: s.gone }), mutates: true },
  'sessions.createManual': {
    fields: sessionEdit,
    valid: () => ({ ...FREE }),
    mutates: true,
    semantic: () => {
      const start = minutes(60 * 24, 60 * 24 * 365).map((d) => clock - d);
      const v = (...paths: string[]) => issueAt('VALIDATION', ...paths);
      return fc.oneof(
        fc.tuple(start, minutes(0, 600)).map(([t, d]) => v('end_time')({ start_time: at(t), end_time: at(t - d) })),
        fc.tuple(minutes(-30, 0), future).map(([d, e]) => v('end_time')({ start_time: at(clock + d), end_time: e })),
        fc.tuple(future, minutes(1, 600))
          .map(([t, len]) => v('start_time', 'end_time')({ start_time: t, end_time: at(Date.parse(t) + len) })),
        fc.tuple(start, minutes(24 * 60 + 1, 24 * 60 * 30))
          .map(([t, len]) => v('end_time')({ start_time: at(t - len), end_time: at(t) })),
        fc.integer({ min: 3601, max: 86_400 }).map((p) => v('paused_seconds')({ ...FREE, paused_seconds: p })),
      );
    },
  },
  'goals.create': {
    fields: { goal_type: oneOf(GOAL_TYPES), ...goalFields },
    valid: () => ({ goal_type: 'study_time', goal_name: 'Study 5 hours', target_value: 300, target_date: '2026-03-31' }),
    mutates: true,
    semantic: () => {
      const base = { goal_type: 'study_time', goal_name: 'Study', target_value: 60 };
      const v = (...paths: string[]) => issueAt('VALIDATION', ...paths);
      return fc.oneof(
        fc.integer({ min: 1, max: 3650 })
          .map((n) => v('target_date')({ ...base, start_date: '2026-03-12', target_date: shiftDay('2026-03-12', -n) })),
        // No start_date: it defaults to today, which is after the target.
        fc.integer({ min: 1, max: 3650 }).map((n) => v('target_date')({ ...base, target_date: shiftDay('2026-03-10', -n) })),
        fc.constantFrom(undefined, null)
          .map((p) => v('recurrence_pattern')({ ...base, target_date: '2026-03-31', is_recurring: true, recurrence_pattern: p })),
        fc.tuple(fc.constantFrom('test_score', 'flashcard_mastery'), fc.double({ min: 100.01, max: 99_999_999, noNaN: true }))
          .map(([t, n]) => v('target_value')({ ...base, goal_type: t, target_value: n, target_date: '2026-03-31' })),
      );
    },
  },
  'goals.list': { fields: { status: oneOf(GOAL_STATUSES), class_id: id(null) }, valid: () => ({}), mutates: false },
  'goals.update': {
    fields: { goal_id: id('goal'), ...goalFields, status: oneOf(['active', 'abandoned']) },
    valid: (s) => ({ goal_id: s.goals.studyTime }),
    mutates: true,
    semantic: (s) => {
      const v = (...paths: string[]) => issueAt('VALIDATION', ...paths);
      const g = s.goals.studyTime; // 2026-03-01 .. 2026-03-31
      return fc.oneof(
        fc.integer({ min: 1, max: 3650 }).map((n) => v('target_date')({ goal_id: g, target_date: shiftDay('2026-03-01', -n) })),
        fc.integer({ min: 1, max: 3650 })
          .map((n) => v('start_date', 'target_date')({ goal_id: g, start_date: shiftDay('2026-03-31', n) })),
        fc.double({ min: 100.01, max: 99_999_999, noNaN: true })
          .map((n) => v('target_value')({ goal_id: s.goals.testScore, target_value: n })),
        fc.constant(v('recurrence_pattern')({ goal_id: g, is_recurring: true })),
        fc.constant(v('recurrence_pattern')({ goal_id: s.goals.handIns, recurrence_pattern: null })),
      );
    },
    control: (s) => ({ goal_id: s.goals.studyTime, target_value: 480, priority: 'high' }),
  },
  'goals.recordProgress': {
    fields: {
      goal_id: id('goal'), progress_value: { kind: 'number', min: 0, max: 99_999_999 }, recorded_date: day, notes: text(5000),
    },
    valid: (s) => ({ goal_id: s.goals.custom, progress_value: 3 }),
    mutates: true,
    semantic: (s) => fc.integer({ min: 1, max: 3650 }).map((n) => issueAt('VALIDATION', 'recorded_date')({
      goal_id: s.goals.custom, progress_value: 3, recorded_date: shiftDay('2026-03-10', n),
    })),
  },
  'goals.delete': { fields: { goal_id: id('goal') }, valid: (s) => ({ goal_id: s.goals.flashcards }), mutates: true },
  'classes.list': { fields: { include_archived: bool }, valid: () => ({}), mutates: false },
  'classes.create': {
    fields: { name: name(120), code: text(40), color: { kind: 'color', nullable: true } },
    valid: () => ({ name: 'Chemistry', code: 'CHEM 110', color: '#1565c0' }),
    mutates: true,
  },
  'classes.update': {
    fields: { class_id: id('class'), name: name(120), code: text(40), color: { kind: 'color', nullable: true } },
    valid: (s) => ({ class_id: s.calculus }),
    mutates: true,
    control: (s) => ({ class_id: s.calculus, name: 'Calculus II' }),
  },
  'classes.archive': { fields: { class_id: id('class'), archived: bool }, valid: (s) => ({ class_id: s.calculus }), mutates: true },
  'assignments.list': { fields: { class_id: id(null), status: oneOf(ASSIGNMENT_STATUSES) }, valid: () => ({}), mutates: false },
  'assignments.create': {
    fields: {
      title: name(200), class_id: id('class', true), description: text(10_000), due_at: { kind: 'instant', nullable: true },
    },
    valid: () => ({ title: 'Essay draft' }),
    mutates: true,
  },
  'assignments.setStatus': {
    fields: { assignment_id: id('assignment'), status: oneOf(ASSIGNMENT_STATUSES) },
    valid: (s) => ({ assignment_id: s.lab, status: 'completed' }),
    mutates: true,
  },
  'reports.daily': { fields: { date: day }, valid: () => ({ date: '2026-03-09' }), mutates: false, cache: SNAPSHOTS },
  'reports.weekly': {
    fields: { week: { kind: 'week' } }, valid: () => ({ week: '2026-W10' }), mutates: false, cache: SNAPSHOTS,
  },
  'reports.monthly': {
    fields: { month: { kind: 'month' } }, valid: () => ({ month: '2026-03' }), mutates: false, cache: SNAPSHOTS,
  },
  'reports.range': {
    fields: { start_date: day, end_date: day },
    valid: () => ({ start_date: '2026-03-01', end_date: '2026-03-10' }),
    mutates: false,
    cache: SNAPSHOTS,
    semantic: () => fc.oneof(
      fc.integer({ min: 1, max: 3650 }).map((n) => ({ start_date: '2026-03-10', end_date: shiftDay('2026-03-10', -n) })),
      fc.integer({ min: 3701, max: 40_000 }).map((n) => ({ start_date: shiftDay('2026-03-10', -n), end_date: '2026-03-10' })),
    ).map(issueAt('VALIDATION', 'end_date')),
  },
  'reports.export': {
    fields: { kind: oneOf(['sessions', 'activities', 'report']), start_date: day, end_date: day, format: oneOf(['csv', 'json']) },
    valid: () => ({ kind: 'sessions', start_date: '2026-03-01', end_date: '2026-03-10', format: 'csv' }),
    mutates: false,
    cache: SNAPSHOTS,
    semantic: () => fc.oneof(
      fc.integer({ min: 1, max: 3650 }).map((n) => ({ kind: 'sessions', format: 'csv', start_date: '2026-03-10', end_date: shiftDay('2026-03-10', -n) })).map(issueAt('VALIDATION', 'end_date')),
      fc.constant({ kind: 'report', format: 'csv', start_date: '2026-03-01', end_date: '2026-03-10' }).map(issueAt('VALIDATION', 'format')),
    ),
  },
  'performance.overview': {
    fields: { class_id: id('class'), period: oneOf(PERFORMANCE_PERIODS), date: day },
    valid: (s) => ({ period: 'weekly', class_id: s.biology, date: '2026-03-09' }),
    mutates: false,
    cache: METRICS,
    semantic: () => fc.oneof(
      fc.integer({ min: 1, max: 3650 }).map((n) => ({ period: 'weekly', date: shiftDay('2026-03-10', n) })),
      fc.integer({ min: 1, max: 3650 }).map((n) => ({ period: 'monthly', date: shiftDay('1970-01-01', -n) })),
    ).map(issueAt('VALIDATION', 'date')),
    control: () => ({ period: 'all_time' }),
  },
  'performance.trends': {
    fields: {
      metric_type: oneOf(METRIC_TYPES), period: oneOf(TREND_PERIODS), count: int(1, 104), class_id: id('class'), date: day,
    },
    valid: () => ({ metric_type: 'study_time', period: 'weekly', count: 8 }),
    mutates: false,
    cache: METRICS,
    semantic: () => fc.integer({ min: 1, max: 3650 })
      .map((n) => issueAt('VALIDATION', 'date')({ metric_type: 'test_average', date: shiftDay('2026-03-10', n) })),
    control: (s) => ({ metric_type: 'flashcard_mastery', period: 'monthly', class_id: s.biology }),
  },
  'performance.comparison': {
    fields: { compare_by: oneOf(COMPARE_BY), period: oneOf(PERFORMANCE_PERIODS), date: day },
    valid: () => ({ compare_by: 'class', period: 'monthly' }),
    mutates: false,
    cache: METRICS,
    semantic: () => fc.oneof(
      fc.constant({ compare_by: 'period', period: 'all_time' }).map(issueAt('VALIDATION', 'period')),
      fc.tuple(fc.constantFrom(...COMPARE_BY), fc.integer({ min: 1, max: 3650 }))
        .map(([by, n]) => issueAt('VALIDATION', 'date')({ compare_by: by, date: shiftDay('2026-03-10', n) })),
    ),
    control: () => ({ compare_by: 'activity_type', period: 'all_time' }),
  },
  'points.summary': { fields: {}, valid: () => ({}), mutates: false },
  'achievements.list': { fields: {}, valid: () => ({}), mutates: false },
  'settings.get': { fields: {}, valid: () => ({}), mutates: false },
  'timer.state': { fields: {}, valid: () => ({}), mutates: false },
  'timer.start': {
    fields: {
      mode: oneOf(TIMER_MODES), class_id: id('class', true), session_type: oneOf(SESSION_TYPES), location: text(100),
      minutes: int(1, 720),
    },
    valid: () => ({}),
    mutates: true,
    prepare: endRunningSession,
    control: (s) => ({ mode: 'countdown', minutes: 45, class_id: s.biology }),
  },
  'timer.pause': {
    fields: { at: instant, reason: oneOf(['user', 'suspend']) },
    valid: () => ({}),
    mutates: true,
    semantic: () => future.map((t) => issueAt('VALIDATION', 'at')({ at: t })),
    prepare: runTimer,
    control: () => ({ at: at(clock - 20_000), reason: 'suspend' }),
  },
  'timer.resume': {
    fields: {}, valid: () => ({}), mutates: true,
    async prepare() {
      await runTimer();
      await core.call('timer.pause', {});
      clock += MIN / 2;
    },
  },
  'timer.skip': { fields: {}, valid: () => ({}), mutates: true, prepare: runTimer },
  'timer.stop': {
    fields: { mood_rating: rating, productivity_rating: rating, notes: text(10_000) },
    valid: () => ({}),
    mutates: true,
    prepare: runTimer,
    control: () => ({ mood_rating: 4, productivity_rating: 3, notes: 'Two chapters' }),
  },
  'timer.idle': {
    fields: { since: instant },
    valid: () => ({ since: at(clock - 30_000) }),
    mutates: true,
    semantic: () => future.map((t) => issueAt('VALIDATION', 'since')({ since: t })),
    prepare: runTimer,
  },
  'timer.discardIdle': {
    fields: {}, valid: () => ({}), mutates: true,
    async prepare() {
      await runTimer();
      await core.call('timer.idle', { since: at(clock - 30_000) });
    },
  },
  'timer.keepIdle': {
    fields: {}, valid: () => ({}), mutates: true,
    async prepare() {
      await runTimer();
      await core.call('timer.idle', { since: at(clock - 30_000) });
    },
  },
  'sync.status': { fields: {}, valid: () => ({}), mutates: false },
  'sync.now': { fields: {}, valid: () => ({}), mutates: false },
  'account.signIn': {
    fields: { server_url: name(2000), email: name(320), password: text(1000, false) },
    valid: () => ({ server_url: 'http://127.0.0.1:9/', email: 'student@example.com', password: 'correct horse' }),
    mutates: true,
    // The positive control signs in against a platform that answers the login and nothing else.
    prepare: async () => {
      await startSync(core, { tokenStore: new MemoryTokenStore(), fetch: fakePlatformLogin }, false);
    },
  },
  'account.signOut': { fields: {}, valid: () => ({}), mutates: false },
  'data.backup': { fields: {}, valid: () => ({}), mutates: false },
  'data.listBackups': { fields: {}, valid: () => ({}), mutates: false },
  'data.check': { fields: {}, valid: () => ({}), mutates: false },
  'data.restore': {
    fields: { backup_id: id('backup') },
    valid: () => ({ backup_id: restorePoint }),
    mutates: true,
    // The positive control restores a backup taken just before a change: the change goes away.
    async prepare() {
      restorePoint = (await core.call('data.backup', {})).backup.backup_id;
      await core.call('classes.create', { name: 'Made after the backup' });
    },
  },
  'data.exportAll': { fields: { path: text(4096, false) }, valid: () => ({ path: transferFile }), mutates: false },
  'data.seedDemo': {
    fields: { years: int(1, 4) },
    valid: () => ({ years: 1 }),
    mutates: true,
    // The seeded profile holds study data: the sample history is refused there and writes nothing.
    semantic: () => fc.integer({ min: 1, max: 4 }).map((years): Bad => ({ input: { years }, code: 'CONFLICT' })),
    // The positive control seeds an emptied profile (afterEach brings the seeded rows back).
    async prepare() {
      await core.db.transaction(async (tx) => {
        await tx.exec('SET LOCAL session_replication_role = replica');
        await tx.exec('TRUNCATE classes, study_sessions, study_goals, point_awards, achievements CASCADE');
      });
    },
  },
  'data.import': {
    fields: { path: text(4096, false), dry_run: bool },
    valid: () => ({ path: transferFile, dry_run: true }),
    mutates: false,
    semantic: () => fc.oneof(
      fc.uuid().map((u): Bad => ({ input: { path: path.join(transferDir, `${u}.json`) }, code: 'NOT_FOUND' })),
      fc.constantFrom('relative.json', './x.csv', '/etc/passwd', path.join(transferDir, 'export.txt'))
        .map((p): Bad => ({ input: { path: p }, code: 'VALIDATION', paths: ['path'] })),
    ),
    prepare: async () => {
      await core.call('data.exportAll', { path: transferFile });
    },
  },
  'settings.update': {
    fields: {
      time_zone: { kind: 'zone' }, day_rollover_hour: int(0, 23), streak_min_minutes: int(1, 1440), focus_minutes: int(1, 240),
      short_break_minutes: int(1, 60), long_break_minutes: int(1, 120), long_break_every: int(1, 12),
      idle_threshold_seconds: int(60, 7200), media_idle_threshold_seconds: int(60, 14_400), notifications_enabled: bool,
      start_at_login: bool, global_shortcut: text(60),
    },
    valid: () => ({}),
    mutates: true,
    control: () => ({ focus_minutes: 30, short_break_minutes: 7 }),
  },
};

function shiftDay(dayText: string, days: number): string {
  return new Date(Date.parse(`${dayText}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Sets `key` as an own enumerable property even when it is `__proto__`. */
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/**
 * One field of the valid input replaced by a value from `values(field)`. With `pinPath` the issue
 * must name that field; without, any issue will do (a data rule may be what catches the value).
 */
function fieldDefects(
  spec: Spec,
  values: (f: Field) => fc.Arbitrary<unknown> | null,
  pinPath = true,
): fc.Arbitrary<Bad> | null {
  const options = Object.entries(spec.fields).flatMap(([key, f]) => {
    const arb = values(f);
    const paths = pinPath ? [key] : undefined;
    return arb ? [arb.map((v): Bad => ({ input: withKey(spec.valid(seed), key, v), code: 'VALIDATION', paths }))] : [];
  });
  return options.length > 0 ? fc.oneof(...options) : null;
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

// ---------------------------------------------------------------- the tests

beforeAll(async () => {
  transferDir = mkdtempSync(path.join(tmpdir(), 'study-desk-fuzz-'));
  transferFile = path.join(transferDir, 'export.json');
  core = await Core.open({ dataDir: null, backupsDir: path.join(transferDir, 'backups'), clock: () => new Date(clock), timeZone: 'America/New_York', maintenance: false });
  seed = await seedState();
  core.events.on('data.changed', () => events++);
  core.events.on('goal.milestone', () => events++);
  core.events.on('achievement.earned', () => events++);
  seededSettings = core.settings;
  const candidates = ['US/Pacific-New', 'Canada/East-Saskatchewan', 'Etc/Unknown', 'SystemV/AST4', 'Asia/Hanoi'];
  const known = await core.db.query<{ name: string }>('SELECT name FROM pg_timezone_names WHERE name = ANY($1)', [candidates]);
  zonesPgLacks = candidates.filter((c) => !known.rows.some((r) => r.name === c));
  fingerprintSql = await buildFingerprintSql();
  seededFingerprint = await fingerprint();
  await saveSeed();
  await restoreSeed();
  expect(await fingerprint(), 'restoring the seed copy gives back the same rows').toBe(seededFingerprint);
});

afterAll(async () => {
  await core?.close();
  if (transferDir) rmSync(transferDir, { recursive: true, force: true });
});

// Every test starts from the seeded rows, also after a positive control or a bug that got through.
afterEach(async () => {
  if ((await fingerprint()) !== seededFingerprint || JSON.stringify(core.settings) !== JSON.stringify(seededSettings)) {
    await restoreSeed();
  }
});

// Per channel about 100–250 runs in all; the whole file runs in well under a minute.
const RUNS = { nonObject: 15, unknownKey: 25, wrongType: 30, malformed: 50, storage: 25, notFound: 25, semantic: 40, conflict: 25 };

describe.each(CHANNEL_NAMES)('bad input on %s', (channel) => {
  const spec = specs[channel] as Spec | undefined;
  if (!spec) {
    it('has a bad-input generator', () => expect.fail(`no bad-input spec for channel ${channel}: add one to specs`));
    return;
  }
  const keys = Object.keys(spec.fields);
  const refs = Object.entries(spec.fields).filter(([, f]) => f.kind === 'id' && f.ref !== null);

  it('declares every field of the input schema', () => {
    const schema = channels[channel].input;
    expect(schema).toBeInstanceOf(z.ZodObject);
    expect(Object.keys((schema as z.ZodObject).shape).sort()).toEqual([...keys].sort());
  });

  it('rejects input that is not an object', () => {
    const notAnObject = fc.oneof(
      fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.bigInt(), fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
      fc.constantFrom('{}', '[]', Number.NaN, []),
    );
    return check(channel, notAnObject.map((input): Bad => ({ input, code: 'VALIDATION' })), RUNS.nonObject);
  });

  // Apart from the other non-objects: parseInput reads `input ?? {}`, so null passes as "no input" today.
  it('rejects null', () => expectRejected(channel, { input: null, code: 'VALIDATION' }));

  it('rejects unknown keys', () => {
    // Fields of other channels (goal_id sent to sessions.end), near misses of real ones, columns a client must not set.
    const anyField = fc.constantFrom(...new Set(Object.values(specs).flatMap((sp) => Object.keys(sp.fields))));
    const key = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'id', 'user_id', 'deleted_at', 'updated_at', 'source', 'points_earned'),
      anyField, anyField.map(camel), anyField.map((k) => k.toUpperCase()), anyField.map((k) => `${k} `),
    ).filter((k) => !keys.includes(k));
    const value = fc.anything({ maxDepth: 1 }).filter((v) => v !== undefined);
    const extra = fc.tuple(key, value).map(([k, v]): Bad => ({ input: withKey(spec.valid(seed), k, v), code: 'VALIDATION' }));
    return check(channel, extra, RUNS.unknownKey);
  });

  if (keys.length > 0) {
    it('rejects a value of the wrong type in any field', () => check(channel, fieldDefects(spec, wrongType)!, RUNS.wrongType));
  }

  if (fieldDefects(spec, malformed)) {
    it('rejects a malformed, out-of-range or too long value in any field', () =>
      check(channel, fieldDefects(spec, malformed)!, RUNS.malformed));
  }

  for (const { what, values } of BEYOND_POSTGRES) {
    if (!fieldDefects(spec, values, false)) continue;
    // Not pinned to the field: a data rule (e.g. "longer than 24 hours") may be what catches it.
    it(`rejects ${what} before it reaches SQL`, () => check(channel, fieldDefects(spec, values, false)!, RUNS.storage));
  }

  if (refs.length > 0) {
    it('answers NOT_FOUND for well-formed ids that name no such row', () =>
      check(channel, fc.oneof(...refs.map(([key, f]) =>
        missingId((f as { ref: Ref }).ref).map((v): Bad => ({ input: { ...spec.valid(seed), [key]: v }, code: 'NOT_FOUND' })),
      )), RUNS.notFound));
  }

  if (spec.semantic) {
    const semantic = spec.semantic;
    it('rejects times, counts and dates the data rules out (future, end before start, correct > completed)', () =>
      check(channel, semantic(seed), RUNS.semantic));
  }
});

describe('state conflicts change no row', () => {
  const conflict = (input: unknown): Bad => ({ input, code: 'CONFLICT' });
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

  it('ending a session that already ended', () =>
    check('sessions.end', fc.record({
      session_id: fc.constantFrom(seed.s1, seed.s2),
      mood_rating: optional(fc.integer({ min: 1, max: 5 })),
      notes: optional(fc.string({ maxLength: 50 })),
      end_time: optional(minutes(0, 600).map((d) => at(clock - d))),
    }, { requiredKeys: ['session_id'] }).map(conflict), RUNS.conflict));

  it('starting a second session while one is active', () =>
    check('sessions.start', fc.record({
      class_id: optional(fc.constantFrom(seed.biology, seed.calculus, null)),
      session_type: optional(fc.constantFrom(...SESSION_TYPES)),
      focus_mode: optional(fc.constantFrom(...FOCUS_MODES)),
      start_time: optional(minutes(-5, 60 * 24 * 10).map((d) => at(clock - d))),
    }, { requiredKeys: [] }).map(conflict), RUNS.conflict));

  it('restoring a session that is not deleted', () =>
    check('sessions.restore', fc.constantFrom(seed.s1, seed.s2, seed.active).map((sid) => conflict({ session_id: sid })),
      RUNS.conflict));

  it('adding a manual session over another one', () => {
    const S2 = [Date.parse('2026-03-09T13:00:00Z'), Date.parse('2026-03-09T14:00:00Z')] as const;
    const taken = [[S1_START, S1_END], S2, [ACTIVE_START, clock]] as const;
    // Starts up to two hours before a taken span and ends inside it.
    const overlapping = fc.tuple(fc.constantFrom(...taken), minutes(-120, 0), minutes(1, 120)).map(([[a, b], lead, len]) => {
      const start = a + lead;
      return conflict({ start_time: at(start), end_time: at(Math.max(Math.min(a + len, b), start + MIN)) });
    });
    return check('sessions.createManual', overlapping, RUNS.conflict);
  });

  it('moving, stopping or answering a timer that is not running, or starting one beside an open session', async () => {
    for (const channel of ['timer.pause', 'timer.resume', 'timer.skip', 'timer.stop', 'timer.keepIdle', 'timer.discardIdle'] as const) {
      await expectRejected(channel, conflict({}));
    }
    await expectRejected('timer.idle', conflict({ since: at(clock - MIN) }));
    await expectRejected('timer.start', conflict({ mode: 'stopwatch' })); // the seeded session is still open
  });

  it('ending the running session through sessions.update', () =>
    check('sessions.update', minutes(1, 29).map((d) => conflict({ session_id: seed.active, end_time: at(ACTIVE_START + d) })),
      RUNS.conflict));

  it('recording progress by hand on a goal that follows the study data', () =>
    check('goals.recordProgress', fc.tuple(
      fc.constantFrom(seed.goals.studyTime, seed.goals.testScore, seed.goals.flashcards, seed.goals.streak, seed.goals.handIns),
      fc.integer({ min: 0, max: 1000 }),
    ).map(([goal, value]) => conflict({ goal_id: goal, progress_value: value })), RUNS.conflict));
});

describe('a valid input succeeds on every channel (so the properties cannot pass by rejecting everything)', () => {
  it.each(CHANNEL_NAMES)('%s', async (channel) => {
    const spec = specs[channel] as Spec | undefined;
    if (!spec) return expect.fail(`no spec for channel ${channel}`);
    await spec.prepare?.(seed);
    const before = await fingerprint();
    const input = (spec.control ?? spec.valid)(seed);
    const result = await core.invoke(channel, input);
    if (!result.ok) expect.fail(`${channel} ${show(input)} failed: ${show(result.error)}`);
    expect(channels[channel].output.safeParse(result.data).success, `${channel} output matches its schema`).toBe(true);
    const after = await fingerprint();
    const outsideCache = (fp: string) =>
      fp.split('\n').filter((line) => !spec.cache?.some((table) => line.startsWith(`${table}:`))).join('\n');
    if (spec.mutates) expect(after, `${channel} changed no row`).not.toBe(before);
    else expect(outsideCache(after), `${channel} only reads, yet changed rows`).toBe(outsideCache(before));
  });
});
