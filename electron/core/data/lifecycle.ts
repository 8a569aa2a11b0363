/**
 * What the core does around opening and closing a data dir for the data's sake: finish a restore
 * a crash interrupted, notice an unclean exit (no clean-shutdown marker), tell a damaged data dir
 * from an interrupted first run, back up before migrating, and back up daily while idle.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import { MigrationError } from '../../../shared/db/migrate';
import type { Core } from '../core';
import { isInitialized, READY_MARKER } from '../db/pglite-db';
import { compactKeptDirs, createBackup, pruneBackups } from './backup/backup';
import { backupFolderFor, type BackupFolder, readManifests } from './backup/manifest';
import { DailyBackupScheduler } from './backup/scheduler';
import { recoverSwap } from './backup/swap';

/**
 * Inside the data dir, so it travels with the dir when the closed dir is copied or renamed (the
 * bench's cached dataset, a student moving it by hand). A running database never has one, so no
 * backup carries one either.
 */
const cleanMarker = (dataDir: string) => path.join(dataDir, 'study-desk.clean-shutdown');

/**
 * Run under the lock before the data dir is opened. Completes an interrupted swap, then reads and
 * removes the clean-shutdown marker: an existing database without one was not closed properly.
 */
export async function beforeOpen(dataDir: string): Promise<{ unclean: boolean }> {
  await recoverSwap(dataDir);
  const existed = isInitialized(dataDir) && existsSync(path.join(dataDir, READY_MARKER));
  const clean = existsSync(cleanMarker(dataDir));
  rmSync(cleanMarker(dataDir), { force: true });
  return { unclean: existed && !clean };
}

export function markCleanShutdown(dataDir: string): void {
  writeFileSync(cleanMarker(dataDir), new Date().toISOString());
}

/**
 * A data dir that finished its first run but lost PostgreSQL's own files is damaged, not new:
 * opening it as a first run would replace the student's history with an empty database.
 */
export function assertNotGutted(dataDir: string): void {
  if (existsSync(path.join(dataDir, READY_MARKER)) && !isInitialized(dataDir)) {
    throw damaged(dataDir, new Error('PG_VERSION is missing'));
  }
}

export function damaged(dataDir: string, cause: unknown): unknown {
  if (cause instanceof AppError || cause instanceof MigrationError) return cause;
  return new AppError(
    'UNAVAILABLE',
    `the database in ${dataDir} is damaged and does not open (${(cause as Error).message ?? cause}). ` +
      'Restore a backup: data.listBackups, then data.restore {"backup_id": …}.',
  );
}

export function backupFolderOf(dataDir: string | null, backupsDir: string | null | undefined): BackupFolder | null {
  if (backupsDir) return { dir: path.resolve(backupsDir), name: dataDir ? path.basename(path.resolve(dataDir)) : 'memory' };
  if (backupsDir === null || !dataDir) return null;
  return backupFolderFor(dataDir);
}

/** Backs up now, unless calls are running (then it is not idle after all). */
export async function backUpIfIdle(core: Core): Promise<boolean> {
  const folder = core.backupFolder;
  if (!folder) return false;
  const done = await core.gate.ifIdle(async () => {
    await createBackup({ db: core.db, dataDir: core.dataDir, folder }, 'daily', new Date(core.now()));
    await pruneBackups(folder, new Date(core.now()), core.settings.time_zone, core.rotation);
    return true;
  });
  return done === true;
}

/**
 * The idle work on the backups folder: compress the data dirs restores kept, then the daily
 * backup when one is due. Both run only while no call does.
 */
export function dailyBackups(core: Core): { onIdle(): Promise<void> } | null {
  const folder = core.backupFolder;
  if (!folder) return null;
  const scheduler = new DailyBackupScheduler({
    now: () => Date.parse(core.now()),
    lastDaily: async () => {
      const last = (await readManifests(folder)).find((m) => m.kind === 'daily');
      return last ? Date.parse(last.created_at) : null;
    },
    backUp: () => backUpIfIdle(core),
  });
  return {
    async onIdle() {
      await core.gate.ifIdle(() => compactKeptDirs(folder));
      await scheduler.onIdle();
    },
  };
}
