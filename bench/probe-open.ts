/**
 * One cold start, in a process of its own, spawned by bench/run.ts from a bundle of this file
 * (bench/bundle.ts: the way the app ships the core, not TypeScript through tsx):
 *   node --expose-gc out/bench/probe-open.mjs dashboard|first-run <dataDir> <nowISO>
 * Prints one JSON object on stdout. Timing starts after the modules are loaded, just before Core.open.
 */
import { Core } from '../electron/core/core';
import { isoWeekOf } from '../shared/domain/calendar';

/**
 * What the Dashboard page (renderer/src/pages/Dashboard.tsx and its cards) asks for when the
 * window opens: the timer, today's study day from points.summary, then today's sessions and this
 * week's report, the active goals and the weekly overview behind the insights.
 */
const DASHBOARD: ReadonlyArray<[string, unknown]> = [
  ['timer.state', {}],
  ['sessions.active', {}],
  ['points.summary', {}],
  ['settings.get', {}],
  ['classes.list', { include_archived: true }],
  ['goals.list', { status: 'active' }],
  ['performance.overview', { period: 'weekly' }],
];
const TODAY_REPORTS = (today: string, week: string): ReadonlyArray<[string, unknown]> => [
  ['sessions.list', { start_date: today, end_date: today, limit: 1000 }],
  ['reports.weekly', { week }],
];

const IDLE_MS = 3000;

const [mode, dataDir, now] = process.argv.slice(2);
if ((mode !== 'dashboard' && mode !== 'first-run') || !dataDir || !now || Number.isNaN(Date.parse(now))) {
  process.stderr.write('usage: probe-open.ts dashboard|first-run <dataDir> <nowISO>\n');
  process.exit(2);
}

const t0 = performance.now();
const core = await Core.open({ dataDir, clock: () => new Date(now), timeZone: 'Europe/Berlin' });
const openMs = performance.now() - t0;
try {
  if (mode === 'first-run') {
    process.stdout.write(`${JSON.stringify({ open_ms: openMs })}\n`);
  } else {
    const ask = async (channel: string, input: unknown) => {
      const result = await core.invoke(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
      return result.data;
    };
    let today = '';
    for (const [channel, input] of DASHBOARD) {
      const data = await ask(channel, input);
      if (channel === 'points.summary') today = (data as { today: string }).today;
    }
    for (const [channel, input] of TODAY_REPORTS(today, isoWeekOf(today))) await ask(channel, input);
    const readyMs = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    (globalThis as { gc?: () => void }).gc?.();
    const rssMb = process.memoryUsage().rss / 2 ** 20;
    process.stdout.write(`${JSON.stringify({ open_ms: openMs, ready_ms: readyMs, rss_mb: rssMb })}\n`);
  }
} finally {
  await core.close();
}
