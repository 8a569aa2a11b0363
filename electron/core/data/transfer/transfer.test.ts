import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../../../migrations';
import { Core } from '../../core';
import { rowFingerprints } from '../../test-support/catalogue';
import { ledgerMismatches, outboxMismatches } from '../../test-support/invariants';
import { addStudyHistory } from '../../test-support/study-history';
import { openTestCore, TestClock } from '../../test-support/test-core';

const root = mkdtempSync(path.join(tmpdir(), 'study-desk-transfer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string) => path.join(root, name);
const NOW = '2026-02-20T12:00:00Z';

/** An empty profile on its own clock, as a new install would have. */
const emptyProfile = (zone = 'UTC') => openTestCore(NOW, zone);

async function exported(core: Core, name: string): Promise<string> {
  await core.call('data.exportAll', { path: file(name) });
  return readFileSync(file(name), 'utf8');
}

async function withHistory(): Promise<{ core: Core; clock: TestClock }> {
  const { core, clock } = await openTestCore(NOW, 'Europe/Berlin');
  await addStudyHistory(core, clock);
  return { core, clock };
}

describe('export and import of everything', () => {
  it('export, import into an empty profile, export again: byte-identical JSON', async () => {
    const { core } = await withHistory();
    const target = (await emptyProfile()).core;
    try {
      const first = await exported(core, 'first.json');
      const result = await target.call('data.import', { path: file('first.json') });
      expect(result.skipped).toEqual([]);
      expect(result.tables).toMatchObject({ study_sessions: { added: 12 }, session_activities: { added: 24 }, settings: { updated: 1 } });
      const again = await exported(target, 'again.json');
      expect(again).toBe(first);
      expect(await ledgerMismatches(target.db)).toEqual([]);
      expect(await outboxMismatches(target.db)).toEqual([]); // every imported row is queued for sync
      expect(target.settings).toMatchObject({ focus_minutes: 30, day_rollover_hour: 5 }); // the core took the imported settings
    } finally {
      await core.close();
      await target.close();
    }
  });

  it('is one versioned document with every table the student owns, one row per line', async () => {
    const { core } = await withHistory();
    try {
      const text = await exported(core, 'shape.json');
      const doc = JSON.parse(text) as { format: string; format_version: number; schema_version: string; tables: Record<string, unknown[]> };
      expect(doc).toMatchObject({ format: 'study-desk-data', format_version: 1, schema_version: migrationsFor('desktop').at(-1)!.name });
      expect(Object.keys(doc.tables)).toEqual(['classes', 'assignments', 'study_sessions', 'session_activities', 'study_goals', 'goal_progress', 'achievements', 'point_awards']);
      expect(text).not.toMatch(/"user_id"/);
      expect(text.split('\n').filter((l) => l.startsWith('      {"id"')).length).toBe(Object.values(doc.tables).reduce((n, t) => n + t.length, 0));
    } finally {
      await core.close();
    }
  });

  it('importing the same file twice adds nothing', async () => {
    const { core } = await withHistory();
    const target = (await emptyProfile()).core;
    try {
      await exported(core, 'twice.json');
      await target.call('data.import', { path: file('twice.json') });
      const before = await rowFingerprints(target.db);
      const second = await target.call('data.import', { path: file('twice.json') });
      expect(Object.values(second.tables).every((t) => t.added === 0 && t.updated === 0)).toBe(true);
      expect(second.tables.study_sessions!.unchanged).toBe(12);
      expect(second.backup_id).toBeNull(); // nothing to protect: no backup either
      expect(await rowFingerprints(target.db)).toEqual(before);
      // And into the profile it came from, nothing at all.
      const home = await rowFingerprints(core.db);
      await core.call('data.import', { path: file('twice.json') });
      expect(await rowFingerprints(core.db)).toEqual(home);
    } finally {
      await core.close();
      await target.close();
    }
  });

  it('merges by id: a later version of a row replaces an older one, never the reverse', async () => {
    const { core, clock } = await withHistory();
    const target = (await emptyProfile()).core;
    try {
      await exported(core, 'v1.json');
      await target.call('data.import', { path: file('v1.json') });
      const session = (await core.call('sessions.list', { limit: 1 })).sessions[0]!;
      clock.set('2026-02-18T10:00:00Z');
      await core.call('sessions.update', { session_id: session.id, notes: 'edited at home' });
      await exported(core, 'v2.json');
      const update = await target.call('data.import', { path: file('v2.json') });
      expect(update.tables.study_sessions).toMatchObject({ updated: 1 });
      expect((await target.call('sessions.get', { session_id: session.id })).notes).toBe('edited at home');
      const back = await target.call('data.import', { path: file('v1.json') }); // the older file changes nothing
      expect(back.tables.study_sessions).toMatchObject({ updated: 0, added: 0 });
      expect((await target.call('sessions.get', { session_id: session.id })).notes).toBe('edited at home');
      expect(await ledgerMismatches(target.db)).toEqual([]);
    } finally {
      await core.close();
      await target.close();
    }
  });

  it('a dry run reports what it would do and changes nothing', async () => {
    const { core } = await withHistory();
    const target = (await emptyProfile()).core;
    try {
      await exported(core, 'dry.json');
      const before = await rowFingerprints(target.db);
      const dry = await target.call('data.import', { path: file('dry.json'), dry_run: true });
      expect(dry).toMatchObject({ dry_run: true, backup_id: null, tables: { study_sessions: { added: 12 } } });
      expect(dry.preview.length).toBeGreaterThan(10);
      expect(await rowFingerprints(target.db)).toEqual(before);
    } finally {
      await core.close();
      await target.close();
    }
  });
});

describe('a malformed or hostile import file', () => {
  const S = '0190f9b0-1111-7000-8000-000000000001';
  const goodSession = (id: string, day: number, extra: Record<string, unknown> = {}) => ({
    id, class_id: null, start_time: `2026-01-${String(day).padStart(2, '0')}T09:00:00Z`, end_time: `2026-01-${String(day).padStart(2, '0')}T10:00:00Z`,
    duration_minutes: 60, session_type: 'solo', focus_mode: null, location: null, notes: null, mood_rating: null,
    productivity_rating: null, time_zone: 'UTC', paused_seconds: 0, source: 'manual', last_heartbeat_at: null, points_earned: 30,
    created_at: '2026-01-01T10:00:00Z', updated_at: '2026-01-01T10:00:00Z', deleted_at: null, ...extra,
  });
  const hostile = {
    format: 'study-desk-data', format_version: 1, schema_version: migrationsFor('desktop').at(-1)!.name,
    extra_section: { anything: true },
    tables: {
      study_sessions: [
        goodSession(S, 5, { notes: "Robert'); DROP TABLE study_sessions; --" }),
        goodSession('0190f9b0-1111-7000-8000-000000000002', 6, { duration_minutes: 'sixty' }),
        goodSession('0190f9b0-1111-7000-8000-000000000003', 7, { notes: 'x'.repeat(1_000_000) }),
        goodSession('0190f9b0-1111-7000-8000-000000000004', 8, { end_time: '2026-01-08T08:00:00Z' }),
        goodSession('0190f9b0-1111-7000-8000-000000000005', 9, { notes: 'nul \u0000 inside' }),
        goodSession('0190f9b0-1111-7000-8000-000000000006', 10, { user_id: '0190f9b0-9999-7000-8000-000000000001' }),
        goodSession('0190f9b0-1111-7000-8000-000000000007', 11, { class_id: '0190f9b0-2222-7000-8000-000000000001' }),
        goodSession('0190f9b0-1111-7000-8000-000000000008', 12, { time_zone: 'Mars/Olympus' }),
        goodSession(S, 13),
        'not an object',
        JSON.parse('{"__proto__": {"polluted": true}, "id": "0190f9b0-1111-7000-8000-000000000009"}'),
        goodSession('0190f9b0-1111-7000-8000-00000000000a', 14, { points_earned: 999_999 }),
      ],
      session_activities: [
        { id: '0190f9b0-3333-7000-8000-000000000001', session_id: S, activity_type: 'testing', content_type: null, content_id: null,
          start_time: '2026-01-05T09:10:00Z', end_time: '2026-01-05T09:40:00Z', duration_minutes: 30, items_completed: 10, items_correct: 12,
          accuracy_percentage: 120, points_earned: 12, metadata: {}, created_at: '2026-01-05T10:00:00Z', updated_at: '2026-01-05T10:00:00Z', deleted_at: null },
      ],
      point_awards: [
        { id: '0190f9b0-4444-7000-8000-000000000001', reference_type: 'session', reference_id: '0190f9b0-1111-7000-8000-00000000000f', delta: 50, reason: 'session_earned', created_at: '2026-01-05T10:00:00Z' },
      ],
      users: [{ id: S, display_name: 'intruder' }],
      'pg_catalog.pg_authid; --': [{}],
    },
  };

  it('is reported row by row, keeps the valid rows, and changes nothing it rejected', async () => {
    const { core } = await emptyProfile();
    try {
      writeFileSync(file('hostile.json'), JSON.stringify(hostile));
      const before = await rowFingerprints(core.db);
      const result = await core.call('data.import', { path: file('hostile.json') });
      const reasons = Object.fromEntries(result.skipped.map((s) => [`${s.table}#${s.row}`, s.reason]));
      expect(reasons).toMatchObject({
        'study_sessions#2': expect.stringMatching(/duration_minutes/),
        'study_sessions#3': expect.stringMatching(/notes: .*(big|long|characters)/i),
        'study_sessions#4': expect.stringMatching(/end_time is not after start_time/),
        'study_sessions#5': expect.stringMatching(/NUL/),
        'study_sessions#6': expect.stringMatching(/Unrecognized key.*user_id/),
        'study_sessions#7': expect.stringMatching(/class_id .* names no classes row/),
        'study_sessions#8': expect.stringMatching(/time_zone/),
        'study_sessions#9': expect.stringMatching(/same id appears earlier/),
        'study_sessions#10': expect.stringMatching(/object/),
        'study_sessions#11': expect.stringMatching(/__proto__|Unrecognized key/),
        'session_activities#1': expect.stringMatching(/items_correct|accuracy/),
        'point_awards#1': expect.stringMatching(/reference_id .* names no study_sessions row/),
        'users#1': expect.stringMatching(/unknown table "users"/),
        'pg_catalog.pg_authid; --#1': expect.stringMatching(/unknown table/),
        'extra_section#null': expect.stringMatching(/unknown section/),
      });
      expect(result.tables.study_sessions).toMatchObject({ added: 2, skipped: 10 });
      const stored = await core.call('sessions.get', { session_id: S });
      expect(stored.notes).toBe("Robert'); DROP TABLE study_sessions; --"); // text, stored as text
      // The inflated points were recomputed by the database, and the ledger follows the formula.
      expect((await core.call('sessions.get', { session_id: '0190f9b0-1111-7000-8000-00000000000a' })).points_earned).toBe(30);
      expect(await ledgerMismatches(core.db)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const after = await rowFingerprints(core.db);
      const moved = Object.keys(after).filter((t) => after[t] !== before[t]).sort();
      expect(moved).toEqual(['point_awards', 'study_sessions', 'sync_outbox']);
    } finally {
      await core.close();
    }
  });

  it('that is not JSON, not an export, or from a newer version is refused whole', async () => {
    const { core } = await emptyProfile();
    try {
      const before = await rowFingerprints(core.db);
      writeFileSync(file('broken.json'), '{"format": "study-desk-data", "tables": {');
      writeFileSync(file('other.json'), JSON.stringify({ hello: 'world' }));
      writeFileSync(file('newer.json'), JSON.stringify({ ...hostile, format_version: 2 }));
      writeFileSync(file('newer-schema.json'), JSON.stringify({ ...hostile, schema_version: 'desktop/9999_future.sql' }));
      writeFileSync(file('latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
      expect(await core.invoke('data.import', { path: file('broken.json') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/not valid JSON/) } });
      expect(await core.invoke('data.import', { path: file('other.json') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/not a usable Study Desk export/) } });
      expect(await core.invoke('data.import', { path: file('newer.json') })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/newer version/) } });
      expect(await core.invoke('data.import', { path: file('newer-schema.json') })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(await core.invoke('data.import', { path: file('latin1.json') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/UTF-8/) } });
      expect(await core.invoke('data.import', { path: file('missing.json') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await core.invoke('data.import', { path: 'relative.json' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await core.invoke('data.import', { path: file('x.txt') })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await rowFingerprints(core.db)).toEqual(before);
    } finally {
      await core.close();
    }
  });
});

describe('importing sessions from a CSV in the export format', () => {
  it('adds what a dry run showed, twice adds nothing, and keeps every rule of a manual session', async () => {
    const { core } = await withHistory();
    const target = (await emptyProfile('Europe/Berlin')).core;
    try {
      const csv = await core.call('reports.export', { kind: 'sessions', format: 'csv', start_date: '2026-01-01', end_date: '2026-02-28' });
      writeFileSync(file('sessions.csv'), csv.content);
      const before = await rowFingerprints(target.db);
      const dry = await target.call('data.import', { path: file('sessions.csv'), dry_run: true });
      expect(dry).toMatchObject({ dry_run: true, format: 'csv', tables: { study_sessions: { added: 11 }, classes: { added: 2 } } });
      expect(dry.preview.find((p) => p.table === 'study_sessions')?.summary).toMatch(/^session 2026-02-02T17:00:00.000Z to .* \(Europe\/Berlin\) · Biology$/);
      expect(await rowFingerprints(target.db)).toEqual(before);

      const done = await target.call('data.import', { path: file('sessions.csv') });
      expect(done.tables).toEqual(dry.tables);
      const mine = await target.call('sessions.list', { limit: 100 });
      const theirs = await core.call('sessions.list', { limit: 100 });
      const shape = (l: typeof mine) => l.sessions.map((s) => [s.id, s.start_time, s.end_time, s.duration_minutes, s.class_name, s.notes, s.mood_rating, s.paused_seconds]);
      expect(shape(mine)).toEqual(shape(theirs));
      expect(mine.sessions.every((s) => s.source === 'import')).toBe(true);
      expect(await ledgerMismatches(target.db)).toEqual([]);
      expect(await outboxMismatches(target.db)).toEqual([]);
      expect((await target.call('points.summary', {})).total_points).toBeGreaterThan(0);

      const again = await target.call('data.import', { path: file('sessions.csv') });
      expect(again.tables.study_sessions).toMatchObject({ added: 0, unchanged: 11 });
    } finally {
      await core.close();
      await target.close();
    }
  });

  it('reads a spreadsheet: wall times in the row zone, no ids, new class names; and reports the bad rows', async () => {
    const { core } = await emptyProfile('America/New_York');
    try {
      const rows = [
        'class_name,start_local,end_local,time_zone,paused_minutes,mood_rating,notes',
        'Chemistry,2026-01-10 09:00,2026-01-10 10:30,America/New_York,5,4,"first, with a comma"',
        'chemistry ,2026-01-11 09:00,2026-01-11 10:00,,,,',
        'Physics,2026-01-12 10:00,2026-01-12 09:00,,,,end before start',
        'Physics,2026-01-10 10:00,2026-01-10 11:00,,,,overlaps the first',
        'Physics,2099-01-01 10:00,2099-01-01 11:00,,,,future',
        'Physics,2026-01-13 10:00,2026-01-13 11:00,Mars/Olympus,,,bad zone',
        'Physics,2026-01-14 10:00,2026-01-14 11:00,,,9,bad rating',
        'Physics,yesterday,2026-01-14 11:00,,,,bad time',
        'Physics,2026-01-15 10:00',
      ].join('\r\n');
      writeFileSync(file('sheet.csv'), rows);
      const result = await core.call('data.import', { path: file('sheet.csv') });
      expect(result.tables.study_sessions).toMatchObject({ added: 2, skipped: 7 });
      expect(result.tables.classes).toMatchObject({ added: 1 }); // "chemistry " is the same class
      expect(result.skipped.map((s) => [s.row, s.reason])).toEqual([
        [9, expect.stringMatching(/has 2 fields, the header has 7/)],
        [3, 'end is not after start'],
        [5, 'end is in the future'],
        [6, expect.stringMatching(/Mars\/Olympus/)],
        [7, expect.stringMatching(/mood_rating/)],
        [8, expect.stringMatching(/start_local: not an ISO-8601 time/)],
        [4, expect.stringMatching(/overlaps session/)],
      ]);
      const [second, first] = (await core.call('sessions.list', {})).sessions;
      expect(first).toMatchObject({ start_time: '2026-01-10T14:00:00.000Z', end_time: '2026-01-10T15:30:00.000Z', paused_seconds: 300, duration_minutes: 85, class_name: 'Chemistry', notes: 'first, with a comma', mood_rating: 4, time_zone: 'America/New_York' });
      expect(second).toMatchObject({ start_time: '2026-01-11T14:00:00.000Z', class_name: 'Chemistry', time_zone: 'America/New_York' });
      const again = await core.call('data.import', { path: file('sheet.csv') });
      expect(again.tables.study_sessions).toMatchObject({ added: 0, unchanged: 2 });
    } finally {
      await core.close();
    }
  });

  it('refuses a file that is not a sessions CSV', async () => {
    const { core } = await emptyProfile();
    try {
      writeFileSync(file('notes.csv'), 'title,body\r\nhello,world\r\n');
      writeFileSync(file('quote.csv'), 'start_utc,end_utc\r\n"2026-01-01T10:00:00Z,2026-01-01T11:00:00Z\r\n');
      expect(await core.invoke('data.import', { path: file('notes.csv') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/not a sessions file/) } });
      expect(await core.invoke('data.import', { path: file('quote.csv') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/CSV/) } });
    } finally {
      await core.close();
    }
  });
});
