import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'study-desk-data-cli-'));
const dataDir = join(root, 'pgdata');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../hosts/cli.ts'), '--data-dir', dataDir, '--now', '2026-03-10T14:00:00Z', ...args], {
    encoding: 'utf8',
    env: { ...process.env, STUDY_DESK_DATA_DIR: join(root, 'never-used') },
  });
  const parse = (s: string) => (s.trim() ? JSON.parse(s) : null);
  return { code: r.status, out: parse(r.stdout), err: r.stderr.trim().startsWith('{') ? parse(r.stderr) : r.stderr };
}

describe('the data channels on the command line', () => {
  it('back up, list, check, export, import and restore headless', () => {
    expect(cli('sessions.createManual', '{"start_time":"2026-03-09T10:00:00Z","end_time":"2026-03-09T11:00:00Z"}').code).toBe(0);
    const backup = cli('data.backup');
    expect(backup.code).toBe(0);
    expect(backup.out.backup).toMatchObject({ kind: 'manual', row_counts: { study_sessions: 1 } });
    expect(existsSync(join(root, 'backups', backup.out.backup.file_name))).toBe(true);
    expect(cli('data.listBackups').out.backups.map((b: { backup_id: string }) => b.backup_id)).toEqual([backup.out.backup.backup_id]);
    expect(cli('data.check').out.ok).toBe(true);
    const exported = cli('data.exportAll', JSON.stringify({ path: join(root, 'all.json') }));
    expect(exported.out.row_counts.study_sessions).toBe(1);
    expect(cli('data.exportAll').out.path).toBe(join(root, 'exports', 'study-desk-data-20260310T140000Z.json'));

    expect(cli('sessions.createManual', '{"start_time":"2026-03-09T12:00:00Z","end_time":"2026-03-09T13:00:00Z"}').code).toBe(0);
    const restored = cli('data.restore', JSON.stringify({ backup_id: backup.out.backup.backup_id }));
    expect(restored.code).toBe(0);
    expect(restored.out.check.ok).toBe(true);
    expect(cli('sessions.list').out.total_count).toBe(1);
    expect(cli('data.import', JSON.stringify({ path: join(root, 'all.json'), dry_run: true })).out.tables.study_sessions).toMatchObject({ added: 0, unchanged: 1 });

    expect(cli('data.restore', '{"backup_id":"0190f9b0-0000-7000-8000-000000000000"}').code).toBe(3); // NOT_FOUND
    expect(cli('data.import', '{"path":"relative.json"}').code).toBe(2); // VALIDATION
  }, 240_000); // thirteen CLI processes, each opening PGlite: minutes on a loaded 2-core machine

  it('restore a data dir that no longer opens', () => {
    const { backups } = cli('data.listBackups').out;
    rmSync(join(dataDir, 'global'), { recursive: true });
    const broken = cli('sessions.list');
    expect(broken.code).toBe(1);
    expect(broken.err.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/damaged.*data\.restore/) });
    expect(cli('data.check').out).toMatchObject({ ok: false, checks: [{ name: 'database', ok: false }] });
    expect(cli('data.listBackups').out.backups.length).toBe(backups.length);
    const restored = cli('data.restore', JSON.stringify({ backup_id: backups.find((b: { kind: string }) => b.kind === 'manual').backup_id }));
    expect(restored.code).toBe(0);
    expect(cli('sessions.list').out.total_count).toBe(1);
  });
});
