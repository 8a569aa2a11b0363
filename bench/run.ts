/**
 * `npm run bench`: the performance budgets of DESIGN §9, measured on the "heavy" demo dataset in a
 * real PGlite data dir on disk. stdout carries one JSON object per measurement and nothing else;
 * progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsFor } from '../migrations';
import { Core, DEFAULT_TEMPLATE_DIR } from '../electron/core/core';
import { coreProcessEnv } from '../electron/core/hosts/process-env';
import { ensureTemplate, templateKey } from '../electron/core/db/pglite-db';
import { seedDemo, type SeedCounts } from '../electron/core/demo/seed';
import { bundleEntry } from './bundle';
import { benchDataSafety } from './data-safety';
import { benchPerformance } from './performance';
import { benchNativeRatio, benchReports } from './reports';
import { benchRenderer } from './renderer';
import { type BenchLine, percentile } from './stats';
import { benchSync } from './sync';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const END = '2026-11-20T18:00:00.000Z';
const ZONE = 'Europe/Berlin';
const YEARS = 4;
const MINUTE = 60_000;

const log = (message: string) => process.stderr.write(`${message}\n`);

interface Measurement {
  name: string;
  samples: number[];
  unit: 'ms' | 'MB';
  budget: number;
}

function report({ name, samples, unit, budget }: Measurement): boolean {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  const p95 = percentile(sorted, 0.95);
  const ok = p95 <= budget;
  const line = { name, n: samples.length, p50: round(percentile(sorted, 0.5)), p95: round(p95), unit, budget, ok };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return ok;
}

/** Changes whenever the data the seed writes could: its code, the domain rules, services, schema, PGlite. */
function datasetKey(): string {
  const h = createHash('sha256').update(templateKey(migrationsFor('desktop'))).update(JSON.stringify({ END, ZONE, YEARS }));
  for (const dir of ['electron/core/demo', 'shared/domain', 'shared/services']) {
    for (const file of fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
      h.update(`${dir}/${file}`).update(fs.readFileSync(path.join(ROOT, dir, file)));
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** The heavy data dir, built once per key under .bench-data/ and reused (never written to) after that. */
async function heavyDataset(): Promise<{ dir: string; counts: SeedCounts }> {
  const cache = path.join(ROOT, '.bench-data');
  const schema = templateKey(migrationsFor('desktop'));
  const name = `heavy-${datasetKey()}`;
  const dir = path.join(cache, name);
  const meta = `${dir}.json`;
  if (fs.existsSync(meta) && fs.existsSync(dir)) {
    const { counts, seed_ms } = JSON.parse(fs.readFileSync(meta, 'utf8')) as { counts: SeedCounts; seed_ms: number };
    log(`heavy dataset: cached ${path.relative(ROOT, dir)} (seeded in ${(seed_ms / 1000).toFixed(1)} s when built)`);
    return { dir, counts };
  }
  for (const old of fs.existsSync(cache) ? fs.readdirSync(cache) : []) {
    if (old.startsWith('heavy-')) fs.rmSync(path.join(cache, old), { recursive: true, force: true });
  }
  const building = `${dir}.building`;
  log(`heavy dataset: seeding ${YEARS} years into ${path.relative(ROOT, building)} ...`);
  const core = await Core.open({ dataDir: building, clock: () => new Date(END), timeZone: ZONE, maintenance: false });
  const t0 = performance.now();
  let counts: SeedCounts;
  try {
    counts = await seedDemo(core, { years: YEARS, end: END });
  } finally {
    await core.close();
  }
  const seedMs = performance.now() - t0;
  log(`heavy dataset: seeded in ${(seedMs / 1000).toFixed(1)} s`);
  // A migration edited meanwhile would make the data dir refuse to open (checksum mismatch). Other
  // edits only make this cache entry stale: the next run rebuilds under the new key.
  if (templateKey(migrationsFor('desktop')) !== schema) {
    fs.rmSync(building, { recursive: true, force: true });
    throw new Error('the migrations changed while the dataset was being built: run the bench again');
  }
  fs.renameSync(building, dir);
  fs.writeFileSync(meta, JSON.stringify({ counts, seed_ms: Math.round(seedMs), end: END, time_zone: ZONE }, null, 2));
  return { dir, counts };
}

function dirSizeMb(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes / 2 ** 20;
}

let probeBundle = '';

/** Runs the bundled bench/probe-open.ts in a fresh Node process and returns what it printed. */
function probe(mode: 'dashboard' | 'first-run', dataDir: string, now: string): Record<string, number> {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', probeBundle, mode, dataDir, now],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: coreProcessEnv(process.env) },
  );
  if (result.status !== 0) throw new Error(`probe ${mode} failed (${result.status}): ${result.stderr}`);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, number>;
}

class Clock {
  constructor(private ms: number) {}
  now = (): Date => new Date(this.ms);
  advance(minutes: number): void {
    this.ms += minutes * MINUTE;
  }
}

async function timed<T = unknown>(core: Core, channel: string, input: unknown): Promise<{ ms: number; data: T }> {
  const t0 = performance.now();
  const result = await core.invoke(channel, input);
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return { ms, data: result.data as T };
}

const WARM_UP = 10;
const N = 200;

/** Reads first (the dataset as seeded), then N timer sessions on top of it. */
async function coreCalls(dataDir: string): Promise<Measurement[]> {
  const clock = new Clock(Date.parse(END) + 2 * 60 * MINUTE);
  const core = await Core.open({ dataDir, clock: clock.now, maintenance: false });
  try {
    const today = (await timed<{ today: string }>(core, 'points.summary', {})).data.today;
    const { rows: busiest } = await core.db.query<{ class_id: string }>(
      `SELECT class_id FROM study_sessions WHERE class_id IS NOT NULL AND start_time > $1::timestamptz - interval '30 days'
        GROUP BY class_id ORDER BY count(*) DESC, class_id LIMIT 1`,
      [END],
    );
    const { rows: picks } = await core.db.query<{ id: string }>(
      `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM study_sessions) s WHERE k % 25 = 0 ORDER BY id`,
    );
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 24 * 60 * MINUTE).toISOString().slice(0, 10);
    const reads: Array<[string, string, (i: number) => unknown, number]> = [
      ['core.sessions.list', 'sessions.list', () => ({}), 20],
      ['core.sessions.list.30d_class', 'sessions.list', () => ({ start_date: from, end_date: today, class_id: busiest[0]!.class_id }), 20],
      ['core.goals.list', 'goals.list', () => ({}), 50],
      ['core.points.summary', 'points.summary', () => ({}), 50],
      ['core.sessions.get', 'sessions.get', (i) => ({ session_id: picks[i % picks.length]!.id }), 50],
    ];
    const out: Measurement[] = [];
    for (const [name, channel, input, budget] of reads) {
      const samples: number[] = [];
      for (let i = 0; i < WARM_UP + N; i++) {
        const { ms } = await timed(core, channel, input(i));
        if (i >= WARM_UP) samples.push(ms);
      }
      out.push({ name, samples, unit: 'ms', budget });
    }

    const { data: classList } = await timed<{ classes: Array<{ id: string }> }>(core, 'classes.list', {});
    const writes = { start: [] as number[], logActivity: [] as number[], end: [] as number[] };
    const activities = [
      { activity_type: 'testing', items_completed: 20, items_correct: 17 },
      { activity_type: 'flashcards', items_completed: 60, items_correct: 48 },
      { activity_type: 'reading', metadata: { pages: 12 } },
    ];
    for (let i = 0; i < WARM_UP + N; i++) {
      const keep = i >= WARM_UP;
      clock.advance(2);
      const started = await timed<{ session_id: string }>(core, 'sessions.start', {
        class_id: classList.classes[i % classList.classes.length]!.id,
        session_type: 'solo',
        focus_mode: 'pomodoro',
      });
      if (keep) writes.start.push(started.ms);
      for (const activity of activities) {
        clock.advance(8);
        const logged = await timed(core, 'sessions.logActivity', { session_id: started.data.session_id, ...activity });
        if (keep) writes.logActivity.push(logged.ms);
      }
      clock.advance(3);
      const ended = await timed(core, 'sessions.end', { session_id: started.data.session_id, mood_rating: 4, productivity_rating: 3 });
      if (keep) writes.end.push(ended.ms);
    }
    out.unshift(
      { name: 'core.sessions.start', samples: writes.start, unit: 'ms', budget: 5 },
      { name: 'core.sessions.end', samples: writes.end, unit: 'ms', budget: 5 },
      { name: 'core.sessions.logActivity', samples: writes.logActivity, unit: 'ms', budget: 5 },
    );
    return out;
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const { dir, counts } = await heavyDataset();
  log(`heavy dataset: ${JSON.stringify(counts)}, ${dirSizeMb(dir).toFixed(0)} MB on disk`);
  await ensureTemplate(DEFAULT_TEMPLATE_DIR, migrationsFor('desktop'));
  probeBundle = await bundleEntry('bench/probe-open.ts', 'out/bench/probe-open.mjs');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'study-desk-bench-'));
  const results: boolean[] = [];
  try {
    const copy = path.join(work, 'heavy');
    const t0 = performance.now();
    fs.cpSync(dir, copy, { recursive: true });
    // Flush the copy now: the kernel writes dirty pages back after ~30 s, which fell in the middle
    // of the first-run probes (their commits wait on the disk; 1.2 s instead of 0.8 s).
    spawnSync('sync');
    log(`copied the dataset to ${copy} in ${Math.round(performance.now() - t0)} ms`);

    const now = new Date(Date.parse(END) + 60 * MINUTE).toISOString();
    log('cold opens of the heavy data dir (fresh processes) ...');
    probe('dashboard', copy, now); // first open after the copy: not counted
    const opens = Array.from({ length: 5 }, () => probe('dashboard', copy, now));
    log(`  Core.open alone: ${opens.map((o) => Math.round(o.open_ms!)).join(', ')} ms`);
    results.push(report({ name: 'db.open_to_dashboard_ms', samples: opens.map((o) => o.ready_ms!), unit: 'ms', budget: 600 }));

    log('first runs from the template (fresh processes) ...');
    // Each first run writes a ~40 MB data dir that the kernel flushes ~30 s later. Flushed before
    // each probe, no run can pay for the writeback of the ones before it (a first run on a
    // student's machine has none before it). Unflushed, three bench runs measured p50 0.91-1.26 s
    // where the probe run by hand takes ~0.8 s; the writeback is the likely cause, not a proven one.
    const firstRun = (name: string) => {
      spawnSync('sync');
      return probe('first-run', path.join(work, name), now);
    };
    firstRun('first-warmup');
    const firsts = Array.from({ length: 3 }, (_, i) => firstRun(`first-${i}`));
    results.push(report({ name: 'db.first_run_ms', samples: firsts.map((o) => o.open_ms!), unit: 'ms', budget: 1200 }));
    results.push(report({ name: 'core.idle_rss_mb', samples: opens.map((o) => o.rss_mb!), unit: 'MB', budget: 200 }));

    log(`core calls (${WARM_UP} warm-up + ${N} timed each) ...`);
    for (const m of await coreCalls(copy)) results.push(report(m));

    const emit = (line: BenchLine) => {
      process.stdout.write(`${JSON.stringify(line)}\n`);
      results.push(line.ok);
    };
    const analytics = await Core.open({ dataDir: copy, clock: () => new Date(now), maintenance: false });
    try {
      log('reports (after an idle snapshot refresh) ...');
      await benchReports(analytics, emit);
      log('performance analytics ...');
      await benchPerformance(analytics, emit);
      log('the same report queries on native PostgreSQL ...');
      await benchNativeRatio(analytics, emit);
    } finally {
      await analytics.close();
    }
    log('renderer: initial JS, and the dashboard in Chromium through the web host on the heavy data dir ...');
    await benchRenderer(copy, emit);
    log('backup and restore of the heavy data dir ...');
    await benchDataSafety(copy, emit);
    log('sync: push and pull through loopback to the platform on PostgreSQL ...');
    await benchSync(emit);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const failed = results.filter((ok) => !ok).length;
  log(failed === 0 ? 'all budgets met' : `${failed} measurement(s) over budget`);
  if (failed > 0) process.exitCode = 1;
}

await main();
