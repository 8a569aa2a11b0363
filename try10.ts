import { Core } from './electron/core/core';
import { seedDemo } from './electron/core/demo/seed';
let t = Date.parse('2026-11-20T20:00:00Z');
const core = await Core.open({ dataDir: null, clock: () => new Date(t), timeZone: 'Europe/Berlin', maintenance: false });
await seedDemo(core, { years: 4, end: '2026-11-20T18:00:00Z' });
const db = core.db as any;
const orig = db.transaction;
let log: Array<[number, string]> = [];
db.transaction = (fn: any) => orig((tx: any) => fn({ ...tx, query: async (sql: string, p: any) => { const t0 = performance.now(); const r = await tx.query(sql, p); log.push([performance.now() - t0, sql.replace(/\s+/g, ' ').slice(0, 90)]); return r; } }));
for (const [ch, input] of [['reports.weekly', { week: '2025-W40' }], ['reports.weekly', { week: '2025-W40' }], ['reports.monthly', { month: '2025-09' }], ['reports.daily', { date: '2025-09-10' }]] as const) {
  log = [];
  const t0 = performance.now();
  await core.call(ch as any, input as any);
  console.log(ch, 'total', (performance.now() - t0).toFixed(1));
  for (const [ms, q] of log.sort((a, b) => b[0] - a[0]).slice(0, 8)) console.log('  ', ms.toFixed(2), q);
}
await core.close();
