import type { CheckOutput } from '../../../shared/contract/data';
import { channels } from '../../../shared/contract/channels';
import { parseInput } from '../../../shared/contract/validate';
import { toErrorBody } from '../errors';
import { backupFolderFor, readManifests, toBackup } from './backup/manifest';
import { restoreOffline } from './restore';

/**
 * What the data channels still do when the data dir does not open (the CLI, and the app's
 * recovery screen, fall back to it): list the backups, restore one, and report why it failed.
 * Returns undefined for every other channel, and when the dir is merely locked by another process.
 */
export async function dataChannelWithoutCore(dataDir: string, channel: string, input: unknown, openError: unknown, now: () => Date): Promise<unknown> {
  if (toErrorBody(openError).code === 'LOCKED') return undefined;
  const folder = backupFolderFor(dataDir);
  switch (channel) {
    case 'data.listBackups':
      parseInput(channels['data.listBackups'].input, input);
      return { directory: folder.dir, backups: (await readManifests(folder)).map(toBackup) };
    case 'data.restore':
      return restoreOffline(dataDir, parseInput(channels['data.restore'].input, input).backup_id, { now });
    case 'data.check': {
      parseInput(channels['data.check'].input, input);
      const message = `does not open: ${toErrorBody(openError).message}`;
      const report: CheckOutput = {
        ok: false,
        checked_at: now().toISOString(),
        schema_version: 'unknown',
        row_counts: {},
        checks: [{ name: 'database', ok: false, count: 1, message, samples: [] }],
      };
      return report;
    }
    default:
      return undefined;
  }
}
