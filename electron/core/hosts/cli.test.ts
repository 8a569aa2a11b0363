import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Core } from '../core';

const root = mkdtempSync(join(tmpdir(), 'study-desk-cli-'));
const dataDir = join(root, 'pgdata');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, STUDY_DESK_DATA_DIR: join(root, 'never-used') },
  });
  const parse = (s: string) => (s.trim() ? JSON.parse(s) : null);
  return { code: r.status, out: parse(r.stdout), err: r.stderr.trim().startsWith('{') ? parse(r.stderr) : r.stderr };
}

describe('the CLI', () => {
  it('reports migrations of a data dir that does not exist yet, then creates it', () => {
    const before = cli('db', 'status');
    expect(before.code).toBe(0);
    expect(before.out.initialized).toBe(false);
    const migrated = cli('db', 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.out.applied).toContain('shared/0001_foundation.sql');
    const after = cli('db', 'status');
    expect(after.out).toMatchObject({ initialized: true, pending: [], unknown: [], mismatched: [] });
  });

  it('runs the platform flow as of --now and prints JSON', () => {
    const started = cli('--now', '2026-03-10T14:00:00Z', 'sessions.start', '{"session_type":"solo"}');
    expect(started.code).toBe(0);
    expect(started.out.start_time).toBe('2026-03-10T14:00:00.000Z');
    const id = started.out.session_id;
    const test = cli('--now', '2026-03-10T14:30:00Z', 'sessions.logActivity',
      JSON.stringify({ session_id: id, activity_type: 'testing', items_completed: 20, items_correct: 18 }));
    expect(test.out).toMatchObject({ accuracy_percentage: 90, points_earned: 18 });
    const ended = cli('--now', '2026-03-10T15:30:00Z', 'sessions.end', JSON.stringify({ session_id: id }));
    expect(ended.out).toMatchObject({ duration_minutes: 90, points_earned: 45 });
    const points = cli('--now', '2026-03-10T15:30:00Z', 'points.summary');
    expect(points.out).toMatchObject({ total_points: 63, level: 3 });
  });

  it('exits 2, 3 and 4 with the typed error on stderr', () => {
    const invalid = cli('sessions.list', '{"limit":"ten"}');
    expect(invalid.code).toBe(2);
    expect(invalid.err.error.code).toBe('VALIDATION');
    expect(invalid.err.error.issues[0].path).toBe('limit');
    expect(cli('sessions.list', '{not json').code).toBe(2);
    const missing = cli('sessions.get', '{"session_id":"0190f9b0-0000-7000-8000-00000000dead"}');
    expect(missing.code).toBe(3);
    expect(missing.err.error.code).toBe('NOT_FOUND');
    expect(cli('no.such.channel').code).toBe(3);
    cli('--now', '2026-03-11T10:00:00Z', 'sessions.start');
    const twice = cli('--now', '2026-03-11T10:05:00Z', 'sessions.start');
    expect(twice.code).toBe(4);
    expect(twice.err.error.code).toBe('CONFLICT');
  });

  it('exits 5 while another process holds the data dir', async () => {
    const core = await Core.open({ dataDir, maintenance: false });
    try {
      const locked = cli('sessions.active');
      expect(locked.code).toBe(5);
      expect(locked.err.error).toMatchObject({ code: 'LOCKED' });
      expect(locked.err.error.message).toContain(String(process.pid));
    } finally {
      await core.close();
    }
    expect(cli('sessions.active').code).toBe(0);
  });

  it('prints usage for a missing command', () => {
    const r = cli();
    expect(r.code).toBe(2);
    expect(String(r.err)).toContain('usage:');
  });
});
