import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from './lock';

const lockModule = fileURLToPath(new URL('./lock.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let root: string;
let dataDir: string;
let lockPath: string;
const held: DataDirLock[] = [];
const children: ChildProcess[] = [];

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'study-desk-lock-'));
  dataDir = path.join(root, 'profile', 'data');
  lockPath = `${dataDir}.lock`;
});

afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

function acquire(dir = dataDir): DataDirLock {
  const lock = acquireDataDirLock(dir);
  held.push(lock);
  return lock;
}

/**
 * A separate Node process that takes the lock through the real module and reports 'locked' or
 * 'refused'; then it holds on (mode 'hold') or exits normally (mode 'exit').
 */
function lockInChild(mode: 'hold' | 'exit'): { child: ChildProcess & { pid: number }; outcome: Promise<string> } {
  const script = `
    const { acquireDataDirLock, DataDirLockedError } = await import(${JSON.stringify(lockModule)});
    try {
      acquireDataDirLock(${JSON.stringify(dataDir)});
      process.stdout.write('locked\\n');
    } catch (err) {
      if (!(err instanceof DataDirLockedError)) throw err;
      process.stdout.write('refused\\n');
    }
    if (${JSON.stringify(mode)} === 'exit') process.exit(0);
    setInterval(() => {}, 60_000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const outcome = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (mode === 'hold' && stdout.includes('\n')) resolve(stdout.trim());
    });
    child.on('exit', (code) =>
      mode === 'exit' && code === 0 ? resolve(stdout.trim()) : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
  return { child: child as ChildProcess & { pid: number }, outcome };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

function lockContent(): { pid: number; hostname: string; started_at: string } {
  return JSON.parse(fs.readFileSync(lockPath, 'utf8'));
}

describe('data-dir lock', () => {
  it('writes the lock beside the data dir, not inside it, naming this process', () => {
    const lock = acquire(dataDir + path.sep);
    expect(lock.path).toBe(lockPath);
    expect(fs.existsSync(dataDir)).toBe(false);
    const content = lockContent();
    expect(content).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    expect(Date.parse(content.started_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a second opener in the same process', () => {
    acquire();
    let error: unknown;
    try {
      acquire();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect(error).toMatchObject({ holderPid: process.pid, lockPath });
    expect((error as Error).message).toBe(`data dir is in use by process ${process.pid} (lock file ${lockPath})`);
  });

  it('refuses a lock held by another live process', async () => {
    const { child, outcome } = lockInChild('hold');
    expect(await outcome).toBe('locked');
    expect(lockContent().pid).toBe(child.pid);
    expect(() => acquire()).toThrow(expect.objectContaining({ name: 'DataDirLockedError', holderPid: child.pid }));
    expect(lockContent().pid).toBe(child.pid);
  });

  it('takes over the lock of a process that was killed', async () => {
    const { child, outcome } = lockInChild('hold');
    expect(await outcome).toBe('locked');
    child.kill('SIGKILL');
    await exited(child);
    expect(lockContent().pid).toBe(child.pid);

    const lock = acquire();
    expect(lockContent().pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('removes the lock when the holder exits normally', async () => {
    expect(await lockInChild('exit').outcome).toBe('locked');
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('lets exactly one of several processes take over a stale lock', async () => {
    const dead = lockInChild('hold');
    await dead.outcome;
    dead.child.kill('SIGKILL');
    await exited(dead.child);

    const contenders = Array.from({ length: 6 }, () => lockInChild('hold'));
    const outcomes = await Promise.all(contenders.map((c) => c.outcome));
    expect(outcomes.filter((o) => o === 'locked')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(5);
    const winner = contenders[outcomes.indexOf('locked')]!;
    expect(lockContent().pid).toBe(winner.child.pid);
    expect(fs.readdirSync(path.dirname(lockPath))).toEqual(['data.lock']);
  });

  it.each([
    ['garbage', '{"pid": 12'],
    ['empty', ''],
    ['a non-positive pid', JSON.stringify({ pid: 0, hostname: os.hostname(), started_at: '' })],
  ])('takes over a corrupt lock file (%s)', (_label, text) => {
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, text);
    acquire();
    expect(lockContent().pid).toBe(process.pid);
  });

  it('takes over a lock written on another host', () => {
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, hostname: `not-${os.hostname()}`, started_at: '' }));
    acquire();
    expect(lockContent()).toMatchObject({ pid: process.pid, hostname: os.hostname() });
  });

  it('releases idempotently and can be taken again afterwards', () => {
    const lock = acquire();
    lock.release();
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);
    acquire();
    expect(lockContent().pid).toBe(process.pid);
  });

  it("does not delete a lock that someone else took over, even one from this process", () => {
    const first = acquire();
    fs.unlinkSync(lockPath); // e.g. removed as stale by another host
    const second = acquire();
    const secondText = fs.readFileSync(lockPath, 'utf8');

    first.release();
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(secondText);

    fs.writeFileSync(lockPath, JSON.stringify({ pid: 424242, hostname: 'elsewhere', started_at: '' }));
    second.release();
    expect(lockContent().pid).toBe(424242);
  });

  it('leaves no temp files next to the lock', () => {
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, 'corrupt');
    acquire();
    expect(() => acquire()).toThrow(DataDirLockedError);
    expect(fs.readdirSync(path.dirname(lockPath))).toEqual(['data.lock']);
  });
});
