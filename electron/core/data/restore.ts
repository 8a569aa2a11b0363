/**
 * `data.restore` for a running core, and the same restore for a data dir that no longer opens
 * (the CLI falls back to it), both under the data-dir lock from start to finish.
 */
import fs from 'node:fs/promises';
import type { ChannelOutput } from '../../../shared/contract/channels';
import { AppError } from '../../../shared/contract/errors';
import { migrationsFor } from '../../../migrations';
import type { Core } from '../core';
import { acquireDataDirLock } from '../db/lock';
import { openPglite } from '../db/pglite-db';
import { createBackup, describeReplaced } from './backup/backup';
import { type BackupFolder, type Manifest, toBackup } from './backup/manifest';
import { prepareInMemory, prepareOnDisk, type Prepared, vetBackup } from './backup/restore';
import { recoverSwap, swapDataDir } from './backup/swap';
import { readLiveSyncState } from './backup/sync-continuity';
import { checkDatabase } from './check';
import { backupFolderOf, markCleanShutdown } from './lifecycle';

type RestoreOutput = ChannelOutput<'data.restore'>;

export function requireFolder(core: Core): BackupFolder {
  if (!core.backupFolder) throw new AppError('UNAVAILABLE', 'this profile lives in memory and has no backups folder');
  return core.backupFolder;
}

function message(restored: Manifest, safety: Manifest | null, applied: string[]): string {
  return [
    `Restored the ${restored.kind.replace('_', '-')} backup of ${restored.created_at}`,
    applied.length > 0 ? `, brought forward through ${applied.length} migration(s)` : '',
    safety ? `. The state before it is kept as backup ${safety.backup_id}.` : '.',
  ].join('');
}

/** Inside gate.exclusive (the channel is exclusive): nothing else runs until the new database is open. */
export async function restoreLive(core: Core, backupId: string): Promise<RestoreOutput> {
  const folder = requireFolder(core);
  const migrations = migrationsFor('desktop');
  const vetted = await vetBackup(folder, backupId, migrations);
  const now = () => new Date(core.now());
  const { dataDir } = core;
  const live = await readLiveSyncState(core.db).catch(() => null);
  let prepared: Prepared;
  let safety: Manifest | null;
  if (dataDir) {
    // The replaced data dir itself becomes the safety backup (moved, compressed later when idle):
    // the restore never waits for a compressor, and the copy is exactly what was there.
    const [replaced, onDisk] = await Promise.allSettled([describeReplaced(core.db, folder, now()), prepareOnDisk(dataDir, vetted, migrations, live)]);
    if (replaced.status === 'rejected' || onDisk.status === 'rejected') {
      if (onDisk.status === 'fulfilled') await fs.rm(onDisk.value.incoming, { recursive: true, force: true });
      throw replaced.status === 'rejected' ? replaced.reason : (onDisk as PromiseRejectedResult).reason;
    }
    prepared = onDisk.value;
    let kept: Manifest | null = null;
    await core.swapDatabase(async () => {
      kept = await swapDataDir(dataDir, onDisk.value.incoming, { keep: { folder, manifest: replaced.value } });
    });
    safety = kept;
  } else {
    safety = await createBackup({ db: core.db, dataDir, folder }, 'pre_restore', now());
    const inMemory = await prepareInMemory(vetted, migrations, live);
    prepared = inMemory;
    await core.swapDatabase(async () => inMemory.db);
  }
  return {
    restored: toBackup(vetted.manifest),
    safety_backup: safety ? toBackup(safety) : null,
    migrations_applied: prepared.applied,
    requeued: prepared.requeued,
    check: await checkDatabase(core.db, migrations, core.now(), { invariants: false }),
    message: message(vetted.manifest, safety, prepared.applied),
  };
}

/**
 * Restores into a data dir without opening it first, for when it cannot be opened. Its files are
 * kept as they are (a backup of kind pre_restore); sync starts a new lineage keeping every pending
 * mutation of the backup, since nothing can be read about what the platform acknowledged.
 */
export async function restoreOffline(
  dataDir: string,
  backupId: string,
  options: { folder?: BackupFolder; now?: () => Date } = {},
): Promise<RestoreOutput> {
  const now = options.now ?? (() => new Date());
  const lock = acquireDataDirLock(dataDir);
  try {
    await recoverSwap(dataDir);
    const folder = options.folder ?? backupFolderOf(dataDir, undefined)!;
    const migrations = migrationsFor('desktop');
    const vetted = await vetBackup(folder, backupId, migrations);
    const prepared = await prepareOnDisk(dataDir, vetted, migrations, null);
    const keep = { folder, manifest: await describeReplaced(null, folder, now()) };
    const safety = await swapDataDir(dataDir, prepared.incoming, { keep });
    const db = await openPglite(dataDir);
    try {
      const check = await checkDatabase(db, migrations, now().toISOString());
      return {
        restored: toBackup(vetted.manifest),
        safety_backup: safety ? toBackup(safety) : null,
        migrations_applied: prepared.applied,
        requeued: prepared.requeued,
        check,
        message: message(vetted.manifest, safety, prepared.applied),
      };
    } finally {
      await db.close();
      markCleanShutdown(dataDir);
    }
  } finally {
    lock.release();
  }
}
