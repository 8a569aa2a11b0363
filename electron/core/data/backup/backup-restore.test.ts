import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../../../migrations';
import { migrate } from '../../../../shared/db/migrate';
import { Core } from '../../core';
import { openPglite, READY_MARKER } from '../../db/pglite-db';
import { catalogue, rowFingerprints } from '../../test-support/catalogue';
import { ledgerMismatches, outboxMismatches } from '../../test-support/invariants';
import { addStudyHistory } from '../../test-support/study-history';
import { TestClock } from '../../test-support/test-core';
import { restoreOffline } from '../restore';
import { compactKeptDirs } from './backup';
import { backupFolderFor, readManifests } from './manifest';

const root = mkdtempSync(path.join(tmpdir(), 'study-desk-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A data dir of its own: `<root>/<case>/pgdata`, its backups in `<root>/<case>/backups`. */
const newDataDir = () => path.join(root, `case-${++n}`, 'pgdata');

async function openCore(dataDir: string, clock = new TestClock('2026-02-20T12:00:00Z')) {
  return { core: await Core.open({ dataDir, clock: clock.now, timeZone: 'Europe/Berlin', maintenance: false }), clock };
}

/** A core with history, closed again; returns its data dir and the id of a backup of that state. */
async function historyWithBackup(): Promise<{ dataDir: string; backupId: string; clock: TestClock }> {
  const dataDir = newDataDir();
  const { core, clock } = await openCore(dataDir);
  try {
    await addStudyHistory(core, clock);
    const { backup } = await core.call('data.backup', {});
    return { dataDir, backupId: backup.backup_id, clock };
  } finally {
    await core.close();
  }
}

/** The sync identity a restore renews on purpose (see sync-continuity.ts). */
const SYNC_IDENTITY = { sync_state: ['client_id', 'updated_at'] };

/** Copies a backup (archive and manifest) into another user-data folder, as a student moving machines would. */
function carryBackup(fromDataDir: string, toDataDir: string, backupId: string): void {
  const from = backupFolderFor(fromDataDir).dir;
  const to = backupFolderFor(toDataDir).dir;
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from).filter((f) => f.includes(backupId))) copyFileSync(path.join(from, f), path.join(to, f));
}

async function dbState(dataDir: string) {
  const db = await openPglite(dataDir);
  try {
    return { catalogue: await catalogue(db), rows: await rowFingerprints(db, SYNC_IDENTITY), raw: await rowFingerprints(db) };
  } finally {
    await db.close();
  }
}

