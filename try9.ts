import { Core } from './electron/core/core';
import { seedDemo } from './electron/core/demo/seed';
import { benchReports } from './bench/reports';
let t = Date.parse('2026-11-20T20:00:00Z');
const core = await Core.open({ dataDir: null, clock: () => new Date(t), timeZone: 'Europe/Berlin', maintenance: false });
await seedDemo(core, { years: 4, end: '2026-11-20T18:00:00Z' });
const times: Record<string, number[]> = { start: [], log: [], end: [] };
const cls = (await core.call('classes.list', {})).classes;
for (let i = 0; i < 120; i++) {
  t += 2 * 60000;
  let t0 = performance.now();
  const s = await core.call('sessions.start', { class_id: cls[i % cls.length]!.id });
  times.start!.push(performance.now() - t0);
  for (const a of [{ activity_type: 'testing', items_completed: 20, items_correct: 17 }, { activity_type: 'flashcards', items_completed: 60, items_correct: 48 }, { activity_type: 'reading' }] as const) {
    t += 8 * 60000; t0 = performance.now();
    await core.call('sessions.logActivity', { session_id: s.session_id, ...a });
    times.log!.push(performance.now() - t0);
  }
  t += 3 * 60000; t0 = performance.now();
  await core.call('sessions.end', { session_id: s.session_id });
  times.end!.push(performance.now() - t0);
}
for (const [k, v] of Object.entries(times)) { const s = v.slice(20).sort((a, b) => a - b); console.log(k, 'p50', s[Math.floor(s.length / 2)]!.toFixed(2), 'p95', s[Math.floor(s.length * 0.95)]!.toFixed(2)); }
await benchReports(core, (l) => console.log(JSON.stringify(l)), 30);
await core.close();
