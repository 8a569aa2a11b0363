import type { ChannelOutput } from '../../../shared/contract/channels';
import { DATA_ENTITIES } from '../../../shared/contract/events';
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
  /**
   * Sample history for an empty profile, as of the core's clock, reporting each step as
   * `task.progress`; refused (CONFLICT, nothing written) once the profile holds study data.
   */
  'data.seedDemo': async (core: Core, input: { years: number }): Promise<ChannelOutput<'data.seedDemo'>> => {
    const { seedDemo } = await import('../demo/seed');
    const counts = await seedDemo(core, {
      years: input.years,
      end: core.now(),
      onProgress: (p) => core.events.emit('task.progress', { task: 'seed_demo', ...p }),
    });
    core.events.emit('data.changed', { entities: [...DATA_ENTITIES], ids: [] });
    return counts;
  },
};
