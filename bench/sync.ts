/**
 * DESIGN §9 sync budgets: 10,000 pending mutations pushed through loopback to the platform on
 * PostgreSQL ≤ 10 s and pulled back onto a fresh device ≤ 10 s, plus a short load run of
 * concurrent push requests (throughput and latency percentiles).
 */
import { newId } from '../shared/services/context';
import { PROTOCOL_VERSION } from '../shared/contract/sync';
import { startSync } from '../electron/core/sync/registry';
import { MemoryTokenStore } from '../electron/core/sync/token-store';
import { openTestCore } from '../electron/core/test-support/test-core';
import { startPlatform } from '../server/test-support/platform';
import { type BenchLine, percentile } from './stats';

type Emit = (line: BenchLine) => void;

const SESSIONS = 5_000; // each session and its point award: 10,000 mutations
const LOAD_MS = 5_000;
const LOAD_WORKERS = 8;

const pct = (sorted: number[], p: number) => percentile(sorted, p / 100);

export async function benchSync(emit: Emit): Promise<void> {
  const platform = await startPlatform();
  if (!platform) throw new Error('the sync bench needs the PostgreSQL server binaries');
  const email = 'bench@example.com';
  const { core } = await openTestCore('2026-03-10T18:00:00Z');
  const { core: fresh } = await openTestCore('2026-03-10T18:00:00Z');
  try {
    // 100 local transactions of 50 ended sessions, as a long offline stretch would leave them.
    const base = Date.parse('2025-01-01T08:00:00Z');
    for (let t = 0; t < SESSIONS / 50; t++) {
      await core.db.transaction(async (tx) => {
        const ids = Array.from({ length: 50 }, () => newId());
        await tx.query(
          `INSERT INTO study_sessions (id, user_id, start_time, end_time, source)
           SELECT id, $2, $3::timestamptz + (n * interval '1 hour'), $3::timestamptz + (n * interval '1 hour') + interval '45 minutes', 'manual'
             FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)`,
          [ids, core.userId, new Date(base + t * 50 * 3_600_000).toISOString()],
        );
      });
    }
    const pending = (await core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_outbox')).rows[0]!.n;

    // Registered only now: the setup above blocks this process for seconds, and a keep-alive
    // connection the server timed out meanwhile would reset the next request.
    const tokens = await platform.register(email);
    const pusher = await startSync(core, { tokenStore: new MemoryTokenStore() }, false);
    await pusher.signIn(platform.url, email, 'correct horse battery');
    let t0 = performance.now();
    const pushed = await pusher.pushAll((await pusher.account())!);
    const pushMs = performance.now() - t0;
    emit({ name: 'sync.push_10k', n: pushed, p50: pushMs, p95: pushMs, unit: 'ms', budget: 10_000, ok: pushMs <= 10_000 && pushed === pending });

    const puller = await startSync(fresh, { tokenStore: new MemoryTokenStore() }, false);
    await puller.signIn(platform.url, email, 'correct horse battery');
    t0 = performance.now();
    const pulled = await puller.pullAll((await puller.account())!);
    const pullMs = performance.now() - t0;
    // Every session pushed arrives on the fresh device (the pull also brings the platform's own rows).
    const arrived = (await fresh.db.query<{ n: number }>('SELECT count(*)::int AS n FROM study_sessions')).rows[0]!.n;
    emit({ name: 'sync.pull_10k', n: pulled, p50: pullMs, p95: pullMs, unit: 'ms', budget: 10_000, ok: pullMs <= 10_000 && arrived === SESSIONS });

    // Load: concurrent clients each pushing batches of 10 new classes for ~5 s.
    const latencies: number[] = [];
    let errors = 0;
    const stopAt = performance.now() + LOAD_MS;
    const started = performance.now();
    await Promise.all(Array.from({ length: LOAD_WORKERS }, async () => {
      const clientId = newId();
      let seq = 0;
      while (performance.now() < stopAt) {
        const mutations = Array.from({ length: 10 }, () => {
          const id = newId();
          return { seq: ++seq, mutation_id: newId(), entity: 'classes', entity_id: id, op: 'upsert' as const,
            payload: { id, name: `Load ${seq}`, code: null, color: null, source: 'local', archived_at: null,
              created_at: '2026-03-10T10:00:00Z', updated_at: '2026-03-10T10:00:00Z', deleted_at: null } };
        });
        const s = performance.now();
        let res: Response;
        try {
          res = await fetch(`${platform.url}/api/analytics/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ protocol_version: PROTOCOL_VERSION, schema_version: 'bench', client_id: clientId, mutations }),
          });
          await res.arrayBuffer();
        } catch {
          errors++; // a reset connection: the batch is resent, as the sync client would
          seq -= 10;
          continue;
        }
        if (res.status !== 200) throw new Error(`load push answered ${res.status}`);
        latencies.push(performance.now() - s);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const rps = latencies.length / seconds;
    emit({ name: `sync.load_push_rps (${errors} connection errors)`, n: latencies.length, p50: rps, p95: rps, unit: 'req/s', budget: 100, ok: rps >= 100 });
    emit({ name: 'sync.load_push_latency', n: latencies.length, p50: pct(latencies, 50), p95: pct(latencies, 95), unit: 'ms', budget: 250, ok: pct(latencies, 95) <= 250 });
    emit({ name: 'sync.load_push_latency_p99', n: latencies.length, p50: pct(latencies, 99), p95: pct(latencies, 99), unit: 'ms', budget: 500, ok: pct(latencies, 99) <= 500 });
  } finally {
    await core.close();
    await fresh.close();
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSync((m) => console.log(JSON.stringify(m))).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
