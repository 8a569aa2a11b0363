import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type TestPlatform } from '../../../server/test-support/platform';
import { type FaultProxy, type ProxyExchange, startFaultProxy } from '../../../testing/fault-proxy';
import { Core } from '../core';
import { startSync } from './registry';
import { formulaPoints, ledgerPoints, PASSWORD, settle, syncedState } from './test-support';
import { MemoryTokenStore } from './token-store';

// DESIGN §8 "a resend after a crash gets duplicate": a core host killed with SIGKILL while it is
// pushing loses nothing it committed and, once reopened and synced, the platform holds every row it
// holds, each award applied exactly once. Half the kills land at a random moment; the other half
// exactly between the server's commit and the client hearing of it (the proxy holds the answer).

const root = mkdtempSync(join(tmpdir(), 'study-desk-sync-crash-'));
let platform: TestPlatform;
let proxy: FaultProxy;

beforeAll(async () => {
  const started = await startPlatform(); // the real clock: the child's core runs on it too
  if (!started) throw new Error('PostgreSQL server binaries are needed for the sync tests');
  platform = started;
  proxy = await startFaultProxy(platform.url);
});
afterAll(async () => {
  await proxy?.stop();
  await platform?.stop();
  rmSync(root, { recursive: true, force: true });
});

function writer(dataDir: string, email: string, offset: number): { child: ChildProcess; killed: Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../test-support/sync-stream.ts'), dataDir, proxy.url, email, PASSWORD, String(offset)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const killed = new Promise<void>((resolve, reject) =>
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer exited without being killed (${signal})`)))));
  return { child, killed };
}

/** Runs the writer until its `pushes`-th push began, then kills it with SIGKILL a random few ms later. */
async function killAtRandom(dataDir: string, email: string, offset: number, pushes: number): Promise<void> {
  const { child, killed } = writer(dataDir, email, offset);
  let seen = 0;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'push' && ++seen === pushes) setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 30));
  });
  await killed;
}

/** Kills the writer once the server committed its `pushes`-th push, before the answer reaches it. */
async function killAfterCommit(dataDir: string, email: string, offset: number, pushes: number): Promise<{ seqs: number[]; lastSeq: number }> {
  const { child, killed } = writer(dataDir, email, offset);
  let count = 0;
  let batch: { seqs: number[]; lastSeq: number; status: number } | null = null;
  proxy.setPlan((r) => (r.path.endsWith('/sync/push') && ++count === pushes ? { kind: 'delayResponse', ms: 10_000 } : { kind: 'pass' }));
  proxy.observe((e) => {
    if (e.fault.kind !== 'delayResponse') return;
    child.kill('SIGKILL');
    const answer = e.answers[0]!;
    batch = {
      seqs: (e.body as { mutations: { seq: number }[] }).mutations.map((m) => m.seq),
      lastSeq: (answer.body as { last_seq?: number } | null)?.last_seq ?? -1,
      status: answer.status,
    };
  });
  try {
    await killed;
  } finally {
    proxy.setPlan(() => ({ kind: 'pass' }));
    proxy.observe(null);
  }
  const applied = batch as { seqs: number[]; lastSeq: number; status: number } | null;
  if (!applied) throw new Error('the writer died before its push was answered');
  expect(applied.status).toBe(200); // the server committed it
  expect(applied.lastSeq).toBe(applied.seqs.at(-1));
  return applied;
}

describe('kill -9 of a core host while it pushes', () => {
  it('converges after every kill: the server holds what the device holds, each award once', async () => {
    const email = 'crash@example.com';
    const userId = (await platform.register(email)).user_id;
    const dataDir = join(root, 'pgdata');
    for (let round = 0; round < 4; round++) {
      const pushes = 3 + Math.floor(Math.random() * 8);
      const afterCommit = round % 2 === 1;
      const lost = afterCommit ? await killAfterCommit(dataDir, email, round * 1000, pushes) : (await killAtRandom(dataDir, email, round * 1000, pushes), null);

      const core = await Core.open({ dataDir, maintenance: false }); // takes over the dead writer's lock
      const sent: ProxyExchange[] = [];
      proxy.observe((e) => e.path.endsWith('/sync/push') && sent.push(e));
      try {
        if (lost) {
          // The server applied the batch; the device never heard, so its outbox still holds it.
          const { rows } = await core.db.query<{ seq: number }>('SELECT seq FROM sync_outbox WHERE seq = ANY($1::bigint[]) ORDER BY seq', [lost.seqs]);
          expect(rows.map((r) => Number(r.seq))).toEqual(lost.seqs);
        }
        const engine = await startSync(core, { tokenStore: new MemoryTokenStore(), backoffBaseMs: 5 }, false);
        await engine.signIn(proxy.url, email, PASSWORD);
        await settle({ core, engine, clock: null as never });
        if (lost) {
          // The resend is answered duplicate for every mutation the dead writer's push had applied.
          const first = sent[0]!;
          const results = (first.answers[0]!.body as { results: { seq: number; status: string }[] }).results;
          expect(results.filter((r) => lost.seqs.includes(r.seq)).map((r) => r.status)).toEqual(lost.seqs.map(() => 'duplicate'));
        }
        const local = await syncedState(core.db, core.userId);
        expect(Object.keys(local).length).toBeGreaterThan(0);
        expect(await syncedState(platform.db, userId)).toEqual(local);
        const { rows } = await platform.db.query<{ n: number; d: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM point_awards WHERE user_id = $1', [userId]);
        expect(rows[0]!.n).toBe(rows[0]!.d);
        expect(await ledgerPoints(platform.db, userId)).toBe(await formulaPoints(platform.db, userId));
        expect(await ledgerPoints(core.db, core.userId)).toBe(await ledgerPoints(platform.db, userId));
      } finally {
        proxy.observe(null);
        await core.close();
      }
    }
  }, 120_000);
});
