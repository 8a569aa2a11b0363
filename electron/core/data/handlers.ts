import type { ChannelOutput } from '../../../shared/contract/channels';
import { migrationsFor } from '../../../migrations';
import type { Core } from '../core';
import { createBackup, pruneBackups } from './backup/backup';
import { readManifests, toBackup } from './backup/manifest';
import { checkDatabase } from './check';
import { requireFolder, restoreLive } from './restore';
import { exportAll } from './transfer/export';
import { importFile } from './transfer/import';

/** The `data.*` channels (DESIGN §2): backups, restore, integrity check, export and import. */
export const dataHandlers = {
  'data.backup': async (core: Core): Promise<ChannelOutput<'data.backup'>> => {
    const folder = requireFolder(core);
    const now = new Date(core.now());
    const manifest = await createBackup({ db: core.db, dataDir: core.dataDir, folder }, 'manual', now);
    const pruned = await pruneBackups(folder, now, core.settings.time_zone, core.rotation);
    return { backup: toBackup(manifest), pruned, message: `Backed up to ${manifest.file_name}` };
  },
  'data.listBackups': async (core: Core): Promise<ChannelOutput<'data.listBackups'>> => {
    const folder = core.backupFolder;
    return { directory: folder?.dir ?? null, backups: folder ? (await readManifests(folder)).map(toBackup) : [] };
  },
  'data.restore': (core: Core, input: { backup_id: string }) => restoreLive(core, input.backup_id),
  'data.check': (core: Core) => checkDatabase(core.db, migrationsFor('desktop'), core.now()),
  'data.exportAll': exportAll,
  'data.import': importFile,
};
