/**
 * The exclusive data-dir lock. PGlite takes none, and two processes on one data dir silently lose
 * rows (DESIGN §4), so every host takes this before opening the database.
 *
 * The lock is a sibling file `${dataDir}.lock` holding `{ pid, hostname, started_at, token }`.
 * It lives outside the data dir so that dumping, restoring or replacing the dir never touches it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DataDirLock {
  path: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly holderPid: number | null;
  readonly lockPath: string;

  constructor(holderPid: number | null, lockPath: string) {
    super(`data dir is in use by ${holderPid === null ? 'another process' : `process ${holderPid}`} (lock file ${lockPath})`);
    this.holderPid = holderPid;
    this.lockPath = lockPath;
  }
}

interface LockContent {
  pid: number;
  hostname: string;
  started_at: string;
  token: string;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });

  const mine: LockContent = {
    pid: process.pid,
    hostname: os.hostname(),
    started_at: new Date().toISOString(),
    token: randomUUID(),
  };
  const text = JSON.stringify(mine);

  if (!createExclusive(lockPath, text)) {
    takeOverStale(lockPath);
    if (!createExclusive(lockPath, text)) throw new DataDirLockedError(readHolder(lockPath)?.pid ?? null, lockPath);
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own file: after a takeover the path may hold someone else's lock.
    if (readText(lockPath) === text) {
      try {
        fs.unlinkSync(lockPath);
      } catch (err) {
        if (errCode(err) !== 'ENOENT') throw err;
      }
    }
  };
  process.on('exit', release);
  return { path: lockPath, release };
}

/**
 * Creates the lock file with its full content in one atomic step, or returns false if it exists.
 * The content is written to a private temp file and hard-linked into place: with a bare
 * `open(…, 'wx')` a contender could read the file between create and write, see it empty, and
 * take it over as corrupt.
 */
function createExclusive(lockPath: string, text: string): boolean {
  const tmp = `${lockPath}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(tmp, text, { flag: 'wx' });
  try {
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (err) {
    if (errCode(err) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errCode(err) ?? '')) throw err;
    // A file system without hard links (FAT, some network shares): plain exclusive create.
    return createWithOpen(lockPath, text);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function createWithOpen(lockPath: string, text: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (err) {
    if (errCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Throws DataDirLockedError if the existing lock belongs to a live process on this host (this
 * process included); otherwise removes the stale file so the caller can retry once.
 */
function takeOverStale(lockPath: string): void {
  const staleText = readText(lockPath);
  if (staleText === undefined) return; // vanished meanwhile: just retry
  const holder = parseLock(staleText);
  if (holder && holder.hostname === os.hostname() && isAlive(holder.pid)) {
    throw new DataDirLockedError(holder.pid, lockPath);
  }

  // Dead, foreign-host or corrupt. Rename is atomic, so of several contenders only one moves the
  // file; the content check catches the case where a faster contender already replaced it.
  const moved = `${lockPath}.${process.pid}.${randomUUID()}.stale`;
  try {
    fs.renameSync(lockPath, moved);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return; // another contender moved it first
    throw err;
  }
  const movedText = readText(moved);
  if (movedText !== staleText) {
    fs.renameSync(moved, lockPath);
    throw new DataDirLockedError(parseLock(movedText ?? '')?.pid ?? null, lockPath);
  }
  fs.rmSync(moved, { force: true });
}

function readHolder(lockPath: string): LockContent | null {
  return parseLock(readText(lockPath) ?? '');
}

/** The file's text; '' stands for an unreadable file (treated as corrupt), undefined for a missing one. */
function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    return errCode(err) === 'ENOENT' ? undefined : '';
  }
}

function parseLock(text: string): LockContent | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { pid, hostname, started_at, token } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return null;
    if (typeof hostname !== 'string') return null;
    return {
      pid,
      hostname,
      started_at: typeof started_at === 'string' ? started_at : '',
      token: typeof token === 'string' ? token : '',
    };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errCode(err) === 'EPERM'; // exists, owned by another user
  }
}

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}
