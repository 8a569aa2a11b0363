/**
 * Replacing a data dir with a prepared one in two renames, with a journal beside it so that a
 * crash at any point finishes the swap on the next open: the dir is then the old database (crash
 * before the journal) or the new one (crash after), never a mix of files.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fsyncDir } from './archive';
import { keepReplacedDir } from './backup';
import { Manifest, writeFileAtomic } from './manifest';

const Journal = z.object({
  swap: z.literal(1),
  /** The complete, fsynced data dir that becomes `target`. */
  incoming: z.string(),
  /** Where the replaced data dir waits until the new one is in place. */
  outgoing: z.string(),
  /** Keep the replaced dir as this backup (moved into the folder) instead of deleting it. */
  keep: z.object({ folder: z.object({ dir: z.string(), name: z.string() }), manifest: Manifest }).nullable().default(null),
  started_at: z.string(),
});
type Journal = z.infer<typeof Journal>;

const resolved = (dataDir: string) => path.resolve(dataDir);
export const journalPath = (dataDir: string) => `${resolved(dataDir)}.swap.json`;
/** Where a restore prepares the new data dir, beside the old one (same file system, so rename is atomic). */
export const incomingPath = (dataDir: string) => `${resolved(dataDir)}.restore-tmp`;

/** Test hook: throws at a named step, as a crash there would stop the swap. */
export type SwapStep = 'journal' | 'outgoing' | 'incoming' | 'cleanup';

async function finish(target: string, journal: Journal, crashAt?: SwapStep): Promise<Manifest | null> {
  if (existsSync(journal.incoming)) {
    if (existsSync(target) && !existsSync(journal.outgoing)) {
      await fs.rename(target, journal.outgoing);
      if (crashAt === 'outgoing') throw new Error('crash after moving the old data dir out');
    }
    await fs.rename(journal.incoming, target);
    await fsyncDir(path.dirname(target));
    if (crashAt === 'incoming') throw new Error('crash after moving the new data dir in');
  }
  let kept: Manifest | null = null;
  if (journal.keep) {
    const { folder, manifest } = journal.keep;
    if (existsSync(journal.outgoing) || existsSync(path.join(folder.dir, manifest.file_name))) kept = await keepReplacedDir(journal.outgoing, folder, manifest);
  } else {
    await fs.rm(journal.outgoing, { recursive: true, force: true });
  }
  if (crashAt === 'cleanup') throw new Error('crash before removing the journal');
  await fs.rm(journalPath(target), { force: true });
  await fsyncDir(path.dirname(target));
  return kept;
}

/**
 * Makes `incoming` the data dir. The caller holds the lock and has closed the database. With
 * `keep`, the replaced dir becomes that backup (returned) instead of being deleted.
 */
export async function swapDataDir(
  dataDir: string,
  incoming: string,
  options: { keep?: Journal['keep']; crashAt?: SwapStep } = {},
): Promise<Manifest | null> {
  const target = resolved(dataDir);
  const journal: Journal = {
    swap: 1,
    incoming: resolved(incoming),
    outgoing: `${target}.old-${Date.now()}`,
    keep: options.keep ?? null,
    started_at: new Date().toISOString(),
  };
  await writeFileAtomic(journalPath(target), JSON.stringify(journal));
  if (options.crashAt === 'journal') throw new Error('crash after writing the journal');
  return finish(target, journal, options.crashAt);
}

/**
 * Run before opening a data dir: completes a swap a crash interrupted, and removes what an
 * interrupted preparation left (a journal is written only once the new dir is complete).
 * Returns whether it completed a swap.
 */
export async function recoverSwap(dataDir: string): Promise<boolean> {
  const target = resolved(dataDir);
  let journal: Journal | null = null;
  try {
    journal = Journal.parse(JSON.parse(await fs.readFile(journalPath(target), 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`the restore journal ${journalPath(target)} is unreadable: ${(err as Error).message}`, { cause: err });
  }
  if (journal) {
    await finish(target, journal);
    return true;
  }
  await fs.rm(incomingPath(target), { recursive: true, force: true });
  return false;
}
