/**
 * Restore that is itself safe: the backup is checked (checksum, schema) before anything changes,
 * the current state is backed up, the restored data dir is prepared beside the live one (migrated
 * forward, sync bookkeeping continued, fsynced) and swapped in with two renames under a journal,
 * all while this process holds the data-dir lock.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../../../shared/contract/errors';
import { migrate, type Migration } from '../../../../shared/db/migrate';
import { type LocalDb, openPglite, pgliteVersion, READY_MARKER } from '../../db/pglite-db';
import { extractArchive, fsyncTree, writeArchive } from './archive';
import { findBackup, verifyBackup } from './backup';
import type { BackupFolder, Manifest } from './manifest';
import { incomingPath } from './swap';
import { continueSync, type LiveSyncState } from './sync-continuity';

export interface Vetted {
  manifest: Manifest;
  file: string;
}

/** The backup exists, is whole, and holds no migration this build does not know. Changes nothing. */
export async function vetBackup(folder: BackupFolder, backupId: string, migrations: readonly Migration[]): Promise<Vetted> {
  const manifest = await findBackup(folder, backupId);
  const known = new Set(migrations.map((m) => m.name));
  const newer = manifest.migrations.filter((m) => !known.has(m));
  if (newer.length > 0) {
    throw new AppError(
      'CONFLICT',
      `backup ${backupId} was made by a newer version of Study Desk (app ${manifest.app_version}, schema ${manifest.schema_version}); ` +
        'update the app to restore it. Nothing was changed.',
    );
  }
  if (manifest.migrations.length === 0) {
    throw new AppError('UNAVAILABLE', `backup ${backupId} holds a data dir that did not open when it was kept; it cannot be restored automatically`);
  }
  return { manifest, file: await verifyBackup(folder, manifest) };
}

async function openRestored(dataDir: string | null, vetted: Vetted, blob?: Blob): Promise<LocalDb> {
  try {
    return await openPglite(dataDir, blob);
  } catch (err) {
    const versions = vetted.manifest.pglite_version === pgliteVersion() ? '' : ` (it was written by PGlite ${vetted.manifest.pglite_version}, this app runs ${pgliteVersion()})`;
    throw new AppError('UNAVAILABLE', `backup ${vetted.manifest.backup_id} does not open${versions}: ${(err as Error).message}`);
  }
}

/** Forward migrations and sync continuity on the restored database, the same on disk and in memory. */
async function bringForward(db: LocalDb, migrations: readonly Migration[], live: LiveSyncState | null) {
  let applied: string[];
  try {
    applied = (await migrate(db, migrations)).applied;
  } catch (err) {
    throw new AppError('UNAVAILABLE', `the backup could not be brought up to this version's schema: ${(err as Error).message}`);
  }
  const requeued = await continueSync(db, live);
  return { applied, requeued };
}

export interface Prepared {
  applied: string[];
  requeued: number;
}

/** Builds the restored data dir at `<dataDir>.restore-tmp`, complete and durable, ready to be swapped in. */
export async function prepareOnDisk(
  dataDir: string,
  vetted: Vetted,
  migrations: readonly Migration[],
  live: LiveSyncState | null,
): Promise<Prepared & { incoming: string }> {
  const incoming = incomingPath(dataDir);
  await fs.rm(incoming, { recursive: true, force: true });
  try {
    if (vetted.manifest.layout === 'dir') await fs.cp(vetted.file, incoming, { recursive: true });
    else await extractArchive(vetted.file, incoming);
    // A backup of an in-memory database has no marker; without one the next open would take the
    // restored dir for an interrupted first run.
    if (!existsSync(path.join(incoming, READY_MARKER))) writeFileSync(path.join(incoming, READY_MARKER), new Date().toISOString());
    const db = await openRestored(incoming, vetted);
    let result: Prepared;
    try {
      result = await bringForward(db, migrations, live);
      await db.exec('CHECKPOINT');
    } finally {
      await db.close();
    }
    await fsyncTree(incoming);
    return { ...result, incoming };
  } catch (err) {
    await fs.rm(incoming, { recursive: true, force: true });
    throw err;
  }
}

/** The restored database for an in-memory core: loaded from the archive, nothing on disk. */
export async function prepareInMemory(
  vetted: Vetted,
  migrations: readonly Migration[],
  live: LiveSyncState | null,
): Promise<Prepared & { db: LocalDb }> {
  let archive = vetted.file;
  if (vetted.manifest.layout === 'dir') {
    archive = path.join(tmpdir(), `study-desk-${vetted.manifest.backup_id}.tar.gz`);
    await fs.rm(archive, { force: true });
    await writeArchive(vetted.file, archive);
  }
  const tar = zlib.gunzipSync(readFileSync(archive));
  if (archive !== vetted.file) await fs.rm(archive, { force: true });
  const db = await openRestored(null, vetted, new Blob([tar], { type: 'application/x-tar' }));
  try {
    return { ...(await bringForward(db, migrations, live)), db };
  } catch (err) {
    await db.close();
    throw err;
  }
}
