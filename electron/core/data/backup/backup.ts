import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BackupKind } from '../../../../shared/contract/data';
import { AppError } from '../../../../shared/contract/errors';
import type { Queryable } from '../../../../shared/db/db';
import { newId } from '../../../../shared/services/context';
import { appVersion } from '../app-version';
import { type LocalDb, pgliteVersion } from '../../db/pglite-db';
import { sha256File, writeArchive, writeGzipMembers } from './archive';
import { BACKUP_FORMAT, type BackupFolder, deleteBackup, type Manifest, readManifests, stemFor, sweepFolder, writeManifest } from './manifest';
import { backupsToPrune, DEFAULT_ROTATION, type RotationPolicy } from './rotation';

/** Applied migrations in the order the runner applies them: by number, whatever the folder. */
export async function appliedMigrations(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ name: string }>('SELECT name FROM schema_migrations');
  const order = (name: string) => name.slice(name.indexOf('/') + 1);
  return rows.map((r) => r.name).sort((a, b) => order(a).localeCompare(order(b)));
}

/** count(*) of every table in the public schema, by name. */
export async function rowCounts(q: Queryable): Promise<Record<string, number>> {
  const { rows: tables } = await q.query<{ name: string; quoted: string }>(
    `SELECT tablename AS name, quote_ident(tablename) AS quoted FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  if (tables.length === 0) return {};
  const sql = tables.map((t) => `SELECT ${`'${t.name.replace(/'/g, "''")}'`} AS name, count(*)::integer AS n FROM ${t.quoted}`).join(' UNION ALL ');
  const { rows } = await q.query<{ name: string; n: number }>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

export interface BackupSource {
  db: LocalDb;
  /** The data dir on disk, or null for an in-memory database. */
  dataDir: string | null;
  folder: BackupFolder;
}

/**
 * A compressed copy of the whole database, checkpointed first and copied while PGlite runs no
 * query, written as a temp file and renamed, then described by its manifest.
 */
export async function createBackup(source: BackupSource, kind: BackupKind, now: Date): Promise<Manifest> {
  const { db, dataDir, folder } = source;
  await fs.mkdir(folder.dir, { recursive: true });
  await sweepFolder(folder);
  const migrations = await appliedMigrations(db);
  const counts = await rowCounts(db);
  await db.exec('CHECKPOINT');
  const id = newId();
  const stem = stemFor(folder, kind, id, now);
  const fileName = `${stem}.tar.gz`;
  const tmp = path.join(folder.dir, `${fileName}.${process.pid}.tmp`);
  try {
    const written = dataDir
      ? await db.pglite.runExclusive(() => writeArchive(dataDir, tmp))
      : await (async () => {
          const tar = Buffer.from(await (await db.pglite.dumpDataDir('none')).arrayBuffer());
          return { ...(await writeGzipMembers([tar], tmp)), files: 0, bytes: tar.length };
        })();
    await fs.rename(tmp, path.join(folder.dir, fileName));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      format_version: 1,
      backup_id: id,
      kind,
      created_at: now.toISOString(),
      data_dir: folder.name,
      layout: 'archive',
      file_name: fileName,
      size_bytes: written.sizeBytes,
      sha256: written.sha256,
      compression: 'gzip',
      app_version: appVersion(),
      pglite_version: pgliteVersion(),
      schema_version: migrations.at(-1) ?? 'none',
      migrations,
      row_counts: counts,
      data_files: written.files,
      data_bytes: written.bytes,
    };
    await writeManifest(folder, manifest);
    return manifest;
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

export async function findBackup(folder: BackupFolder, backupId: string): Promise<Manifest> {
  const manifest = (await readManifests(folder)).find((m) => m.backup_id === backupId);
  if (!manifest) throw new AppError('NOT_FOUND', `backup ${backupId} not found in ${folder.dir}`);
  return manifest;
}

/** The archive is there, whole and unchanged since it was written (a kept data dir: there, with its files). */
export async function verifyBackup(folder: BackupFolder, m: Manifest): Promise<string> {
  const file = path.join(folder.dir, m.file_name);
  if (m.layout === 'dir') {
    if (!existsSync(path.join(file, 'PG_VERSION'))) throw new AppError('UNAVAILABLE', `backup ${m.backup_id} is damaged: the kept data dir ${m.file_name} is incomplete`);
    return file;
  }
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch {
    throw new AppError('UNAVAILABLE', `backup ${m.backup_id} is damaged: its file ${m.file_name} is missing`);
  }
  if (size !== m.size_bytes) {
    throw new AppError('UNAVAILABLE', `backup ${m.backup_id} is damaged: ${m.file_name} has ${size} bytes, its manifest says ${m.size_bytes}`);
  }
  if ((await sha256File(file)) !== m.sha256) {
    throw new AppError('UNAVAILABLE', `backup ${m.backup_id} is damaged: ${m.file_name} does not match its checksum`);
  }
  return file;
}

/** Applies the rotation policy to the folder; returns the ids it deleted. */
export async function pruneBackups(folder: BackupFolder, now: Date, timeZone: string, policy: RotationPolicy = DEFAULT_ROTATION): Promise<string[]> {
  const manifests = await readManifests(folder);
  const doomed = new Set(backupsToPrune(manifests, now, timeZone, policy));
  for (const m of manifests) if (doomed.has(m.backup_id)) await deleteBackup(folder, m);
  return [...doomed];
}

/**
 * The manifest of the data dir a restore is about to replace, read from its database while it
 * is still open (counts and migrations unknown when it is too damaged to answer).
 */
export async function describeReplaced(db: Queryable | null, folder: BackupFolder, now: Date): Promise<Manifest> {
  const id = newId();
  let migrations: string[] = [];
  let counts: Record<string, number> = {};
  if (db) {
    try {
      migrations = await appliedMigrations(db);
      counts = await rowCounts(db);
    } catch {
      migrations = [];
      counts = {};
    }
  }
  return {
    format: BACKUP_FORMAT,
    format_version: 1,
    backup_id: id,
    kind: 'pre_restore',
    created_at: now.toISOString(),
    data_dir: folder.name,
    layout: 'dir',
    file_name: `${stemFor(folder, 'pre_restore', id, now)}.pgdata`,
    size_bytes: 0,
    sha256: null,
    compression: 'none',
    app_version: appVersion(),
    pglite_version: pgliteVersion(),
    schema_version: migrations.at(-1) ?? 'unknown (the data dir did not open)',
    migrations,
    row_counts: counts,
    data_files: 0,
    data_bytes: 0,
  };
}

async function treeSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += (await fs.stat(path.join(e.parentPath, e.name))).size;
  }
  return { files, bytes };
}

/**
 * Moves a closed data dir into the backups folder and writes its manifest: the backup a restore
 * leaves of the state it replaced. Where the folder is on another file system the dir is
 * archived instead (slower, same result).
 */
export async function keepReplacedDir(outgoing: string, folder: BackupFolder, manifest: Manifest): Promise<Manifest> {
  await fs.mkdir(folder.dir, { recursive: true });
  const kept = path.join(folder.dir, manifest.file_name);
  if (existsSync(outgoing)) {
    try {
      await fs.rename(outgoing, kept);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      return archiveKept(outgoing, folder, manifest, true);
    }
  }
  const size = await treeSize(kept);
  const described: Manifest = { ...manifest, size_bytes: size.bytes, data_files: size.files, data_bytes: size.bytes };
  await writeManifest(folder, described);
  return described;
}

async function archiveKept(dir: string, folder: BackupFolder, manifest: Manifest, removeDir: boolean): Promise<Manifest> {
  const fileName = manifest.file_name.replace(/\.pgdata$/, '.tar.gz');
  const tmp = path.join(folder.dir, `${fileName}.${process.pid}.tmp`);
  await fs.rm(tmp, { force: true });
  const written = await writeArchive(dir, tmp);
  await fs.rename(tmp, path.join(folder.dir, fileName));
  const archived: Manifest = {
    ...manifest,
    layout: 'archive',
    file_name: fileName,
    size_bytes: written.sizeBytes,
    sha256: written.sha256,
    compression: 'gzip',
    data_files: written.files,
    data_bytes: written.bytes,
  };
  await writeManifest(folder, archived); // the same manifest file: it now names the archive
  if (removeDir) await fs.rm(dir, { recursive: true, force: true });
  return archived;
}

/** Compresses the data dirs restores kept (idle work). Returns how many it compressed. */
export async function compactKeptDirs(folder: BackupFolder): Promise<number> {
  let n = 0;
  for (const m of await readManifests(folder)) {
    if (m.layout !== 'dir') continue;
    await archiveKept(path.join(folder.dir, m.file_name), folder, m, true);
    n++;
  }
  return n;
}
