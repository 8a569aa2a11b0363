/**
 * Report and export latencies on the heavy dataset, and the same report queries on native
 * PostgreSQL (an ephemeral cluster holding a copy of the same rows) in the same run, so the
 * PGlite/native ratio compares like with like on this machine at this moment.
 */
import { createPgDb, type PgDb } from '../server/db/pg-db';
import { migrationsFor } from '../migrations';
import type { Db } from '../shared/db/db';
import { migrate } from '../shared/db/migrate';
import { addDays, isoWeekOf, monthOf } from '../shared/domain/calendar';
import { inTransaction } from '../shared/services/context';
import { type Channel, channels } from '../shared/contract/channels';
import { handlers } from '../shared/services/handlers';
import { readSettings } from '../shared/services/settings';
import { createDatabase, startPostgres } from '../testing/postgres';
import type { Core } from '../electron/core/core';
import { type BenchLine, summarize } from './stats';

export type { BenchLine } from './stats';

const log = (message: string) => process.stderr.write(`${message}\n`);
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The report calls a student makes: any day, week or month of the last year (the core keeps those
 * periods' snapshots ready on idle), the current ones, and 30-day ranges. `offset` shifts them all
 * into older history, which nothing has cached yet.
 */
function reportInputs(today: string, offset = 0): Array<[string, (i: number) => unknown]> {
  const base = addDays(today, -offset);
  return [
    ['reports.daily', (i) => ({ date: addDays(base, -((i * 37) % 365)) })],
    ['reports.weekly', (i) => ({ week: isoWeekOf(addDays(base, -7 * ((i * 5) % 52))) })],
    ['reports.monthly', (i) => ({ month: monthOf(addDays(base, -30 * ((i * 7) % 12))) })],
    ['reports.range', (i) => ({ start_date: addDays(base, -29 - (i % 20)), end_date: addDays(base, -(i % 20)) })],
    ['reports.export', (i) => ({ kind: 'sessions', start_date: addDays(base, -29 - (i % 20)), end_date: addDays(base, -(i % 20)), format: 'csv' })],
  ];
}

async function timeCalls(core: Core, channel: string, input: (i: number) => unknown, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await core.invoke(channel, input(i));
    samples.push(performance.now() - t0);
    if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  }
  return samples;
}

/**
 * Steady state first: the core has had an idle moment to refresh its snapshots (as the app does
 * between writes). Then, for the record, the same calls on two-year-old history nothing has
 * computed yet (budgeted like the rest; these are first views only).
 */
export async function benchReports(core: Core, emit: (line: BenchLine) => void, n = 50): Promise<void> {
  const today = (await core.call('points.summary', {})).today;
  const t0 = performance.now();
  await core.refreshCaches();
  emit(summarize('core.idle_snapshot_refresh', [performance.now() - t0], 'ms', 10_000));
  for (const [channel, input] of reportInputs(today)) {
    emit(summarize(`core.${channel}`, await timeCalls(core, channel, input, n), 'ms', 50));
  }
  for (const [channel, input] of reportInputs(today, 730).slice(0, 3)) {
    emit(summarize(`core.${channel}.first_view_old_history`, await timeCalls(core, channel, input, Math.min(n, 12)), 'ms', 50));
  }
}

// The caches travel too, so both engines answer from the same state (cold on one and warm on the
// other would compare the cache, not the engine).
const COPY_ORDER = [
  'users', 'settings', 'classes', 'assignments', 'study_sessions', 'session_activities', 'study_goals', 'goal_progress',
  'point_awards', 'achievements', 'analytics_snapshots', 'performance_metrics', 'performance_activity_metrics',
] as const;

/** Copies the student's rows as they are (triggers off: the rows already hold what they computed). */
async function copyRows(from: Db, to: PgDb): Promise<void> {
  for (const table of COPY_ORDER) {
    const client = await to.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      for (let offset = 0; ; offset += 5000) {
        const { rows } = await from.query<{ r: unknown }>(`SELECT to_jsonb(t) AS r FROM ${table} t ORDER BY 1 LIMIT 5000 OFFSET ${offset}`);
        if (rows.length === 0) break;
        await client.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
          JSON.stringify(rows.map((x) => x.r)),
        ]);
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  }
  await to.exec('ANALYZE');
}

async function timeHandler(db: Db, userId: string, now: string, channel: string, input: unknown): Promise<number> {
  const settings = await readSettings(db, userId);
  const handler = handlers[channel as keyof typeof handlers] as (ctx: never, input: unknown) => Promise<unknown>;
  const t0 = performance.now();
  await inTransaction(db, { userId, now, settings }, (ctx) => handler(ctx as never, input));
  return performance.now() - t0;
}

/** The same report handlers, same rows, same run: PGlite against native PostgreSQL. */
export async function benchNativeRatio(core: Core, emit: (line: BenchLine) => void, n = 30): Promise<void> {
  const cluster = await startPostgres();
  if (!cluster) {
    log('native PostgreSQL not found: skipping the PGlite/native ratio');
    return;
  }
  const pg = createPgDb(await createDatabase(cluster.url, 'bench_native'));
  try {
    await migrate(pg, migrationsFor('desktop'));
    const t0 = performance.now();
    await copyRows(core.db, pg);
    log(`copied the heavy dataset into native PostgreSQL in ${Math.round(performance.now() - t0)} ms`);
    const now = core.now();
    const today = (await core.call('points.summary', {})).today;
    // Validated and defaulted exactly as the core does before a handler runs.
    const parsed = (channel: string, input: unknown) => channels[channel as Channel].input.parse(input);
    for (const [channel, input] of reportInputs(today)) {
      const lite: number[] = [];
      const native: number[] = [];
      for (let i = 0; i < n; i++) {
        const args = parsed(channel, input(i));
        lite.push(await timeHandler(core.db, core.userId, now, channel, args));
        native.push(await timeHandler(pg, core.userId, now, channel, args));
      }
      const a = summarize(`pglite.${channel}`, lite, 'ms', 50);
      const b = summarize(`native.${channel}`, native, 'ms', 50);
      emit(a);
      emit(b);
      const ratio = round(a.p50 / Math.max(0.01, b.p50));
      emit({ name: `ratio.${channel}.pglite_over_native`, n, p50: ratio, p95: round(a.p95 / Math.max(0.01, b.p95)), unit: 'x', budget: 2.5, ok: ratio <= 2.5 });
    }
  } finally {
    await pg.close();
    await cluster.stop();
  }
}
