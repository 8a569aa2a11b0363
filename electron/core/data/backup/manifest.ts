/**
 * The backups folder: `<name>-<utc stamp>-<kind>-<id>.tar.gz` beside its `.json` manifest. The
 * manifest is written last, after the archive is complete and renamed into place, so a backup
 * exists exactly when its manifest does; anything else in the folder is an interrupted write.
 *
 * A restore keeps the data dir it replaces as it is, moved into the folder as `<stem>.pgdata/`
 * (layout "dir": a rename, where compressing it would double the restore's time); the idle
 * maintenance compresses it into an archive later.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type Backup, BACKUP_KINDS, type BackupKind } from '../../../../shared/contract/data';
import { fsyncDir, fsyncFile } from './archive';

export const BACKUP_FORMAT = 'study-desk-backup';

export const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  format_version: z.literal(1),
  backup_id: z.uuid(),
  kind: z.enum(BACKUP_KINDS),
  created_at: z.iso.datetime({ offset: true }),
  /** The data dir's own name: several data dirs may share one backups folder (tests, --data-dir). */
  data_dir: z.string(),
  /** "archive": a .tar.gz with a checksum; "dir": a closed data dir kept as it was, compressed later. */
  layout: z.enum(['archive', 'dir']).default('archive'),
  file_name: z.string().regex(/^[\w.-]+\.(tar\.gz|pgdata)$/),
  size_bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  compression: z.enum(['gzip', 'none']),
  app_version: z.string(),
  pglite_version: z.string(),
  schema_version: z.string(),
  /** Every migration the backed-up database had applied, in order. */
  migrations: z.array(z.string()),
  row_counts: z.record(z.string(), z.number().int()),
  data_files: z.number().int(),
  data_bytes: z.number().int(),
});
export type Manifest = z.infer<typeof Manifest>;

export interface BackupFolder {
  dir: string;
  /** The data dir's name, which prefixes every file of its backups. */
  name: string;
}

/** The user-data folder's `backups/` for a data dir: `<userData>/pgdata` -> `<userData>/backups`. */
export const backupFolderFor = (dataDir: string): BackupFolder => ({
  dir: path.join(path.dirname(path.resolve(dataDir)), 'backups'),
  name: path.basename(path.resolve(dataDir)),
});

export function stemFor(folder: BackupFolder, kind: BackupKind, id: string, createdAt: Date): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z'); // 20260310T180000Z
  return `${folder.name}-${stamp}-${kind}-${id}`;
}

export const toBackup = (m: Manifest): Backup => ({
  backup_id: m.backup_id,
  kind: m.kind,
  created_at: m.created_at,
  file_name: m.file_name,
  size_bytes: m.size_bytes,
  sha256: m.sha256,
  app_version: m.app_version,
  schema_version: m.schema_version,
  row_counts: m.row_counts,
});

/** Writes `content` to `file` so that readers see the old file or the whole new one. */
export async function writeFileAtomic(file: string, content: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await fs.writeFile(tmp, content, { flag: 'wx' });
    await fsyncFile(tmp);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(path.dirname(file));
}

export const manifestName = (fileName: string) => fileName.replace(/\.(tar\.gz|pgdata)$/, '.json');

export async function writeManifest(folder: BackupFolder, manifest: Manifest): Promise<void> {
  await writeFileAtomic(path.join(folder.dir, manifestName(manifest.file_name)), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The folder's backups of this data dir, newest first. Unreadable manifests are passed over. */
export async function readManifests(folder: BackupFolder): Promise<Manifest[]> {
  let names: string[];
  try {
    names = await fs.readdir(folder.dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const manifests: Manifest[] = [];
  for (const name of names) {
    if (!name.startsWith(`${folder.name}-`) || !name.endsWith('.json')) continue;
    try {
      const parsed = Manifest.safeParse(JSON.parse(await fs.readFile(path.join(folder.dir, name), 'utf8')));
      if (parsed.success && parsed.data.data_dir === folder.name) manifests.push(parsed.data);
    } catch {
      // a manifest someone edited into invalid JSON names no usable backup
    }
  }
  return manifests.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}

/** Deletes a backup: the manifest first, so no listing ever names a half-deleted archive. */
export async function deleteBackup(folder: BackupFolder, m: Manifest): Promise<void> {
  await fs.rm(path.join(folder.dir, manifestName(m.file_name)), { force: true });
  await fs.rm(path.join(folder.dir, m.file_name), { force: true, recursive: true });
}

/**
 * Removes what interrupted writes left: temp files, and archives whose manifest never got
 * written. Runs only while this process holds the data-dir lock, so nothing here is in flight.
 */
export async function sweepFolder(folder: BackupFolder): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(folder.dir);
  } catch {
    return;
  }
  const own = names.filter((n) => n.startsWith(`${folder.name}-`));
  const named = new Set((await readManifests(folder)).map((m) => m.file_name));
  for (const name of own) {
    const orphan = (name.endsWith('.tar.gz') || name.endsWith('.pgdata')) && !named.has(name);
    if (name.endsWith('.tmp') || orphan) await fs.rm(path.join(folder.dir, name), { force: true, recursive: true });
  }
}