describe('a backup', () => {
  it('restored into a fresh data dir gives an identical database: catalogue and every row', async () => {
    const { dataDir, backupId } = await historyWithBackup();
    const before = await dbState(dataDir);
    expect(Number(before.rows.study_sessions!.split(':')[0])).toBeGreaterThan(10);

    const fresh = newDataDir();
    carryBackup(dataDir, fresh, backupId);
    const result = await restoreOffline(fresh, backupId);
    expect(result.check.ok).toBe(true);
    expect(result.migrations_applied).toEqual([]);
    const after = await dbState(fresh);
    expect(after.catalogue).toEqual(before.catalogue);
    expect(after.rows).toEqual(before.rows);
    expect(after.raw.sync_state).not.toEqual(before.raw.sync_state); // a new install syncs as a new client

    const { core } = await openCore(fresh);
    try {
      expect(core.startupCheck).toBeNull(); // the restore closed it cleanly
      expect((await core.call('sessions.list', { limit: 100 })).total_count).toBe(11);
    } finally {
      await core.close();
    }
  });

  it('is described by a manifest: time, app and schema version, row counts, checksum', async () => {
    const { dataDir, backupId } = await historyWithBackup();
    const [manifest] = await readManifests(backupFolderFor(dataDir));
    expect(manifest).toMatchObject({
      backup_id: backupId,
      kind: 'manual',
      created_at: '2026-02-15T05:00:00.000Z',
      app_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      schema_version: migrationsFor('desktop').at(-1)!.name,
      migrations: migrationsFor('desktop').map((m) => m.name),
      compression: 'gzip',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(manifest!.row_counts).toMatchObject({ study_sessions: 12, classes: 3 });
    const archive = path.join(backupFolderFor(dataDir).dir, manifest!.file_name);
    expect(readFileSync(archive).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip
  });
});

describe('restore', () => {
  it('brings a running core back to the backup and keeps the state it replaced as a backup', async () => {
    const { dataDir, backupId } = await historyWithBackup();
    const { core, clock } = await openCore(dataDir);
    try {
      const events: string[][] = [];
      core.events.on('data.changed', (e) => events.push(e.entities));
      const backedUp = await rowFingerprints(core.db, SYNC_IDENTITY);
      clock.set('2026-02-16T12:00:00Z');
      const extra = await core.call('sessions.createManual', { start_time: '2026-02-16T08:00:00Z', end_time: '2026-02-16T09:00:00Z' });
      const restored = await core.call('data.restore', { backup_id: backupId });
      expect(restored.safety_backup?.kind).toBe('pre_restore');
      expect(restored.check.ok).toBe(true);
      // This device never synced: the platform holds nothing the restore would have to overwrite.
      expect(restored.requeued).toBe(0);
      expect(events.at(-1)).toContain('sessions');
      expect(await rowFingerprints(core.db, { ...SYNC_IDENTITY, sync_outbox: ['seq'] })).toMatchObject({
        study_sessions: backedUp.study_sessions,
        point_awards: backedUp.point_awards,
      });
      await expect(core.call('sessions.get', { session_id: extra.session.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await ledgerMismatches(core.db)).toEqual([]);
      expect(await outboxMismatches(core.db)).toEqual([]);

      // The replaced data dir was kept as it was; idle maintenance compresses it into an archive.
      expect(restored.safety_backup).toMatchObject({ sha256: null, file_name: expect.stringMatching(/\.pgdata$/) });
      expect(await compactKeptDirs(backupFolderFor(dataDir))).toBe(1);
      const [archived] = await readManifests(backupFolderFor(dataDir));
      expect(archived).toMatchObject({ backup_id: restored.safety_backup!.backup_id, layout: 'archive', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // The safety backup undoes the restore.
      await core.call('data.restore', { backup_id: restored.safety_backup!.backup_id });
      expect((await core.call('sessions.get', { session_id: extra.session.id })).id).toBe(extra.session.id);
    } finally {
      await core.close();
    }
    expect(existsSync(`${dataDir}.restore-tmp`)).toBe(false);
    expect(existsSync(`${dataDir}.swap.json`)).toBe(false);
    expect(readdirSync(path.dirname(dataDir)).filter((f) => f.includes('.old-'))).toEqual([]);
  });

  it('over a damaged data dir (truncated files) brings the app back', async () => {
    const { dataDir, backupId } = await historyWithBackup();
    const expected = (await dbState(dataDir)).rows;
    for (const e of readdirSync(path.join(dataDir, 'base'), { recursive: true, withFileTypes: true })) {
      if (e.isFile()) truncateSync(path.join(e.parentPath, e.name), 100);
    }
    await expect(openCore(dataDir)).rejects.toThrow();
    const result = await restoreOffline(dataDir, backupId);
    expect(result.safety_backup?.schema_version).toMatch(/unknown/); // the damaged files are kept
    const { core } = await openCore(dataDir);
    try {
      expect(await rowFingerprints(core.db, SYNC_IDENTITY)).toMatchObject({ study_sessions: expected.study_sessions, session_activities: expected.session_activities });
      expect((await core.call('data.check', {})).ok).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('over a data dir whose files were deleted brings the app back, and never mistakes it for a first run', async () => {
    const { dataDir, backupId } = await historyWithBackup();
    rmSync(path.join(dataDir, 'PG_VERSION'));
    rmSync(path.join(dataDir, 'global'), { recursive: true });
    await expect(openCore(dataDir)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/damaged/) });
    expect(existsSync(path.join(dataDir, READY_MARKER))).toBe(true); // not wiped as an interrupted first run

    rmSync(dataDir, { recursive: true }); // even with nothing left at all
    await restoreOffline(dataDir, backupId);
    const { core } = await openCore(dataDir);
    try {
      expect((await core.call('sessions.list', { limit: 100 })).total_count).toBe(11);
    } finally {
      await core.close();
    }
  });

  it('refuses a backup from a newer schema with a clear message and changes nothing', async () => {
    const future = newDataDir();
    const { core: newer } = await openCore(future);
    let backupId: string;
    try {
      await migrate(newer.db, [...migrationsFor('desktop'), { name: 'desktop/9999_future.sql', sql: 'CREATE TABLE future_thing (x integer)' }]);
      backupId = (await newer.call('data.backup', {})).backup.backup_id;
    } finally {
      await newer.close();
    }
    const { dataDir } = await historyWithBackup();
    carryBackup(future, dataDir, backupId);
    const { core } = await openCore(dataDir);
    try {
      const before = await rowFingerprints(core.db);
      const backupsBefore = (await core.call('data.listBackups', {})).backups.length;
      const result = await core.invoke('data.restore', { backup_id: backupId });
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/newer version of Study Desk.*update the app/) } });
      expect(await rowFingerprints(core.db)).toEqual(before);
      expect((await core.call('data.listBackups', {})).backups.length).toBe(backupsBefore);
    } finally {
      await core.close();
    }
  });

  it('refuses a backup whose file no longer matches its checksum', async () => {
    const { dataDir, backupId } = await historyWithBackup();
    const folder = backupFolderFor(dataDir);
    const [m] = await readManifests(folder);
    const file = path.join(folder.dir, m!.file_name);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    writeFileSync(file, bytes);
    const { core } = await openCore(dataDir);
    try {
      const before = await rowFingerprints(core.db);
      expect(await core.invoke('data.restore', { backup_id: backupId })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/checksum/) } });
      expect(await rowFingerprints(core.db)).toEqual(before);
    } finally {
      await core.close();
    }
  });

  it('migrates an older backup forward: the one taken before a migration', async () => {
    const dataDir = newDataDir();
    const all = migrationsFor('desktop');
    const db = await openPglite(dataDir);
    await migrate(db, all.slice(0, -1));
    await db.query(`INSERT INTO users (id, time_zone) VALUES ('0190f9b0-0000-7000-8000-000000000001', 'UTC')`);
    await db.query(`INSERT INTO settings (user_id, time_zone) VALUES ('0190f9b0-0000-7000-8000-000000000001', 'UTC')`);
    await db.close();
    writeFileSync(path.join(dataDir, READY_MARKER), 'older build');

    const { core } = await openCore(dataDir); // applies the last migration, after a backup
    try {
      const [pre] = (await core.call('data.listBackups', {})).backups;
      expect(pre).toMatchObject({ kind: 'pre_migration', schema_version: all.at(-2)!.name });
      const restored = await core.call('data.restore', { backup_id: pre!.backup_id });
      expect(restored.migrations_applied).toEqual([all.at(-1)!.name]);
      expect(restored.check.ok).toBe(true);
      expect(core.userId).toBe('0190f9b0-0000-7000-8000-000000000001');
    } finally {
      await core.close();
    }
  });
});

describe('restore and sync', () => {
  it('does not re-push what the platform acknowledged, re-queues what the restore changed, and keeps what it never got', async () => {
    const { dataDir, backupId, clock } = await historyWithBackup();
    const { core } = await openCore(dataDir, clock);
    try {
      const session = (await core.call('sessions.list', { limit: 1 })).sessions[0]!;
      const { rows: [s0] } = await core.db.query<{ client_id: string; max: number }>('SELECT client_id, (SELECT max(seq) FROM sync_outbox)::integer AS max FROM sync_state');
      // After the backup: the platform acknowledges everything so far, then the student edits a
      // session (pushed and acknowledged too) and adds one more change that is still pending.
      await core.db.query('UPDATE sync_state SET acked_seq = $1, pull_cursor = 42', [s0!.max]);
      await core.call('sessions.update', { session_id: session.id, notes: 'edited after the backup' });
      const { rows: [s1] } = await core.db.query<{ max: number }>('SELECT max(seq)::integer AS max FROM sync_outbox');
      await core.db.query('UPDATE sync_state SET acked_seq = $1', [s1!.max]);
      await core.db.query('DELETE FROM sync_outbox WHERE seq <= $1', [s1!.max]);
      await core.call('classes.create', { name: 'Pending class' });

      const restored = await core.call('data.restore', { backup_id: backupId });
      const { rows: [state] } = await core.db.query<{ client_id: string; acked_seq: number; pull_cursor: number }>('SELECT client_id, acked_seq, pull_cursor FROM sync_state');
      expect(state!.client_id).not.toBe(s0!.client_id); // a new lineage: the platform's last_seq for the old one may be ahead
      expect(state).toMatchObject({ acked_seq: 0, pull_cursor: 0 }); // pull again from the backup's cursor
      const { rows: outbox } = await core.db.query<{ seq: number; entity: string; entity_id: string; payload: { notes: string | null } }>('SELECT seq, entity, entity_id, payload FROM sync_outbox ORDER BY seq');
      // Everything the backup had queued was acknowledged: only the session the restore reverted goes out again.
      expect(restored.requeued).toBe(1);
      expect(outbox.map((o) => [o.seq, o.entity, o.entity_id])).toEqual([[1, 'study_sessions', session.id]]);
      expect(outbox[0]!.payload.notes).toBe(session.notes);
      await core.call('classes.create', { name: 'After the restore' });
      const { rows: [next] } = await core.db.query<{ seq: number }>('SELECT max(seq)::integer AS seq FROM sync_outbox');
      expect(next!.seq).toBe(2); // numbering goes on from the renumbered outbox
      expect((await core.call('data.check', {})).ok).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('keeps every pending mutation of the backup when the platform acknowledged none of them', async () => {
    const { dataDir, backupId } = await historyWithBackup();
    const { core } = await openCore(dataDir);
    try {
      const { rows: [before] } = await core.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM sync_outbox');
      await core.call('data.restore', { backup_id: backupId });
      const { rows: [after] } = await core.db.query<{ n: number; min: number; max: number }>('SELECT count(*)::integer AS n, min(seq)::integer AS min, max(seq)::integer AS max FROM sync_outbox');
      expect(after).toEqual({ n: before!.n, min: 1, max: before!.n });
      expect(await outboxMismatches(core.db)).toEqual([]);
    } finally {
      await core.close();
    }
  });
});

describe('an in-memory core', () => {
  it('backs up and restores when given a backups folder', async () => {
    const clock = new TestClock('2026-02-20T12:00:00Z');
    const backupsDir = path.join(root, 'memory-backups');
    const core = await Core.open({ dataDir: null, backupsDir, clock: clock.now, timeZone: 'UTC', maintenance: false });
    try {
      await addStudyHistory(core, clock, '2026-02-02T08:00:00Z', 4);
      const before = await rowFingerprints(core.db, SYNC_IDENTITY);
      const { backup } = await core.call('data.backup', {});
      await core.call('classes.create', { name: 'After' });
      await core.call('data.restore', { backup_id: backup.backup_id });
      expect(await rowFingerprints(core.db, { ...SYNC_IDENTITY })).toMatchObject({ classes: before.classes, study_sessions: before.study_sessions });
    } finally {
      await core.close();
    }
  });

  it('without one, answers backup and restore with a clear error', async () => {
    const core = await Core.open({ dataDir: null, maintenance: false });
    try {
      expect(await core.invoke('data.backup', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/in memory/) } });
      expect(await core.call('data.listBackups', {})).toEqual({ directory: null, backups: [] });
    } finally {
      await core.close();
    }
  });
});

describe('start-up', () => {
  it('runs the integrity check after an unclean exit, and not after a clean one', async () => {
    const dataDir = newDataDir();
    const first = await openCore(dataDir);
    expect(first.core.startupCheck).toBeNull(); // a first run is not an unclean exit
    await first.core.close();
    const clean = await openCore(dataDir);
    expect(clean.core.startupCheck).toBeNull();
    // Leave without close(): what a crash leaves (the lock of a live process is ours to take over here).
    await clean.core.db.close();
    rmSync(`${dataDir}.lock`);
    const after = await openCore(dataDir);
    try {
      expect(after.core.startupCheck).toMatchObject({ ok: true, checks: expect.arrayContaining([expect.objectContaining({ name: 'ledger', ok: true })]) });
    } finally {
      await after.core.close();
    }
  });
});
