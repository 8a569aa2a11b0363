import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../../../server/test-support/platform';
import { syncTokenFile } from './sync';

// The CLI and the web host sync too (DESIGN §8): the CLI signs in and runs one push/pull per
// `sync.now`, headless; the web host starts the engine after open when an account is signed in.

const root = mkdtempSync(join(tmpdir(), 'study-desk-host-sync-'));
const dataDir = join(root, 'pgdata');
const email = 'hosts@example.com';
const password = 'correct horse battery';
let platform: TestPlatform;
let userId: string;

beforeAll(async () => {
  const started = await startPlatform();
  if (!started) throw new Error('PostgreSQL server binaries are needed for the sync tests');
  platform = started;
  userId = (await platform.register(email, password)).user_id;
});
afterAll(async () => {
  await platform?.stop();
  rmSync(root, { recursive: true, force: true });
});

// Asynchronous: the platform answers from this process's event loop.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON, read by each test
async function cli(...args: string[]): Promise<Record<string, any>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
  });
  return JSON.parse(stdout);
}

const manual = (start: string, end: string) => cli('sessions.createManual', JSON.stringify({ start_time: start, end_time: end }));
const onPlatform = async (id: string) =>
  (await platform.db.query('SELECT 1 FROM study_sessions WHERE id = $1 AND user_id = $2', [id, userId])).rows.length === 1;

describe('sync from the hosts', () => {
  it('the CLI signs in, then sync.now pushes and pulls once, headless, and exits', async () => {
    const first = await manual('2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z');
    const signedIn = await cli('account.signIn', JSON.stringify({ server_url: platform.url, email, password }));
    expect(signedIn).toMatchObject({ signed_in: true, email });
    expect(statSync(syncTokenFile(dataDir)).mode & 0o777).toBe(0o600);
    const synced = await cli('sync.now');
    expect(synced).toMatchObject({ pushed: expect.any(Number), status: { state: 'synced', pending: 0, signed_in: true } });
    expect(synced.pushed).toBeGreaterThan(0);
    expect(await onPlatform(first.session.id)).toBe(true);
  }, 60_000);

  it('the web host starts syncing after open when an account is signed in, and stops before close', async () => {
    expect(existsSync(syncTokenFile(dataDir))).toBe(true);
    const second = await manual('2026-01-06T10:00:00Z', '2026-01-06T11:00:00Z'); // pending, not pushed
    expect(await onPlatform(second.session.id)).toBe(false);
    const web = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'web.ts'), '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => web.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve) => createInterface({ input: web.stdout }).once('line', () => resolve()));
      const deadline = Date.now() + 20_000;
      while (!(await onPlatform(second.session.id))) {
        if (Date.now() > deadline) throw new Error('the web host never pushed the pending session');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      web.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
