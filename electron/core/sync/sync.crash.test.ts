import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../../../server/test-support/platform';
import { Core } from '../core';
import { startSync } from './registry';
import { formulaPoints, ledgerPoints, PASSWORD, settle, syncedState } from './test-support';
import { MemoryTokenStore } from './token-store';

// DESIGN §8 "a resend after a crash gets duplicate": a core host killed with SIGKILL while it is
// pushing loses nothing it committed and, once reopened and synced, the platform holds every row it
// holds, each award applied exactly once.

const root = mkdtempSync(join(tmpdir(), 'study-desk-sync-crash-'));
let platform: TestPlatform;

beforeAll(async () => {
  const started = await startPlatform(); // the real clock: the child's core runs on it too
  if (!started) throw new Error('PostgreSQL server binaries are needed for the sync tests');
  platform = started;
});
afterAll(async () => {
  await platform?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Runs the writer until its `pushes`-th push began, then kills it with SIGKILL a random few ms later. */
function pushThenKill(dataDir: string, email: string, offset: number, pushes: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../test-support/sync-stream.ts'), dataDir, platform.url, email, PASSWORD, String(offset)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let seen = 0;
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'push' && ++seen === pushes) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 30));
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer exited without being killed (${signal})`))));
  });
}

describe('kill -9 of a core host while it pushes', () => {
  it('converges after every kill: the server holds what the device holds, each award once', async () => {
    const email = 'crash@example.com';
    const userId = (await platform.register(email)).user_id;
    const dataDir = join(root, 'pgdata');
    for (let round = 0; round < 4; round++) {
      await pushThenKill(dataDir, email, round * 1000, 3 + Math.floor(Math.random() * 8));

      const core = await Core.open({ dataDir, maintenance: false }); // takes over the dead writer's lock
      try {
        const engine = await startSync(core, { tokenStore: new MemoryTokenStore(), backoffBaseMs: 5 }, false);
        await engine.signIn(platform.url, email, PASSWORD);
        await settle({ core, engine, clock: null as never });
        const local = await syncedState(core.db, core.userId);
        expect(Object.keys(local).length).toBeGreaterThan(0);
        expect(await syncedState(platform.db, userId)).toEqual(local);
        const { rows } = await platform.db.query<{ n: number; d: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM point_awards WHERE user_id = $1', [userId]);
        expect(rows[0]!.n).toBe(rows[0]!.d);
        expect(await ledgerPoints(platform.db, userId)).toBe(await formulaPoints(platform.db, userId));
        expect(await ledgerPoints(core.db, core.userId)).toBe(await ledgerPoints(platform.db, userId));
      } finally {
        await core.close();
      }
    }
  }, 120_000);
});
